import type { ActivitySearchItem, FoodSearchItem } from '../../schemas/search.js'
import synonyms from './data/activity-synonyms.json' with { type: 'json' }
import { citation, type Food } from './data/foods.js'
import { vendored } from './data/vendored.js'
import { ActivitySynonyms, activities, activityIndex, identifierWords, matchActivity, type Activity } from './text/activities.js'
import { mealLookup } from './text/meal/parse.js'
import { nameKey, type MatchableFood } from './text/meal/user-foods.js'
import { round } from './facts/round.js'
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

const per100g = (value: number | null, grams: number): number | null => value === null ? null : round(value * 100 / grams, 2)

/**
 * A user's own foods for a search, in the order given: those whose name or an alias has a word
 * starting with each word asked ("prot sh" finds "protein shake"), as rows per 100 g with their serving.
 */
export function searchUserFoods (q: string, foods: readonly MatchableFood[], limit: number): FoodSearchItem[] {
  const asked = nameKey(q).split(' ').filter((w) => w !== '')
  if (asked.length === 0) return []
  const found = foods.filter((food) => [food.name, ...food.aliases].some((name) => {
    const words = nameKey(name).split(' ')
    return asked.every((a) => words.some((w) => w.startsWith(a)))
  }))
  return found.slice(0, limit).map((food) => ({
    id: food.id,
    source: `user food ${food.id}`,
    description: food.name,
    kcal_per_100g: per100g(food.per_serving.kcal, food.serving.grams) ?? 0,
    protein_g: per100g(food.per_serving.protein_g, food.serving.grams),
    carbs_g: per100g(food.per_serving.carbs_g, food.serving.grams),
    fat_g: per100g(food.per_serving.fat_g, food.serving.grams),
    portions: [{ description: food.serving.description, grams: food.serving.grams }]
  }))
}
