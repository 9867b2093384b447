import { Type, type Static } from '@sinclair/typebox'
import { Nullable } from './common.js'

/** The nutrients reported beside energy and macros, per item, meal and day; the unit ends each name. */
export const NUTRIENT_KEYS = ['fiber_g', 'sugars_g', 'saturated_fat_g', 'sodium_mg', 'cholesterol_mg', 'potassium_mg', 'calcium_mg', 'iron_mg', 'vitamin_c_mg', 'vitamin_d_mcg', 'caffeine_mg', 'alcohol_g'] as const
/** One of NUTRIENT_KEYS. */
export type NutrientKey = typeof NUTRIENT_KEYS[number]

/** What each key measures, in words, and its unit. */
export const NUTRIENT_NAMES: Readonly<Record<NutrientKey, [string, string]>> = {
  fiber_g: ['Dietary fiber', 'grams'],
  sugars_g: ['Total sugars (naturally present and added; FNDDS does not separate them)', 'grams'],
  saturated_fat_g: ['Saturated fatty acids', 'grams'],
  sodium_mg: ['Sodium', 'milligrams'],
  cholesterol_mg: ['Cholesterol', 'milligrams'],
  potassium_mg: ['Potassium', 'milligrams'],
  calcium_mg: ['Calcium', 'milligrams'],
  iron_mg: ['Iron', 'milligrams'],
  vitamin_c_mg: ['Vitamin C', 'milligrams'],
  vitamin_d_mcg: ['Vitamin D (D2 + D3)', 'micrograms'],
  caffeine_mg: ['Caffeine', 'milligrams'],
  alcohol_g: ['Alcohol (ethanol)', 'grams']
}

const amount = (key: NutrientKey) => Nullable(Type.Number({ minimum: 0, description: `${NUTRIENT_NAMES[key][0]}, in ${NUTRIENT_NAMES[key][1]} (one decimal); null where unknown` }))

/** The twelve nutrients, each null where unknown. */
export const Nutrients = Type.Object({
  fiber_g: amount('fiber_g'),
  sugars_g: amount('sugars_g'),
  saturated_fat_g: amount('saturated_fat_g'),
  sodium_mg: amount('sodium_mg'),
  cholesterol_mg: amount('cholesterol_mg'),
  potassium_mg: amount('potassium_mg'),
  calcium_mg: amount('calcium_mg'),
  iron_mg: amount('iron_mg'),
  vitamin_c_mg: amount('vitamin_c_mg'),
  vitamin_d_mcg: amount('vitamin_d_mcg'),
  caffeine_mg: amount('caffeine_mg'),
  alcohol_g: amount('alcohol_g')
}, {
  $id: 'Nutrients',
  additionalProperties: false,
  description: 'Nutrients from the USDA rows of the matched foods (FNDDS 2021-2023, SR Legacy), scaled to the grams eaten. A total is null when any item in it has no value for that nutrient, never a partial sum'
})
/** The twelve nutrients, each null where unknown. */
export type Nutrients = Static<typeof Nutrients>

/** Nutrients with each value from `valueOf`, called once per key in NUTRIENT_KEYS order. */
export function nutrientsFrom (valueOf: (key: NutrientKey, index: number) => number | null): Nutrients {
  return {
    fiber_g: valueOf('fiber_g', 0),
    sugars_g: valueOf('sugars_g', 1),
    saturated_fat_g: valueOf('saturated_fat_g', 2),
    sodium_mg: valueOf('sodium_mg', 3),
    cholesterol_mg: valueOf('cholesterol_mg', 4),
    potassium_mg: valueOf('potassium_mg', 5),
    calcium_mg: valueOf('calcium_mg', 6),
    iron_mg: valueOf('iron_mg', 7),
    vitamin_c_mg: valueOf('vitamin_c_mg', 8),
    vitamin_d_mcg: valueOf('vitamin_d_mcg', 9),
    caffeine_mg: valueOf('caffeine_mg', 10),
    alcohol_g: valueOf('alcohol_g', 11)
  }
}

/** Profile bounds of the nutrient goals. */
const FIBER_GOAL = { minimum: 5, maximum: 150, description: 'Daily dietary fiber goal, in grams (5–150); unset: 14 g per 1,000 kcal of kcal_goal' }
const SODIUM_LIMIT = { minimum: 100, maximum: 10000, description: 'Daily sodium limit, in milligrams (100–10000); unset: 2,300 mg' }
const SUGARS_LIMIT = { minimum: 1, maximum: 1000, description: 'Daily total-sugars limit, in grams (1–1000); unset: none' }

/** The profile's nutrient goals, as stored (null: unset, so the default applies). */
export const NUTRIENT_GOAL_FIELDS = {
  fiber_g_goal: Nullable(Type.Number(FIBER_GOAL)),
  sodium_mg_limit: Nullable(Type.Number(SODIUM_LIMIT)),
  sugars_g_limit: Nullable(Type.Number(SUGARS_LIMIT))
}

/** The goals a day is measured against: the profile's own, else the defaults; null where there is none. */
export const NutrientGoals = Type.Object({
  fiber_g_goal: Nullable(Type.Number({ minimum: 0, description: 'Fiber goal for the day, in grams: the profile\'s fiber_g_goal, else 14 g per 1,000 kcal of kcal_goal (Dietary Guidelines for Americans 2020-2025); null without either' })),
  sodium_mg_limit: Nullable(Type.Number({ minimum: 0, description: 'Sodium limit for the day, in milligrams: the profile\'s sodium_mg_limit, else 2,300 mg (Dietary Guidelines for Americans 2020-2025)' })),
  sugars_g_limit: Nullable(Type.Number({ minimum: 0, description: 'Total-sugars limit for the day, in grams: the profile\'s sugars_g_limit; null when unset (there is no default: the guidelines limit added sugars, which FNDDS does not separate)' }))
}, { $id: 'NutrientGoals', additionalProperties: false, description: 'The day\'s nutrient goals and limits' })
/** The goals a day is measured against. */
export type NutrientGoals = Static<typeof NutrientGoals>
