import { Memo } from '../memo.js'

/** Unit classes a stated figure is checked in. */
type Dimension = 'kcal' | 'litre' | 'minute' | 'gram' | 'kg' | 'dose'

const UNITS: Array<[RegExp, Dimension, number]> = [
  [/^(k?cals?|calories|calorie|kilocalories)$/i, 'kcal', 1],
  [/^(l|litres?|liters?)$/i, 'litre', 1],
  [/^(ml|millilitres?|milliliters?)$/i, 'litre', 0.001],
  [/^(min|mins|minutes?)$/i, 'minute', 1],
  [/^(h|hrs?|hours?)$/i, 'minute', 60],
  [/^(g|grams?)$/i, 'gram', 1],
  [/^(kg|kilos?|kilograms?)$/i, 'kg', 1],
  // Milligrams: the service computes them only for a meal's or a day's nutrients (sodium_mg,
  // vitamin_d_mcg, …); any other such figure from the model, a drug or supplement dose
  // ("take 80 mg of …"), is invented. It never computes international units.
  [/^(mg|milligrams?|iu)$/i, 'dose', 1],
  [/^(mcg|µg|ug|micrograms?)$/i, 'dose', 0.001]
]

// "1,500" groups thousands (English prose); any other comma is a decimal one ("1,5 L").
const FIGURE = /(?:(\d{1,3}(?:,\d{3})+(?:\.\d+)?)|(\d+(?:[.,]\d+)?))\s*(k?cals?|kcals|calories|calorie|kilocalories|litres?|liters?|l|ml|millilitres?|milliliters?|mins?|minutes?|hrs?|hours?|h|grams?|g|kg|kilos?|kilograms?|mg|mcg|µg|ug|milligrams?|micrograms?|iu)(?![\p{L}\p{N}])/giu

/** A number with a unit, converted to its dimension's base unit. */
export interface Figure { value: number, dimension: Dimension, text: string }

/** Finds the figures with units in a text ("about 488 kcal", "1.3 L", "45 minutes"). */
export function findFigures (text: string): Figure[] {
  const figures: Figure[] = []
  for (const m of text.matchAll(FIGURE)) {
    const value = m[1] !== undefined ? Number(m[1].replaceAll(',', '')) : Number(m[2].replace(',', '.'))
    // FIGURE only captures units that UNITS lists, and exactly one row matches each.
    for (const [re, dimension, factor] of UNITS) {
      if (re.test(m[3])) figures.push({ value: value * factor, dimension, text: m[0] })
    }
  }
  return figures
}

// The request's texts recur (the facts' basis, sources and notes, the table rows' names), so their
// figures are found once; bounded, as any text may come from a user. Callers only read the lists.
const textFigures = new Memo<readonly Figure[]>(2000)
function figuresOfText (text: string): readonly Figure[] {
  return textFigures.get(text, () => findFigures(text))
}

/** Collects every number in the request (entry and facts, strings included) by the dimension its field name or text suggests. */
export function knownFigures (data: unknown): Record<Dimension, number[]> {
  const known: Record<Dimension, number[]> = { kcal: [], litre: [], minute: [], gram: [], kg: [], dose: [] }
  const visit = (value: unknown, key: string) => {
    if (typeof value === 'number') {
      const dimension = dimensionOfKey(key)
      if (dimension !== undefined) known[dimension].push(/_mcg$/.test(key) ? value * 0.001 : value)
    } else if (typeof value === 'string') {
      for (const f of figuresOfText(value)) known[f.dimension].push(f.value)
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, key)
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, k)
    }
  }
  visit(data, '')
  return known
}

function dimensionOfKey (key: string): Dimension | undefined {
  if (/kcal|calories/.test(key)) return 'kcal'
  if (/_l$|liters|litres/.test(key)) return 'litre'
  if (/minutes|duration/.test(key)) return 'minute'
  if (key === 'weight_kg') return 'kg'
  if (/_g$|_g_goal$|_g_limit$|^grams$/.test(key)) return 'gram'
  if (/_mg$|_mg_limit$|_mcg$/.test(key)) return 'dose'
  return undefined
}

/** Relative tolerance, with an absolute floor per dimension, for rounding in prose ("about 490 kcal"). */
const TOLERANCE: Record<Dimension, { rel: number, abs: number }> = {
  kcal: { rel: 0.1, abs: 15 },
  litre: { rel: 0.1, abs: 0.1 },
  minute: { rel: 0.1, abs: 2 },
  gram: { rel: 0.15, abs: 3 },
  kg: { rel: 0.05, abs: 1 },
  dose: { rel: 0.05, abs: 0 }
}

/**
 * Returns the first figure in `message` that the service did not compute or
 * receive (beyond rounding), or undefined when every stated number is grounded.
 */
export function ungroundedFigure (message: string, data: unknown): Figure | undefined {
  const stated = findFigures(message)
  // Most replies state no figure, and then the request need not be read at all.
  if (stated.length === 0) return undefined
  const known = knownFigures(data)
  return stated.find((figure) => {
    const { rel, abs } = TOLERANCE[figure.dimension]
    return !known[figure.dimension].some((k) => Math.abs(k - figure.value) <= Math.max(abs, Math.abs(k) * rel))
  })
}
