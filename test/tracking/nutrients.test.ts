import t from 'tap'
import { NUTRIENT_KEYS, type Nutrients } from '../../schemas/nutrients.js'
import type { StoredEntry, StoredProfile } from '../../src/tracking/store.js'
import { dayNutrients, nutrientGoals } from '../../src/tracking/nutrients.js'

const all = (value: number | null) => Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, value])) as Nutrients
let n = 0
const entry = (topic: StoredEntry['topic'], facts: Record<string, unknown>): StoredEntry =>
  ({ id: `e${++n}`, topic, time_ms: n, body: {}, facts, water_l: 0, kcal_in: 0, kcal_out: 0, created_at: n })
const profile = (p: Partial<StoredProfile>): StoredProfile =>
  ({ weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null, ...p })

t.test('a day\'s totals: meals only, one decimal, 0 for an empty day', async (t) => {
  t.same(dayNutrients([]), { nutrients: all(0), notes: [] })
  const day = dayNutrients([
    entry('food', { kcal: 100, nutrients: { ...all(0.15), sodium_mg: 1000.04 } }),
    entry('water', { intake_l: 1 }),
    entry('gym', { kcal_burned: 300 }),
    entry('food', { kcal: 200, nutrients: { ...all(0.1), sodium_mg: 1300.02 } })
  ])
  t.same(day.nutrients, { ...all(0.3), sodium_mg: 2300.1 }, '0.15 + 0.1 = 0.25 → 0.3; 1000.04 + 1300.02 = 2300.06 → 2300.1')
  t.same(day.notes, [])
})

t.test('a meal without a value makes the day\'s total null; a meal that matched nothing adds nothing', async (t) => {
  const day = dayNutrients([
    entry('food', { kcal: 100, nutrients: all(1) }),
    entry('food', { kcal: 150, nutrients: { ...all(2), caffeine_mg: null, alcohol_g: null } }),
    // Logged before meals carried nutrients: every nutrient of it is unknown.
    entry('food', { kcal: 300 }),
    entry('food', { kcal: null, nutrients: all(null) })
  ])
  t.same(day.nutrients, all(null))
  t.same(day.notes, [
    'fiber_g, sugars_g, saturated_fat_g, sodium_mg, cholesterol_mg, potassium_mg, calcium_mg, iron_mg, vitamin_c_mg, vitamin_d_mcg unknown for the day: 1 of 3 meals has no value',
    'caffeine_mg, alcohol_g unknown for the day: 2 of 3 meals have no value'
  ], 'one note per count, over the 3 meals that matched a food')
  t.same(dayNutrients([entry('food', { kcal: 1 })]).notes, [`${NUTRIENT_KEYS.join(', ')} unknown for the day: 1 of 1 meal has no value`])
})

t.test('goals: the profile\'s own, else fiber 14 g per 1,000 kcal of kcal_goal and sodium 2,300 mg; no sugars default', async (t) => {
  t.same(nutrientGoals(profile({})), { fiber_g_goal: null, sodium_mg_limit: 2300, sugars_g_limit: null })
  // 14 × 2,500 / 1,000 = 35 g; 14 × 1,850 / 1,000 = 25.9 g.
  t.same(nutrientGoals(profile({ kcal_goal: 2500 })), { fiber_g_goal: 35, sodium_mg_limit: 2300, sugars_g_limit: null })
  t.equal(nutrientGoals(profile({ kcal_goal: 1850 })).fiber_g_goal, 25.9)
  t.same(nutrientGoals(profile({ kcal_goal: 2500, fiber_g_goal: 30, sodium_mg_limit: 1500, sugars_g_limit: 50 })), { fiber_g_goal: 30, sodium_mg_limit: 1500, sugars_g_limit: 50 })
})
