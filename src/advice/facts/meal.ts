import type { FoodItem } from '../../../schemas/food.js'
import { foods, type FoodRow } from '../data/foods.js'
import { createMatcher, type Match, type Matcher } from './meal-match.js'
import { readAmount, weigh, type Amount, type PortionSize } from './meal-units.js'
import { ignorable, leadingArticle, protectedAliases, splitMeal, words } from './meal-words.js'
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

function macro (per100g: number | null, grams: number): number | null {
  return per100g === null ? null : round(grams * per100g / 100, 1)
}

/** Builds a meal parser over a food table; the API uses {@link parseMeal}, tests may pass their own rows. */
export function createMealParser (rows: readonly FoodRow[]): (text: string, options?: MealOptions) => MealParse {
  const matcher = createMatcher(rows)
  const guarded = protectedAliases(matcher.aliases)
  return (text, options = {}) => parse(text, options, matcher, guarded)
}

function toItem (text: string, found: Match, amount: Amount, size: PortionSize | undefined): FoodItem {
  const { row } = found
  const weighed = weigh(row, amount, size)
  const grams = round(weighed.grams, 1)
  return {
    text,
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
  }
}

const NO_AMOUNT: Amount = { quantity: null, unit: null, description: '' }

function parse (text: string, options: MealOptions, matcher: Matcher, guarded: readonly string[]): MealParse {
  const items: FoodItem[] = []
  const unmatched: string[] = []
  const size = options.portionSize
  // The last item given with no amount, which an amount-only part right after it may still size.
  let open: { index: number, text: string, found: Match } | null = null
  const { parts, restore } = splitMeal(text, guarded)
  for (const { raw, text: part } of parts) {
    const amount = readAmount(leadingArticle(raw))
    amount.description = restore(amount.description)
    const last = open
    open = null
    if (words(amount.description).every(ignorable)) {
      // "olive oil, 2 tbsp": a bare amount sizes the food before it; other leftovers ("a", "the",
      // a lone "breakfast") name nothing and are dropped rather than reported.
      const sized = amount.quantity !== null || amount.unit !== null
      if (last !== null && sized) items[last.index] = toItem(`${last.text}, ${part}`, last.found, amount, size)
      continue
    }
    const found = matcher.match(amount.description)
    if (found !== null) {
      if (amount.quantity === null && amount.unit === null) open = { index: items.length, text: part, found }
      items.push(toItem(part, found, amount, size))
      continue
    }
    // "avocado toast": the amount belongs to the head noun, the second food.
    const pair = matcher.matchPair(amount.description)
    if (pair === null) unmatched.push(part)
    else items.push(toItem(part, pair[0], NO_AMOUNT, size), toItem(part, pair[1], amount, size))
  }
  return { items, unmatched }
}

/** Parses free English meal text into matched food items and unmatched parts; never guesses an unknown food. */
export const parseMeal: (text: string, options?: MealOptions) => MealParse = createMealParser(foods)
