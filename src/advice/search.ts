import type { ActivitySearchItem, FoodSearchItem } from '../../schemas/search.js'
import { activities, activityIndexEntries, identifierWords, matchActivity, type Activity } from './data/activities.js'
import synonyms from './data/activity-synonyms.json' with { type: 'json' }
import { citation, type Food } from './data/foods.js'
import { createFoodLookup, type FoodLookup } from './facts/meal/lookup.js'
import { prebuiltIndex } from './match/prebuilt.js'
import { openOrCreateTextIndex, type TextIndex } from './match/text-index.js'
import { createRewriter, tokens } from './match/tokens.js'

// Both indexes are costly to build (the food one most): built on the first search, then kept. They are
// built from the same rows, entries and weights as the text readers' own, so they rank the same way.
let foodLookup: FoodLookup | undefined
let activityIndex: TextIndex | undefined
const activityWords = createRewriter((synonyms as { words: Record<string, string> }).words)

/** Builds the search indexes now, so the first search does not pay for them. */
export function warmSearch (): void {
  foodLookup ??= createFoodLookup()
  activityIndex ??= openOrCreateTextIndex(prebuiltIndex('activities'), activities.length, activityIndexEntries)
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
  warmSearch()
  const lookup = foodLookup as FoodLookup
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
  warmSearch()
  const index = activityIndex as TextIndex
  const words = activityWords.words(index.correct(tokens(identifierWords(q))))
  const matched = matchActivity(q)
  const byCode = matched === null ? undefined : activities.find((a) => a.code === matched.code)
  const ranked = words.length === 0 ? [] : index.search(words, limit).map((c) => activities[c.index])
  return distinct([byCode, ...ranked], limit).map(activityItem)
}
