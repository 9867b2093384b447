import type { Food, Portion } from '../../data/foods.js'
import { fold, stem } from '../tokens.js'
import type { Amount, Unit } from './amount.js'
import { CONTAINERS, SIZE_FACTOR, SIZE_WORDS, UNIT_WORDS } from './lexicon.js'

/** Grams for an amount of a food, the portion row (or measure) they came from, and how far to trust them (0–1). */
export interface Weighed { grams: number, quantity: number, unit: string, trust: number }

interface Parsed { portion: Portion, text: string, count: number, words: ReadonlySet<string>, told: ReadonlySet<string>, numbers: readonly number[], length: number, serving: boolean }

// Rows that are not servings: USDA's guideline amounts, dimension units and raw-to-cooked yields.
const NOT_A_SERVING = /guideline amount|cubic inch|surface inch|oz,? (?:raw|dry)?,? ?yields?\b|^1 oz, (?:raw|dry|cooked)|inch (?:piece|cube)/i
const DEFAULT_ROW = 'quantity not specified'

const ALL_SIZES = new Set(Object.values(SIZE_WORDS).flat())
const cache = new WeakMap<Food, Parsed[]>()

const wordsOf = (text: string): string[] => text.replace(/^[\d./]+\s/, '').split(/[ /,-]+/).filter((w) => w.length > 0).map(stem)

function parsedPortions (food: Food): Parsed[] {
  const known = cache.get(food)
  if (known !== undefined) return known
  const named = new Set(wordsOf(fold(food.description)))
  const parsed = food.portions.map((portion): Parsed => {
    const text = fold(portion.description)
    const lead = /^(\d+(?:\.\d+)?)(?:\/(\d+))?\s/.exec(text)
    const count = lead === null ? 1 : Number(lead[1]) / (lead[2] === undefined ? 1 : Number(lead[2]))
    const words = new Set(wordsOf(text))
    // A parenthesis qualifies the serving ("1 sandwich (1 slice bread)"): its words tell servings apart
    // when they say something the food's name does not ("slice"), never by repeating it ("bread").
    const outside = new Set(wordsOf(fold(portion.description.replace(/\([^)]*\)/g, ' '))))
    const told = new Set([...words].filter((w) => outside.has(w) || !named.has(w)))
    // From the source text: folding drops the parentheses ("1 bottle (20 fl oz)").
    const numbers = [...portion.description.matchAll(/\((\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]))
    return { portion, text, count, words, told, numbers, length: words.size, serving: !NOT_A_SERVING.test(portion.description) }
  })
  cache.set(food, parsed)
  return parsed
}

function servings (food: Food): Parsed[] {
  return parsedPortions(food).filter((p) => p.serving)
}

function defaultRow (food: Food): Parsed | undefined {
  const all = parsedPortions(food)
  return all.find((p) => p.text === DEFAULT_ROW) ?? servings(food)[0] ?? all[0]
}

/** A volume row of the food ("1 cup", "1 fl oz", "1 tablespoon") and the millilitres it stands for, giving its density. */
function density (food: Food): number | null {
  // Matched on the folded text, which has no parentheses: "1 fl oz (no ice)" reads "1 fl oz no ice".
  for (const [pattern, ml] of [[/^1 fl oz(?: (?:nfs|no ice))?$/, 29.5735], [/^1 cup(?: 8 fl oz)?$/, 236.588], [/^1 tablespoon$/, 14.787], [/^1 teaspoon$/, 4.929]] as const) {
    const row = parsedPortions(food).find((p) => pattern.test(p.text))
    if (row !== undefined) return row.portion.grams / ml
  }
  return null
}

const SPOON_ML: Readonly<Record<string, number>> = { cup: 236.588, tablespoon: 14.787, teaspoon: 4.929 }
const SPOON = /^[\d./]+ (cup|tablespoon|teaspoon)\b/

// A food measured only cut or cooked ("1 cup, cooked, diced"): that row (one the text names first) gives its density.
function cutVolume (food: Food, foodWords: readonly string[]): { row: Parsed, perMl: number } | null {
  const said = (p: Parsed): number => foodWords.filter((w) => p.told.has(stem(w))).length
  const row = servings(food).filter((p) => p.portion.grams > 0 && SPOON.test(p.text)).reduce<Parsed | null>((a, p) => a === null || said(p) > said(a) ? p : a, null)
  return row === null ? null : { row, perMl: row.portion.grams / (row.count * SPOON_ML[SPOON.exec(row.text)?.[1] ?? 'cup']) }
}

/** USDA's typical amount of the food: its "Quantity not specified" row's weight, when it has one. */
function typicalGrams (food: Food): number | null {
  const row = parsedPortions(food).find((p) => p.text === DEFAULT_ROW)
  return row === undefined || row.portion.grams <= 0 ? null : row.portion.grams
}

const isDrink = (food: Food): boolean => food.portions.some((p) => /fl oz/.test(p.description))

function byMeasure (food: Food, value: number, unit: Unit): { grams: number, trust: number } | null {
  // Every mass and volume unit has a size; a count has none and is weighed by its portions.
  if (unit.size === undefined) return null
  // "20 oz" of a drink is fluid ounces: nobody weighs a soda.
  if (unit.kind === 'mass' && !(unit.name === 'oz' && isDrink(food))) return { grams: value * unit.size, trust: 1 }
  const ml = value * (unit.name === 'oz' ? 29.5735 : unit.size)
  const perMl = density(food)
  return perMl === null ? null : { grams: ml * perMl, trust: 0.95 }
}

function hasSize (p: Parsed, size: string): boolean {
  return (SIZE_WORDS[size] ?? []).some((w) => p.words.has(w))
}

// How far down the size's own words a row names it: "fun size" is first "1 fun/snack size", then "1 miniature".
function sizeRank (p: Parsed, size: string): number {
  return (SIZE_WORDS[size] ?? []).findIndex((w) => p.words.has(w))
}

// Food words in a portion row ("1 medium ice cream cup") only tell rows apart when nothing else does:
// they decide a bare count ("3 cookies" → "1 cookie"), and barely count beside a unit ("a scoop" → "1 scoop").
const FOOD_WORD = { count: 0.5, unit: 0.1 } as const

// A container said without its size is the usual one: among rows naming it ("1 can or bottle (12 fl oz)",
// "1 bottle (40 fl oz)"), the nearer in weight to USDA's "Quantity not specified" (its typical amount)
// wins, by this much per factor e of difference.
const TYPICAL = 0.3
const NFS_ROW = 0.4

function score (p: Parsed, unitWords: readonly string[], size: string | null, food: readonly string[], measure: number | null, foodWord: number, typical: number | null): number {
  let s = 0
  if (typical !== null && size === null && measure === null && CONTAINERS.has(unitWords[0]) && p.portion.grams > 0) s -= TYPICAL * Math.abs(Math.log(p.portion.grams / typical))
  const u = unitWords.findIndex((w) => p.words.has(w))
  if (u >= 0) s += 3 - u * 0.5
  if (measure !== null && p.numbers.includes(measure)) s += 2
  if (size !== null) s += hasSize(p, size) ? 1.5 - 0.1 * sizeRank(p, size) : ([...p.words].some((w) => ALL_SIZES.has(w)) ? -1 : 0)
  // No size said: USDA's "NFS" row for the unit ("1 piece, NFS") is the size not specified, then the medium one.
  else if (p.words.has('nfs')) s += NFS_ROW
  else if (p.words.has('medium') || p.words.has('regular')) s += 0.3
  for (const w of new Set(food)) if (p.told.has(w)) s += foodWord
  return s - p.length * 0.05
}

function best (rows: readonly Parsed[], unitWords: readonly string[], size: string | null, food: readonly string[], measure: number | null, floor: number, typical: number | null, foodWord: number = FOOD_WORD.unit): Parsed | null {
  let top: Parsed | null = null
  let topScore = floor
  for (const p of rows) {
    const s = score(p, unitWords, size, food, measure, foodWord, typical)
    if (s > topScore) { top = p; topScore = s }
  }
  return top
}

const label = (p: Parsed): string => p.portion.description

// Rows that measure rather than count, so a count of items is never one of them.
const MEASURE_ROW: ReadonlySet<string> = new Set(['cup', 'oz', 'fl', 'tablespoon', 'teaspoon', 'bag', 'package', 'packet', 'container', 'pouch', 'box', 'can', 'bottle', 'serving', 'carton', 'jar'])
// Words FNDDS uses for one item of a food.
const ONE_ITEM: ReadonlySet<string> = new Set(['each', 'item', 'whole', 'full', 'piece', 'fruit', 'regular', 'medium'])
const USUAL_ITEM: ReadonlySet<string> = new Set(['regular', 'medium'])
// Sizes and variants that are not the usual item ("1 miniature roll", "1 Bagel Thin").
const NOT_TYPICAL: ReadonlySet<string> = new Set(['mini', 'miniature', 'bite', 'large', 'jumbo', 'extra', 'small', 'thin', 'thick', 'kid', 'child'])

function bestCount (rows: readonly Parsed[], foodWords: readonly string[]): Parsed | null {
  let top: Parsed | null = null
  let topScore = 0.3
  for (const p of rows) {
    // A row of several ("10 chips") counts the food too when it names it: each is its share.
    if ((p.count !== 1 && !(p.count > 1 && foodWords.some((w) => p.told.has(w)))) || [...p.words].some((w) => MEASURE_ROW.has(w))) continue
    let s = 0
    for (const w of new Set(foodWords)) if (p.told.has(w)) s += 1
    // "Regular" and "medium" name the usual item outright; "piece" may be a bite of it ("1 piece" of a candy bar).
    const usual = [...p.words].reduce((n, w) => n + (USUAL_ITEM.has(w) ? 1.5 : ONE_ITEM.has(w) ? 1 : 0), 0)
    // An atypical size counts against a row only when it is not also the usual one ("1 regular/large" is usual).
    s += usual * 0.5 - (usual === 0 && [...p.words].some((w) => NOT_TYPICAL.has(w)) ? 1 : 0)
    s -= p.length * 0.05
    if (s > topScore) { top = p; topScore = s }
  }
  return top
}

// The text itself says the word, in the singular: "croissant" is one, "grapes" or "fries" are some.
function saysOne (text: string, word: string): boolean {
  return new RegExp(`(?:^|[^\\p{L}])${word.replace(/[^\p{L}\p{N}_]/gu, '\\$&')}(?![\\p{L}])`, 'u').test(text.toLowerCase())
}

/**
 * How well a food's own portion rows fit the amount the text said: 1 when a row names its unit or
 * container ("a can of …" and "1 can (12 fl oz)"), with the stated measure when there is one; 0 when
 * nothing was said that a row could name, or no row names it.
 */
export function portionFit (food: Food, amount: Amount): number {
  const { unit, measure, size } = amount
  if ((unit === null || unit.kind !== 'count') && measure === null && size === null) return 0
  const unitWords = unit === null || unit.kind !== 'count' ? [] : (UNIT_WORDS[unit.name] ?? [unit.name])
  const row = best(servings(food), unitWords, size, [], measure?.value ?? null, unit === null || unit.kind !== 'count' ? 1 : 2, typicalGrams(food))
  return row === null ? 0 : 1
}

/** Converts an amount of a food to grams, from its stated mass, the food's own FNDDS portion rows, or the documented fallbacks. */
export function weigh (food: Food, amount: Amount, foodWords: readonly string[], piece = false): Weighed | null {
  const q = amount.quantity ?? 1
  const { unit, measure, size } = amount
  const fallback = defaultRow(food)
  if (fallback === undefined) return null
  // A package that states its energy weighs what that energy is of this food.
  if (amount.kcal !== undefined && food.kcalPer100g > 0) return { grams: q * amount.kcal * 100 / food.kcalPer100g, quantity: q, unit: `${amount.kcal} calorie package`, trust: 1 }
  if (unit !== null && unit.kind !== 'count') {
    // "a small cup of tea", "a medium cup of ice cream": a size said with a cup is the food's sized
    // serving ("1 small", "1 medium ice cream cup"), not a measuring cup.
    const sized = size === null || unit.name !== 'cup' ? undefined : servings(food).find((p) => p.count === 1 && hasSize(p, size) && (p.words.has('cup') || p.length === 1))
    if (sized !== undefined) return { grams: q * sized.portion.grams, quantity: q, unit: label(sized), trust: 1 }
    const unitStem = stem(unit.name.slice(unit.name.lastIndexOf(' ') + 1))
    const ownRows = servings(food).filter((p) => p.count === 1 && p.words.has(unitStem) && (unit.name !== 'oz' || !isDrink(food)))
    // Of the food's cups, the one cut as the text says ("a cup of diced cheese" is "1 cup, diced"), else a plain one.
    const cutSaid = (p: Parsed): boolean => unit.name === 'cup' && [...p.told].some((w) => w !== unitStem && foodWords.some((f) => stem(f) === w) && !food.description.toLowerCase().includes(w))
    const own = ownRows.find(cutSaid) ?? ownRows.find((p) => p.words.size <= 2)
    if (own !== undefined && unit.kind === 'volume' && !['ml', 'l', 'cl', 'dl'].includes(unit.name)) {
      return { grams: q * own.portion.grams, quantity: q, unit: label(own), trust: 1 }
    }
    const measured = byMeasure(food, q, unit)
    if (measured !== null) return { grams: measured.grams, quantity: q, unit: unit.name, trust: measured.trust }
    const cut = cutVolume(food, foodWords)
    if (cut !== null && unit.kind === 'volume' && unit.size !== undefined) return { grams: q * unit.size * cut.perMl, quantity: q, unit: `${unit.name} (${label(cut.row)})`, trust: 0.9 }
    // Policy: a volume of a food with no volume row counts as one default portion, trusted less.
    return { grams: fallback.portion.grams, quantity: 1, unit: label(fallback), trust: 0.5 }
  }
  const unitWords = unit === null ? [] : (UNIT_WORDS[unit.name] ?? [unit.name])
  const rows = servings(food)
  if (unit !== null || size !== null || measure !== null) {
    // Needs a unit or size match to beat the floor; food words alone do not make a row the one meant.
    // A unit and a size no row names together ("a large round" muffin: "1 round", "1 large"): the size tells more.
    // Not a piece or slice, whose size may be the whole's, nor a container, whose typical one is meant.
    const apart = unit !== null && !['piece', 'slice'].includes(unit.name) && !CONTAINERS.has(unitWords[0]) && size !== null && measure === null && !rows.some((p) => hasSize(p, size) && unitWords.some((w) => p.words.has(w))) && rows.some((p) => hasSize(p, size))
    const found = apart ? best(rows, [], size, foodWords, null, 1, null) : best(rows, unitWords, size, foodWords, measure?.value ?? null, unit === null ? 1 : 2, typicalGrams(food))
    // "a 16 oz can" of a drink whose can row is 12 fl oz: the stated measure wins over the row's.
    const row = measure !== null && found !== null && !found.numbers.includes(measure.value) ? null : found
    if (row !== null) return { grams: q * row.portion.grams / row.count, quantity: q, unit: label(row), trust: 1 }
    // "10 piece nuggets": a generic countable with no row of its own counts the food's own items.
    if (unit !== null && (unit.name === 'piece' || unit.name === 'individual') && measure === null && size === null) {
      return weigh(food, { ...amount, unit: null, quantity: q }, foodWords, true)
    }
    // "a fun size bag" of a candy with no bag row: its row of that size ("1 fun/snack size"), a count.
    const sizedItem = unit !== null && size !== null && measure === null ? best(rows.filter((p) => ![...p.words].some((w) => MEASURE_ROW.has(w))), [], size, foodWords, null, 1, null) : null
    if (sizedItem !== null) return { grams: q * sizedItem.portion.grams / sizedItem.count, quantity: q, unit: label(sizedItem), trust: 0.8 }
    if (measure !== null) {
      const measured = byMeasure(food, measure.value * q, measure.unit)
      if (measured !== null) return { grams: measured.grams, quantity: q, unit: `${measure.value} ${measure.unit.name} ${unit?.name ?? ''}`.trim(), trust: measured.trust }
    }
    if (unit !== null && ['glass', 'mug', 'bowl'].includes(unit.name)) {
      const perMl = density(food)
      if (perMl !== null) return { grams: q * 236.588 * perMl, quantity: q, unit: unit.name, trust: 0.9 }
    }
    const factor = size === null ? 1 : SIZE_FACTOR[size]
    // "a medium quesadilla" with no sized row: the food's one item ("1 full circle"), sized.
    const item = unit === null && measure === null && amount.quantity !== null ? bestCount(rows, foodWords) : null
    // Not one fry of "a medium fries": the row's own word said only in the plural is a serving of it.
    const base = item !== null && [...item.told].every((w) => !foodWords.includes(w) || saysOne(amount.food, w)) ? item : fallback
    return { grams: q * factor * base.portion.grams / base.count, quantity: q, unit: `${size === null ? '' : `${size} `}${label(base)}`, trust: unit === null ? 0.8 : 0.6 }
  }
  {
    // A bare count ("3 Oreos", "6 strawberries", "a burrito"): the row for one of this food ("1 Oreo sandwich",
    // "1 fruit", "1 burrito"), never a serving of it ("Quantity not specified" is a serving, not an item).
    // A piece is part of a thing: "2 pieces of fried cod" are two fillets, not two "1 whole fish, any size".
    const row = bestCount(piece ? rows.filter((p) => !p.words.has('whole')) : rows, foodWords)
    // A food named with no amount at all ("croissant + latte") is one of it when a row names that one
    // item by the food's own name ("1 croissant", "1 mango"); a side said with no amount ("with onions",
    // "with lemon") is USDA's unspecified quantity, not a whole one ("1 whole", "1 fruit").
    // A plural said with no amount ("potato chips", "grapes") is some of it, not one.
    const named = row !== null && (amount.quantity !== null || (!row.words.has('whole') && foodWords.some((w) => row.told.has(w) && saysOne(amount.food, w))))
    if (row !== null && named) return { grams: q * row.portion.grams / row.count, quantity: q, unit: label(row), trust: 1 }
    // "6 buffalo wings" of a row whose one item row has its own word ("1 drummette"): that item, not six servings.
    const items = rows.filter((p) => p.count === 1 && p.text !== DEFAULT_ROW && ![...p.words].some((w) => MEASURE_ROW.has(w)))
    if (row === null && amount.quantity !== null && items.length === 1) return { grams: q * items[0].portion.grams, quantity: q, unit: label(items[0]), trust: 0.8 }
  }
  return { grams: q * fallback.portion.grams, quantity: q, unit: label(fallback), trust: amount.quantity === null ? 1 : 0.8 }
}
