import { nutrientsFrom, type NutrientGoals, type NutrientKey, type Nutrients } from '../../schemas/nutrients.js'
import { fieldOf } from '../thrown.js'
import type { StoredEntry, StoredProfile } from './store.js'

/** Fiber per 1,000 kcal and the sodium limit a day defaults to (Dietary Guidelines for Americans 2020-2025). */
export const FIBER_G_PER_1000_KCAL = 14
export const SODIUM_MG_LIMIT = 2300
/** The citation for those defaults. */
export const GUIDELINES = 'U.S. Department of Agriculture and U.S. Department of Health and Human Services. Dietary Guidelines for Americans, 2020-2025 (fiber 14 g per 1,000 kcal; sodium under 2,300 mg a day)'

const round1 = (n: number): number => Math.round((n + Number.EPSILON) * 10) / 10

/**
 * A day's nutrient totals over its meals, and notes on the unknown ones. A meal that matched no food
 * (kcal null) adds nothing, as it adds nothing to kcal_in; a meal with no value for a nutrient (its row
 * lacks it, or it was logged before meals carried nutrients) makes that day's total null.
 */
export function dayNutrients (entries: readonly StoredEntry[]): { nutrients: Nutrients, notes: string[] } {
  const meals = entries.filter((e) => e.topic === 'food' && e.facts.kcal !== null)
  const missing = new Map<NutrientKey, number>()
  const nutrients = nutrientsFrom((key) => {
    let total = 0
    for (const meal of meals) {
      // Meals logged before meals carried nutrients have none.
      const value = fieldOf(meal.facts.nutrients, key)
      if (typeof value === 'number') total += value
      else missing.set(key, (missing.get(key) ?? 0) + 1)
    }
    return missing.has(key) ? null : round1(total)
  })
  // One note per distinct count, so twelve unknowns from one old meal read as one line.
  const byCount = new Map<number, NutrientKey[]>()
  for (const [key, n] of missing) byCount.set(n, [...(byCount.get(n) ?? []), key])
  const notes = [...byCount].map(([n, keys]) =>
    `${keys.join(', ')} unknown for the day: ${n} of ${meals.length} meal${meals.length === 1 ? '' : 's'} ${n === 1 ? 'has' : 'have'} no value`)
  return { nutrients, notes }
}

/** The goals a day is measured against: the profile's, else the guideline defaults (fiber only with a kcal_goal; no sugars default). */
export function nutrientGoals (profile: StoredProfile): NutrientGoals {
  return {
    fiber_g_goal: profile.fiber_g_goal ?? (profile.kcal_goal === null ? null : round1(FIBER_G_PER_1000_KCAL * profile.kcal_goal / 1000)),
    sodium_mg_limit: profile.sodium_mg_limit ?? SODIUM_MG_LIMIT,
    sugars_g_limit: profile.sugars_g_limit
  }
}
