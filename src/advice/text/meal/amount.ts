// The amount in an item phrase: "2 slices of", "a 12 fl oz can of", "171 grams of", "a large order of",
// "rice, 200 g". Everything else in the phrase names the food.

import { CHAINS, COFFEE_SIZES, COUNT_SYNONYMS, COUNT_UNITS, MEASURES, PLURAL_COUNTS, SIZES } from './lexicon.js'

/** A unit the text used: its canonical name and, for metric and US measures, its size. */
export interface Unit { name: string, kind: 'mass' | 'volume' | 'count', size?: number }

/** How much of a food a phrase says: a count, a unit, an inner measure ("20 oz" of "a 20 oz bottle"), a size word. */
export interface Amount {
  quantity: number | null
  unit: Unit | null
  /** A measure inside a container: "a 12 fl oz can" → 12 fl oz; its unit is mass or volume. */
  measure: { value: number, unit: Unit } | null
  size: string | null
  /** Energy per item the package states ("a 100 calorie pack of …"), in kcal; absent when none is said. */
  kcal?: number
  /** The food words left after the amount was read. */
  food: string
}

const count = (name: string): Unit => ({ name, kind: 'count' })
const UNITS: ReadonlyArray<[string, Unit]> = MEASURES.map(({ spellings, name, kind, size }) => [spellings, { name, kind, size }])

const FL_OZ: Unit = UNITS.find(([, u]) => u.name === 'fl oz')?.[1] ?? { name: 'fl oz', kind: 'volume', size: 29.5735 }
const CALORIE_PACK = /^((?:an?|one|\d+)\s+)?(\d+)[\s-]*(?:cal|cals|calorie|calories|kcal)\s+(?=(?:snack\s+)?(?:packs?|packages?|packets?|bags?|pouch(?:es)?)\b)/
// Beyond this a quantity is not an amount anyone ate (and would overflow the arithmetic).
const MAX_QUANTITY = 100000
const TRAILING_COUNT = /\s(fillets?|spears?|links?|wedges?|cloves?|stalks?|sprigs?|cubes?|rashers?)$/
// A container or form after the food counts it too, but may also be part of the food's name
// ("2 granola bars", "3 pizza slices", "2 beer cans"): it sets the unit and stays in the words.
const TRAILING_FORM = /\s(bars?|slices?|cans?|bottles?|pieces?|scoops?|packets?)$/
const NUM = '(\\d+(?:\\.\\d+)?(?:/\\d+)?)'
const UNIT_ALTS = UNITS.map(([re]) => re).join('|')
const UNIT_RE = new RegExp(`^(?:${UNIT_ALTS})$`)
const UNIT_PATTERNS = UNITS.map(([re, unit]): [RegExp, Unit] => [new RegExp(`^(?:${re})$`), unit])
const SIZE_PATTERNS = SIZES.map(([re, size]): [RegExp, string] => [new RegExp(`^(?:${re})$`), size])
const COUNT_RE = new RegExp(`^(?:${COUNT_UNITS.join('|')})(?:e?s)?$|^(?:${Object.keys(PLURAL_COUNTS).join('|')})$`)
const SIZE_ALTS = SIZES.map(([re]) => re).join('|')
const LEAD = new RegExp(
  `^(?:(?:an?|another|the|my|one)\\s+)?(?:${NUM}(?:\\s*(?:-|to|or)\\s*${NUM})?\\s+)?(?:x\\s+)?` +
  `(?:(?:an?\\s+)?${NUM}\\s*(${UNIT_ALTS})\\.?\\s+(?=\\S))?` +
  // "a large single serving bag": the size is "large"; "single serving" restates the container's kind.
  `(?:(${SIZE_ALTS})\\s+(?:single serv(?:e|ing)\\s+)?)?` +
  '(?:(\\S+(?: oz| ounces?)?)\\s+)?(?:of\\s+)?')
// "a starbucks grande latte": the chain's name before the size stays with the food it names.
const CHAIN_SIZE = new RegExp(`^(${CHAINS.map((c) => c.replace(/[-']/g, '\\$&')).join('|')})\\s+(${SIZE_ALTS})\\s+(?=\\S)`)
// Anchored at the end only: a leading lazy group here backtracked over the whole phrase.
const TRAIL = new RegExp(`(?:^|\\s|,)(x\\s*)?${NUM}\\s*(${UNIT_ALTS})\\.?(?:\\s+(?:bottle|can|cup|glass|carton|box|bag|jar|pack|package|container|tub)s?)?$`)

function fraction (s: string | undefined): number | null {
  if (s === undefined) return null
  const [n, d] = s.split('/')
  const value = d === undefined ? Number(n) : Number(n) / Number(d)
  // Zero is an amount ("0 g"); a number too large to weigh is not.
  return Number.isFinite(value) && value >= 0 && value <= MAX_QUANTITY ? value : null
}

/** The unit a word names, if any: a measure ("grams", "cups") or a countable ("slices", "cans"). */
export function unitOf (raw: string): Unit | null {
  // "tbsp.", "oz.": an abbreviation's full stop.
  const word = raw.replace(/\.$/, '')
  if (UNIT_RE.test(word)) {
    for (const [re, unit] of UNIT_PATTERNS) if (re.test(word)) return unit
  }
  if (COUNT_RE.test(word)) {
    const plural = PLURAL_COUNTS[word]
    const single = plural ?? [word, word.slice(0, -1), word.slice(0, -2)].find((w) => COUNT_UNITS.includes(w)) ?? word
    const name = COUNT_SYNONYMS[single] ?? single
    return (name === 'tablespoon' ? UNITS.find(([, u]) => u.name === 'tablespoon')?.[1] : undefined) ?? count(name)
  }
  return null
}

function sizeOf (word: string | undefined): string | null {
  if (word === undefined) return null
  for (const [re, size] of SIZE_PATTERNS) if (re.test(word)) return size
  return null
}

/** Reads the amount at the start of a phrase (or a metric amount at its end); the rest names the food. */
export function readAmount (phrase: string): Amount {
  // "a 100 calorie pack of almonds": the package states its energy; the rest is read as "a pack of almonds".
  const stated = CALORIE_PACK.exec(phrase.trim())
  if (stated !== null) {
    const kcal = fraction(stated[2])
    const amount = readAmount(`${stated[1] ?? ''} ${phrase.trim().slice(stated[0].length).replace(/^snack\s+/, '')}`)
    return kcal === null || kcal === 0 || amount.unit?.kind !== 'count' ? amount : { ...amount, kcal }
  }
  const text = phrase.trim()
  // The trailing space lets a phrase that is only an amount ("360 g") end its unit like any other.
  // LEAD matches every string: each of its parts is optional.
  const m = LEAD.exec(`${text} `) as RegExpExecArray
  let rest = `${text} `.slice(m[0].length).trim()
  let quantity = fraction(m[1])
  const upper = fraction(m[2])
  if (quantity !== null && upper !== null && upper > quantity) quantity = (quantity + upper) / 2
  const innerValue = fraction(m[3])
  const innerUnit = innerValue === null ? null : unitOf(m[4])
  const innerMeasure = innerValue === null || innerUnit === null ? null : { value: innerValue, unit: innerUnit }
  let size = sizeOf(m[5])
  let unit: Unit | null = null
  if (m[6] !== undefined) {
    unit = unitOf(m[6])
    // Not a unit: the word belongs to the food ("2 eggs"); give it back.
    if (unit === null) rest = `${m[6]} ${rest}`.trim()
  }
  const chain = size === null && unit === null ? CHAIN_SIZE.exec(rest) : null
  if (chain !== null) {
    size = sizeOf(chain[2])
    rest = `${chain[1]} ${rest.slice(chain[0].length)}`
  }
  // "a grande caramel macchiato": a coffee-shop size with no unit is its volume, for any drink.
  const cupSize = COFFEE_SIZES[chain?.[2] ?? m[5] ?? '']
  let measure = innerMeasure
  if (cupSize !== undefined && unit === null && measure === null) measure = { value: cupSize, unit: FL_OZ }
  // "a 12 fl oz can of soda", "500 ml bottle of water": the measure is inside a container.
  const container = /^(\S+)\s+(?:of\s+)?/.exec(rest)
  const inner = container === null ? null : unitOf(container[1])
  if (container !== null && unit !== null && unit.kind !== 'count' && measure === null && quantity !== null && inner?.kind === 'count') {
    return { quantity: 1, unit: inner, measure: { value: quantity, unit }, size, food: rest.slice(container[0].length) }
  }
  // "2 salmon fillets", "8 asparagus spears": a countable noun after the food is the unit that counts it.
  const noun = TRAILING_COUNT.exec(rest)
  if (noun !== null && /\p{L}/u.test(rest.slice(0, noun.index))) {
    // "30 g of cheddar cubes": with a unit already read, the noun only shapes the food, so it goes.
    unit ??= unitOf(noun[1])
    rest = rest.slice(0, noun.index).trim()
  }
  const form = unit === null && (quantity !== null || /^(?:an?|another|one)\s/.test(text)) ? TRAILING_FORM.exec(rest) : null
  if (form !== null && /\p{L}/u.test(rest.slice(0, form.index))) unit = unitOf(form[1])
  // "a 20 oz coke": the measure with no container is the amount itself.
  let amount: Amount = { quantity, unit, measure, size, food: rest }
  if (measure !== null && unit === null) amount = { quantity: (quantity ?? 1) * measure.value, unit: measure.unit, measure: null, size, food: rest }
  // A weight said after the food is what it weighed, whatever household unit came first
  // ("a cup of brewed coffee 480 g"); with no unit, it sizes the whole count ("2 tacos, 156 g").
  if (amount.measure === null && (amount.unit === null || amount.unit.kind === 'count' || amount.unit.name === 'cup')) {
    const tail = TRAIL.exec(amount.food)
    const food = tail === null ? '' : amount.food.slice(0, tail.index).replace(/[\s,]+$/, '')
    const value = tail === null ? null : fraction(tail[2])
    if (tail !== null && value !== null && /\p{L}/u.test(food)) {
      // "2 tacos, 156 g": the weight is the whole amount; "2 eggs x 50 g" is so much each.
      amount = { ...amount, quantity: tail[1] === undefined ? value : (amount.quantity ?? 1) * value, unit: unitOf(tail[3]), food }
    }
  }
  // "california roll 8 pieces", "pizza 2 slices": a count of a countable after the food, app-style;
  // "buffalo wings 6": a plural food then its count.
  const counted = amount.quantity === null && amount.unit === null ? /\s(\d+(?:\/\d+)?)\s*(\p{L}*)$/u.exec(amount.food) : null
  const countUnit = counted === null || counted[2] === '' ? null : unitOf(counted[2])
  const before = counted === null ? '' : amount.food.slice(0, counted.index)
  if (counted !== null && (countUnit?.kind === 'count' || (counted[2] === '' && /\p{L}[^s\s]s$/u.test(before) && Number(counted[1]) <= 100))) {
    amount = { ...amount, quantity: fraction(counted[1]), unit: countUnit, food: before.replace(/[\s,]+$/, '') }
  }
  // A leading article or no number at all: one of whatever unit (or one item).
  if (amount.quantity === null && /^(?:an?|another|one)\s/.test(text)) amount.quantity = 1
  return amount
}
