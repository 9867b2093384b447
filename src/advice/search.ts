import type { ActivitySearchItem, FoodSearchItem } from '../../schemas/search.js'
import synonyms from './data/activity-synonyms.json' with { type: 'json' }
import { citation, type Food } from './data/foods.js'
import { vendored } from './data/vendored.js'
import { ActivitySynonyms, activities, activityIndex, identifierWords, matchActivity, type Activity } from './text/activities.js'
import { mealLookup } from './text/meal/parse.js'
import { createRewriter, tokens } from './text/tokens.js'

// Search ranks with the text readers' own index and lookup (one copy of each, built once), so a search
// and a meal or workout text agree.
const activityWords = createRewriter(vendored('activity-synonyms.json', ActivitySynonyms, synonyms).words)

/** Builds both now (nothing, when the text readers already have), so the first search does not pay for them. */
export function warmSearch (): void {
  mealLookup()
  activityIndex()
}

/** The first `limit` rows of a list, each once, in order. */
function distinct<T> (rows: ReadonlyArray<T | undefined>, limit: number): T[] {
  return [...new Set(rows.filter((r): r is T => r !== undefined))].slice(0, limit)
}

const foodItem = (food: Food): FoodSearchItem => ({
  id: food.code,
  source: citation(food),
  description: food.description,
  kcal_per_100g: food.kcalPer100g,
  protein_g: food.proteinPer100g,
  carbs_g: food.carbsPer100g,
  fat_g: food.fatPer100g,
  portions: food.portions.map((p) => ({ description: p.description, grams: p.grams }))
})

/**
 * Food rows for a search, best first: the row a meal text of these words is matched to (so a search
 * and a meal text agree), then the food index's ranked rows. Words the index does not know give nothing.
 */
export function searchFoods (q: string, limit: number): FoodSearchItem[] {
  const lookup = mealLookup()
  const words = lookup.words(q)
  if (words.length === 0) return []
  return distinct([lookup.find(words)?.food, ...lookup.candidates(words, limit).map((c) => c.food)], limit).map(foodItem)
}

const activityItem = (a: Activity): ActivitySearchItem => ({ code: a.code, heading: a.heading, description: a.description, met: a.met })

/**
 * Compendium rows for a search, best first: the row a workout text of these words is matched to, then
 * the activity index's ranked rows for the words (read like a workout text: our word rewrites, typos corrected).
 */
export function searchActivities (q: string, limit: number): ActivitySearchItem[] {
  const index = activityIndex()
  const words = activityWords.words(index.correct(tokens(identifierWords(q))))
  const matched = matchActivity(q)
  const byCode = matched === null ? undefined : activities.find((a) => a.code === matched.code)
  const ranked = words.length === 0 ? [] : index.search(words, limit).map((c) => activities[c.index])
  return distinct([byCode, ...ranked], limit).map(activityItem)
}
