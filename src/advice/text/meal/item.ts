import type { FoodItem } from '../../../../schemas/food.js'
import { citation, type Food } from '../../data/foods.js'
import { nutrientsIn } from '../../data/nutrients.js'
import { round } from '../../facts/round.js'
import type { Amount } from './amount.js'
import type { FoodMatch } from './lookup.js'
import { weigh } from './portion.js'
import { tokens } from '../tokens.js'

// A meal item from the row found for a phrase and the amount said: its weight, energy, macronutrients
// and nutrients, and how far to trust it; and the words of a row, which the parser's dish checks ask for.

/** A portion size word, as in the API's portion_size field. */
export type PortionSize = 'small' | 'medium' | 'large'

// An item heavier than this (50 kg) is a typo or a test, not a meal: it is reported unmatched.
const MAX_GRAMS = 50000

function macro (per100g: number | null, grams: number): number | null {
  return per100g === null ? null : round(grams * per100g / 100, 1)
}

export function toItem (text: string, found: FoodMatch, amount: Amount, size: PortionSize | undefined): FoodItem | null {
  const sized: Amount = amount.quantity === null && amount.unit === null && amount.size === null && size !== undefined && size !== 'medium'
    ? { ...amount, size }
    : amount
  // The row's own head noun names its countable ("1 cookie" for "3 Oreos"), beside the words the text used.
  const weighed = weigh(found.food, sized, [...found.words, ...tokens(found.food.description.split(/,|\s+with\s+/i)[0])])
  // No weight (no portion rows) or an absurd one ("1e308 cups"): the item cannot be weighed.
  if (weighed === null || !(weighed.grams <= MAX_GRAMS)) return null
  const grams = round(weighed.grams, 1)
  const { food } = found
  return {
    text,
    food: food.description,
    quantity: round(weighed.quantity, 2),
    unit: weighed.unit,
    grams,
    kcal: round(grams * food.kcalPer100g / 100, 1),
    protein_g: macro(food.proteinPer100g, grams),
    carbs_g: macro(food.carbsPer100g, grams),
    fat_g: macro(food.fatPer100g, grams),
    nutrients: nutrientsIn(food.code, grams),
    confidence: round(found.confidence * weighed.trust, 2),
    source: citation(food)
  }
}

// A row's words, tokenised once per row (the whole-dish checks ask for them for every run tried): its
// own name; the name with our aliases; and those with the source's synonyms.
interface RowWords { name: ReadonlySet<string>, named: ReadonlySet<string>, said: ReadonlySet<string> }
const rowWordsOf = new WeakMap<Food, RowWords>()
export function rowWords (food: Food): RowWords {
  let words = rowWordsOf.get(food)
  if (words === undefined) {
    const name = tokens(food.description)
    const named = [...name, ...tokens(food.aliases.join(' '))]
    words = { name: new Set(name), named: new Set(named), said: new Set([...named, ...tokens(food.synonyms.join(' '))]) }
    rowWordsOf.set(food, words)
  }
  return words
}
