import { parseIngredient, type UnitOfMeasureDefinitions } from 'parse-ingredient'
import type { FoodRow, PortionUnit } from '../data/foods.js'

// The row schema's Partial<Record<…>> statics to {}, so name the shape the table notes describe.
type Grams = Partial<Record<PortionUnit, number>>

/** A portion size word, as in the API's portion_size field. */
export type PortionSize = 'small' | 'medium' | 'large'

/** A part of a meal split into its amount and the words naming the food. */
export interface Amount { quantity: number | null, unit: string | null, description: string }

/** Grams for an amount, the quantity and unit they stand for, and how far to trust the conversion (0–1). */
export interface Weighed { grams: number, quantity: number, unit: string, trust: number }

const unit = (short: string, plural: string, alternates: string[] = []): UnitOfMeasureDefinitions[string] => ({ short, plural, alternates })
const EXTRA_UNITS: UnitOfMeasureDefinitions = {
  slice: unit('slice', 'slices'),
  glass: unit('glass', 'glasses'),
  bowl: unit('bowl', 'bowls'),
  scoop: unit('scoop', 'scoops'),
  handful: unit('handful', 'handfuls'),
  serving: unit('serving', 'servings', ['portion', 'portions', 'helping', 'helpings']),
  bottle: unit('bottle', 'bottles'),
  pat: unit('pat', 'pats'),
  mug: unit('mug', 'mugs'),
  plate: unit('plate', 'plates', ['plateful', 'platefuls']),
  large: unit('large', 'large', ['lg', 'big']),
  strip: unit('strip', 'strips', ['rasher', 'rashers']),
  // British spellings parse-ingredient does not know; same ids, so the rest of the code is unchanged.
  liter: unit('l', 'liters', ['l.', 'liter', 'litre', 'litres', 'ltr']),
  milliliter: unit('ml', 'milliliters', ['ml.', 'millilitre', 'millilitres', 'mls']),
  gram: unit('g', 'grams', ['g.', 'gm', 'gms', 'gr', 'gram', 'gramme', 'grammes'])
}
// Container words that may follow a measure ("a 350 ml can of cola") or stand as the unit ("slice of pizza").
const CONTAINERS = new Set([...Object.keys(EXTRA_UNITS), 'can', 'cup', 'container', 'piece', 'jar', 'tub', 'packet', 'pack', 'bag', 'box'])
// Length units and "dozen" would misread meals ("1 in", "2 m&ms"); dozens become numbers earlier.
const IGNORED = ['in', 'in.', 'inch', 'inches', 'm', 'm.', 'meter', 'meters', 'cm', 'mm', 'ft', 'feet', 'foot', 'yd', 'dz', 'dozen']

// parse-ingredient's unit ids, renamed to the table's portion names where one exists.
const UNIT_NAMES: Readonly<Record<string, string>> = {
  gram: 'g',
  kilogram: 'kg',
  milligram: 'mg',
  ounce: 'oz',
  pound: 'lb',
  milliliter: 'ml',
  liter: 'l',
  deciliter: 'dl',
  'fluid ounce': 'fl_oz',
  tablespoon: 'tbsp',
  teaspoon: 'tsp'
}
/** Mass units, in grams: oz and lb are avoirdupois, so never read as fluid ounces. */
const MASS: Readonly<Record<string, number>> = { g: 1, kg: 1000, mg: 0.001, oz: 28.3495, lb: 453.592 }
// Volume in mL. cup, tbsp and tsp are the US measures that USDA household rows use (236.6 mL a cup).
const VOLUME: Readonly<Record<string, number>> = {
  ml: 1,
  l: 1000,
  dl: 100,
  fl_oz: 29.5735,
  pint: 473.176,
  quart: 946.353,
  gallon: 3785.41,
  cup: 236.588,
  glass: 236.588,
  mug: 236.588,
  tbsp: 14.787,
  tsp: 4.929
}
// Policy for a unit the row lacks: the nearest household unit the table notes define (glass = cup,
// bowl = cup, piece = medium or each), each step trusted a little less. A glass of a drink with no
// cup weight is its serving row (a 5 fl oz glass of wine), not 8 fl oz.
const FALLBACK: Readonly<Record<string, readonly PortionUnit[]>> = {
  glass: ['cup', 'serving'],
  mug: ['cup', 'glass'],
  bowl: ['cup'],
  cup: ['glass', 'bowl'],
  plate: ['serving', 'bowl'],
  piece: ['medium', 'serving'],
  medium: ['piece', 'serving'],
  serving: ['piece', 'medium'],
  slice: ['piece'],
  bottle: ['can'],
  can: ['bottle'],
  container: ['serving'],
  strip: ['slice', 'piece']
}
/** Policy: a small portion is 0.75 of the medium one and a large 1.5, when the row has no own small or large weight. */
export const SIZE_FACTOR: Readonly<Record<PortionSize, number>> = { small: 0.75, medium: 1, large: 1.5 }

/** Reads the quantity and unit at the start of a part; ranges ("2-3 eggs") count as their midpoint. */
export function readAmount (part: string): Amount {
  const options = { additionalUOMs: EXTRA_UNITS, ignoreUOMs: IGNORED, groupHeaderPatterns: [] }
  let [parsed] = parseIngredient(part, options)
  if (parsed.unitOfMeasureID === null && /^\S+$/.test(parsed.description)) {
    // parse-ingredient reads no unit at the end of a line ("olive oil, 2 tbsp"), so give it a tail.
    const [tailed] = parseIngredient(`${part} -`, options)
    if (tailed.unitOfMeasureID !== null) parsed = { ...tailed, description: '' }
  }
  let quantity = parsed.quantity
  if (quantity !== null && parsed.quantity2 !== null) quantity = (quantity + parsed.quantity2) / 2
  let name = parsed.unitOfMeasureID === null ? null : (UNIT_NAMES[parsed.unitOfMeasureID] ?? parsed.unitOfMeasureID)
  let description = parsed.description.replace(/^of\b\s*/, '')
  const inner = /^(\w+?)(?:e?s)? (?:of )?(.+)$/.exec(description)
  if (inner !== null && CONTAINERS.has(inner[1])) {
    // "1 large slice of pizza": the slice weighs it, not the size; "350 ml can of cola": the measure does.
    if (name === null || name in SIZE_FACTOR) name = inner[1]
    description = inner[2]
  }
  // "2 salmon fillets", "3 garlic cloves": the noun after the food is the unit that counts it.
  const noun = /\s(fillet|stick|clove|spear|strip|rasher|wedge)s?$/.exec(description)
  if (noun !== null && (name === null || name in SIZE_FACTOR)) name = /strip|rasher/.test(noun[1]) ? 'strip' : 'piece'
  return { quantity, unit: name, description }
}

function byVolume (row: FoodRow, ml: number): { grams: number, trust: number } | null {
  if (row.mlToG !== undefined) return { grams: ml * row.mlToG, trust: 1 }
  const cup = (row.portions as Grams).cup
  // With no mlToG, the row's own cup weight gives its density: derived from USDA, not invented.
  return cup === undefined ? null : { grams: ml * cup / VOLUME.cup, trust: 0.95 }
}

// Defaults that measure rather than count: "12 almonds" is not 12 handfuls, but "2 coffees" is 2 cups.
const MEASURES: ReadonlySet<string> = new Set(['cup', 'tbsp', 'tsp', 'handful', 'fl_oz', 'bowl'])

function byCount (row: FoodRow, p: Grams, quantity: number): Weighed {
  if (!MEASURES.has(row.defaultPortion) || row.mlToG !== undefined) {
    return { grams: quantity * (p[row.defaultPortion] as number), quantity, unit: row.defaultPortion, trust: 1 }
  }
  // Policy: a bare count of a measured food counts its pieces (or medium ones); with neither, we
  // cannot weigh one item, so it counts as one default portion, trusted less.
  const each = p.piece === undefined ? (p.medium === undefined ? null : 'medium') : 'piece'
  if (each === null) return { grams: p[row.defaultPortion] as number, quantity: 1, unit: row.defaultPortion, trust: 0.6 }
  return { grams: quantity * (p[each] as number), quantity, unit: each, trust: 1 }
}

/** Converts an amount of a food to grams, from mass, the row's household portions, or the documented fallbacks. */
export function weigh (row: FoodRow, amount: Amount, size?: PortionSize): Weighed {
  const p = row.portions as Grams
  const base = p[row.defaultPortion] as number
  const { quantity, unit } = amount
  if (unit === null) {
    if (quantity !== null) return byCount(row, p, quantity)
    if (size === undefined || size === 'medium') return { grams: base, quantity: 1, unit: row.defaultPortion, trust: 1 }
    const own = p[size]
    if (own !== undefined) return { grams: own, quantity: 1, unit: size, trust: 1 }
    return { grams: base * SIZE_FACTOR[size], quantity: SIZE_FACTOR[size], unit: row.defaultPortion, trust: 0.9 }
  }
  const q = quantity ?? 1
  if (unit in MASS) return { grams: q * MASS[unit], quantity: q, unit, trust: 1 }
  const own = p[unit as PortionUnit]
  if (own !== undefined) return { grams: q * own, quantity: q, unit, trust: 1 }
  for (const other of FALLBACK[unit] ?? []) {
    const grams = p[other]
    if (grams !== undefined) return { grams: q * grams, quantity: q, unit, trust: 0.9 }
  }
  if (unit === 'tbsp' && p.tsp !== undefined) return { grams: q * 3 * p.tsp, quantity: q, unit, trust: 1 }
  if (unit === 'tsp' && p.tbsp !== undefined) return { grams: q * p.tbsp / 3, quantity: q, unit, trust: 1 }
  const volume = unit in VOLUME ? byVolume(row, q * VOLUME[unit]) : null
  if (volume !== null) return { ...volume, quantity: q, unit }
  if (unit in SIZE_FACTOR) {
    const factor = SIZE_FACTOR[unit as PortionSize]
    return { grams: q * base * factor, quantity: q * factor, unit: row.defaultPortion, trust: 0.8 }
  }
  // Policy: a unit we cannot weigh for this food ("500 ml" of a solid, "a handful of rice") counts
  // as one default portion per unit, or one in all for metric volumes, and is trusted less.
  const count = unit in VOLUME && !(unit in FALLBACK) ? 1 : q
  return { grams: count * base, quantity: count, unit: row.defaultPortion, trust: 0.6 }
}
