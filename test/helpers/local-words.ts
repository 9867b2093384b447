import type { Test } from 'tap'
import type { FoodFacts } from '../../schemas/food.js'
import type { GymFacts } from '../../schemas/gym.js'
import { NUTRIENT_KEYS, type Nutrients } from '../../schemas/nutrients.js'
import { computeWaterFacts } from '../../src/advice/facts/water.js'
import { countWords, guardMessage, MAX_WORDS } from '../../src/advice/upstream/guard.js'

// Fixtures shared by the local advisor's word tests.
export const SEEDS = Array.from({ length: 40 }, (_, i) => `seed-${i}`)

/** Every distinct message a writer gives over many seeds, sorted. */
export function variants (write: (seed: string) => string): string[] {
  return [...new Set(SEEDS.map(write))].sort()
}

/** Fails unless a message is plain, within the limit by both counts, and unchanged by the guard. */
export function assertClean (t: Test, text: string, label = text) {
  t.ok(countWords(text) <= MAX_WORDS, `${countWords(text)} words: ${label}`)
  t.ok(text.trim().split(/\s+/).length <= MAX_WORDS, `split on whitespace: ${label}`)
  t.same(guardMessage(text), { ok: true, text, trimmed: false }, `the guard leaves it alone: ${label}`)
}

export const water = (entry: Parameters<typeof computeWaterFacts>[0]) => computeWaterFacts(entry)

export function gymFacts (overrides: Partial<GymFacts>): GymFacts {
  return {
    activity: 'Running',
    compendium_heading: 'Running',
    met: 9.3,
    compendium_code: '12050',
    compendium_description: 'Running, 6-6.3 mph (10 min/mile)',
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 45,
    kcal_burned: 488.3,
    kcal_net: 435.8,
    reported_kcal: null,
    water_extra_l: 0.38,
    notes: [],
    sources: [],
    ...overrides
  }
}

const unknownNutrients = Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, null])) as Nutrients

export function foodFacts (overrides: Partial<FoodFacts>): FoodFacts {
  return { kcal: 500, complete: true, protein_g: 20, carbs_g: 50, fat_g: 10, nutrients: unknownNutrients, items: [], unmatched: [], reported_kcal: null, notes: [], sources: [], ...overrides }
}
