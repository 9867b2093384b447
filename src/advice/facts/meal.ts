import type { FoodItem } from '../../../schemas/food.js'
import { foods } from '../data/foods.js'
import { createMatcher } from './meal-match.js'
import { readAmount, weigh, type PortionSize } from './meal-units.js'
import { COOKING, LONE_WORDS, MODIFIERS, leadingArticle, protectedAliases, splitMeal, words } from './meal-words.js'
import { round } from './round.js'

/** Foods recognised in a meal, and the parts of the text that named no known food. */
export interface MealParse { items: FoodItem[], unmatched: string[] }

/** Options for {@link parseMeal}. */
export interface MealOptions {
  /**
   * Overall portion size. Policy: it scales only items given with neither a quantity nor a unit;
   * the row's own small or large weight is used when it has one, else the default portion × 0.75
   * (small), × 1 (medium) or × 1.5 (large).
   */
  portionSize?: PortionSize | undefined
}

const matcher = createMatcher(foods)
const guarded = protectedAliases(matcher.aliases)

function macro (per100g: number | null, grams: number): number | null {
  return per100g === null ? null : round(grams * per100g / 100, 1)
}

/** Parses free English meal text into matched food items and unmatched parts; never guesses an unknown food. */
export function parseMeal (text: string, options: MealOptions = {}): MealParse {
  const items: FoodItem[] = []
  const unmatched: string[] = []
  const { parts, restore } = splitMeal(text, guarded)
  for (const { raw, text: part } of parts) {
    const amount = readAmount(leadingArticle(raw))
    amount.description = restore(amount.description)
    const named = words(amount.description)
    // Leftovers such as "a", "the" or a lone "breakfast" name nothing: drop them rather than report them.
    if (named.every((w) => LONE_WORDS.has(w) || MODIFIERS.has(w) || COOKING.has(w))) continue
    const found = matcher.match(amount.description)
    if (found === null) {
      unmatched.push(part)
      continue
    }
    const { row } = found
    const weighed = weigh(row, amount, options.portionSize)
    const grams = round(weighed.grams, 1)
    items.push({
      text: part,
      food: row.name,
      quantity: round(weighed.quantity, 2),
      unit: weighed.unit,
      grams,
      kcal: round(grams * row.kcalPer100g / 100, 1),
      protein_g: macro(row.proteinPer100g, grams),
      carbs_g: macro(row.carbsPer100g, grams),
      fat_g: macro(row.fatPer100g, grams),
      confidence: round(found.confidence * weighed.trust, 2),
      source: `USDA FDC ${row.fdcId}`
    })
  }
  return { items, unmatched }
}
