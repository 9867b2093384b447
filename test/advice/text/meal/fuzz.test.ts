import t from 'tap'
import fc from 'fast-check'
import { Value } from '@sinclair/typebox/value'
import { FoodItem } from '../../../../schemas/food.js'
import { Nutrients } from '../../../../schemas/nutrients.js'
import { readAmount } from '../../../../src/advice/text/meal/amount.js'
import { createFoodLookup } from '../../../../src/advice/text/meal/lookup.js'
import { parseMeal, type MealParse } from '../../../../src/advice/text/meal/parse.js'
import { mealSegments } from '../../../../src/advice/text/meal/text.js'
import { FUZZ_SEED, fuzzRuns } from '../../../helpers/fuzz-seed.js'

// Pinned seed: a failure here is reproducible; fast-check prints the counterexample and its path.
// Quantities stay below 10^16 here (or above Number.MAX_VALUE, which reads as no number): the
// overflow between them is its own test below, so it cannot hide other failures.
const RUN = { seed: FUZZ_SEED, numRuns: fuzzRuns(2000) }

const AMOUNTS = ['', 'a', 'an', '2', '0', '-5', '1e308', '0.0000001', '1/0', '1/2', '1 1/2', '½', '2-3', 'half a', 'a couple of', 'a dozen', '9'.repeat(15), '9'.repeat(309)]
const UNITS = ['', 'g', 'grams', 'kg', 'oz', 'fl oz', 'ml', 'l', 'cups', 'tbsp', 'tbsp.', 'slices', 'cans', 'bottles', 'a 20 oz bottle of', 'large', 'small', 'x']
const FOODS = ['rice', 'coke', 'diet coke', 'water', 'tap water', 'pepperoni pizza', 'burrito with chicken and beans', 'peanut butter and jelly sandwich', 'zorblax', 'qwxyz stew', 'sandwiches', 'eggs', 'latte', '']
const JOINS = [', ', ' and ', ' with ', '; ', ' along with ', ' topped with ', '. ', ' (', ') ', ' & ', ' plus ', ': ', ' - ']

/** Meal-like text: amounts, units and foods from the lists above and arbitrary strings, joined by item boundaries. */
const mealLike = fc.array(
  fc.tuple(fc.constantFrom(...AMOUNTS), fc.constantFrom(...UNITS), fc.oneof(fc.constantFrom(...FOODS), fc.string({ maxLength: 12 })), fc.constantFrom(...JOINS))
    .map(([amount, unit, food, join]) => `${amount} ${unit} ${food}${join}`),
  { maxLength: 12 }
).map((parts) => parts.join('').slice(0, 500))

/** Any text the schema lets through: at most 500 characters. */
const anyText = fc.oneof(
  fc.string({ maxLength: 500 }),
  fc.string({ unit: 'binary', maxLength: 500 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom(...'abcxyz'), minLength: 500, maxLength: 500 }),
  fc.double({ noNaN: true }).map((n) => `${n} g of rice`),
  fc.bigInt({ min: 0n, max: 10n ** 15n }).map((n) => `${n} cups of rice`),
  mealLike
)

/** Fails the property unless every item is a well-formed, finite, non-negative FoodItem. */
function checkParse (text: string, result: MealParse): void {
  if (result.items.length > 50) throw new Error(`${result.items.length} items`)
  for (const item of result.items) {
    for (const key of ['grams', 'kcal', 'quantity'] as const) {
      if (!Number.isFinite(item[key]) || item[key] < 0) throw new Error(`${key} ${item[key]} for ${JSON.stringify(item.text)} in ${JSON.stringify(text)}`)
    }
    for (const key of ['protein_g', 'carbs_g', 'fat_g'] as const) {
      const value = item[key]
      if (value !== null && (!Number.isFinite(value) || value < 0)) throw new Error(`${key} ${value} in ${JSON.stringify(text)}`)
    }
    // The schema bounds each nutrient (a finite number ≥ 0, or null).
    if (!Value.Check(FoodItem, [Nutrients], item)) throw new Error(`not a FoodItem: ${JSON.stringify(item)}`)
    if (item.text.trim() === '') throw new Error(`an item with no text in ${JSON.stringify(text)}`)
  }
  for (const part of result.unmatched) {
    if (part.trim() === '') throw new Error(`an empty unmatched part in ${JSON.stringify(text)}`)
  }
}

t.test('parseMeal never throws, and every item is finite and non-negative', async (t) => {
  t.doesNotThrow(() => fc.assert(fc.property(anyText, (text) => checkParse(text, parseMeal(text))), RUN))
})

t.test('edge inputs', async (t) => {
  const cases = [
    '', ' ', '.', '0 g of rice', 'rice 0 g', '-5 cups of rice', '1e308 g of rice', '0.0000001 g of rice', '1/0 cup of rice',
    'a'.repeat(500), '9'.repeat(500), '½'.repeat(250), 'and '.repeat(125), ', '.repeat(250), '(((((', 'w/ w/ w/',
    '\u0000\u0001\u200b\ufeff rice', '🍕🍕🍕 and 🍔', 'ｐｉｚｚａ', 'rice'.padEnd(500, ' '), 'rice '.repeat(100)
  ]
  for (const text of cases) {
    t.doesNotThrow(() => checkParse(text, parseMeal(text)), JSON.stringify(text.slice(0, 40)))
  }
})

t.test('a quantity too large for a double is not Infinity', async (t) => {
  // 308 nines is 1e308 cups, a finite count whose grams (× 163 g) pass Number.MAX_VALUE: quantity,
  // grams and kcal must stay finite, as JSON cannot carry Infinity. 309 nines is Infinity already as
  // a number and is read as no quantity.
  for (const digits of [308, 309]) {
    const text = `${'9'.repeat(digits)} cups of rice`
    t.doesNotThrow(() => checkParse(text, parseMeal(text)), `${digits}-digit quantity`)
  }
})

t.test('every plain word names an item or an unmatched part', async (t) => {
  const lookup = createFoodLookup()
  // A word survives as a food phrase when the narrative rules leave it, no amount reads it and the
  // lookup keeps a content word of it; such words, comma-separated, each give exactly one result.
  const survives = (w: string): boolean => {
    const segments = mealSegments(w)
    return segments.length === 1 && segments[0].length === 1 && segments[0][0] === w && readAmount(w).food === w && lookup.words(w).length > 0
  }
  const word = fc.stringMatching(/^[a-z]{3,12}$/).filter(survives)
  t.doesNotThrow(() => fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), (words) => {
    const { items, unmatched } = parseMeal(words.join(', '))
    if (items.length + unmatched.length !== words.length) {
      throw new Error(`${JSON.stringify(words)} gave ${items.length} items and ${JSON.stringify(unmatched)}`)
    }
  }), RUN))
})
