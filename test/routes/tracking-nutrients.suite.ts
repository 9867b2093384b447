import type { Test } from 'tap'
import { FoodAdvice } from '../../schemas/food.js'
import { DaySummary, Profile } from '../../schemas/tracking.js'
import { as, problem, valid, type Fresh } from './tracking.suite.js'

const DAY = '2026-05-10'
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`
const none = { fiber_g: 0, sugars_g: 0, saturated_fat_g: 0, sodium_mg: 0, cholesterol_mg: 0, potassium_mg: 0, calcium_mg: 0, iron_mg: 0, vitamin_c_mg: 0, vitamin_d_mcg: 0, caffeine_mg: 0, alcohol_g: 0 }

// Hand-worked from USDA's tables (per 100 g × grams / 100, one decimal):
// - "a can of coke": FNDDS 92410310 "Soft drink, cola", 1 can (12 fl oz) 372 g; per 100 g sugars 9.94, sodium 3,
//   potassium 5, calcium 1, iron 0.02, caffeine 9 → sugars 37, sodium 11.2, potassium 18.6, calcium 3.7, iron 0.1, caffeine 33.5;
// - "200 g of raw chicken breast": SR Legacy NDB 05062, per 100 g saturated fat 0.563, sodium 45, cholesterol 73,
//   potassium 334, calcium 5, iron 0.37 → 1.1, 90, 146, 668, 10, 0.7; no caffeine or alcohol value in SR28 ABBREV.
const COKE = { food: 'a can of coke' }
const CHICKEN = { food: '200 g of raw chicken breast' }

/** Nutrients on tracked meals, the day's totals and the profile's nutrient goals, on one backend. */
export function nutrients (t: Test, fresh: Fresh): void {
  t.test('nutrients: tracked meals carry them; the day sums them, null when a meal lacks one', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'nia')
    const empty = (await u.get(`/summary?date=${DAY}`)).json()
    valid(t, DaySummary, empty, 'empty day')
    t.same(empty.nutrients, none, 'nothing eaten: every total is 0')
    t.same(empty.nutrient_goals, { fiber_g_goal: null, sodium_mg_limit: 2300, sugars_g_limit: null }, 'no profile: the sodium default only')
    t.same(empty.notes, [])

    const coke = await u.post('/food', { ...COKE, meal_time: at('08:00') })
    t.equal(coke.statusCode, 200)
    valid(t, FoodAdvice, coke.json(), 'logged meal')
    t.match(coke.json().facts, { nutrients: { sugars_g: 37, sodium_mg: 11.2, caffeine_mg: 33.5, alcohol_g: 0 }, items: [{ source: 'FNDDS 92410310', nutrients: { caffeine_mg: 33.5 } }] })
    t.match((await u.get(`/entries/${coke.json().entry_id as string}`)).json().facts, { nutrients: { caffeine_mg: 33.5 } }, 'stored with the entry')
    const one = (await u.get(`/summary?date=${DAY}`)).json()
    t.same(one.nutrients, { ...none, sugars_g: 37, sodium_mg: 11.2, potassium_mg: 18.6, calcium_mg: 3.7, iron_mg: 0.1, caffeine_mg: 33.5 })

    await u.post('/food', { ...CHICKEN, meal_time: at('12:00') })
    await u.post('/food', { food: 'zorblax', meal_time: at('13:00') })
    await u.post('/water', { amount_liters: 0.5, time: at('14:00') })
    const day = (await u.get(`/summary?date=${DAY}`)).json()
    valid(t, DaySummary, day, 'summary')
    t.same(day.nutrients, {
      fiber_g: 0,
      sugars_g: 37,
      saturated_fat_g: 1.1,
      sodium_mg: 101.2, // 11.2 + 90
      cholesterol_mg: 146,
      potassium_mg: 686.6, // 18.6 + 668
      calcium_mg: 13.7, // 3.7 + 10
      iron_mg: 0.8, // 0.1 + 0.7
      vitamin_c_mg: 0,
      vitamin_d_mcg: 0,
      caffeine_mg: null,
      alcohol_g: null
    }, 'the meal that matched nothing adds nothing, as in kcal_in; the chicken has no caffeine or alcohol value')
    t.same(day.notes, ['caffeine_mg, alcohol_g unknown for the day: 1 of 2 meals has no value'])
  })

  t.test('nutrient goals: stored, defaulted, bounded, and a limit passed is the day\'s message', async (t) => {
    const app = await fresh(t)
    const u = as(app, 'ola')
    const put = await u.put('/profile', { kcal_goal: 2000, sugars_g_limit: 40 })
    t.equal(put.statusCode, 200)
    valid(t, Profile, put.json(), 'profile')
    t.same(put.json(), { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: 2000, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: 40 })
    // Fiber: 14 g per 1,000 kcal of 2,000 kcal = 28 g (Dietary Guidelines for Americans 2020-2025).
    t.same((await u.get(`/summary?date=${DAY}`)).json().nutrient_goals, { fiber_g_goal: 28, sodium_mg_limit: 2300, sugars_g_limit: 40 })

    await u.post('/food', { ...COKE, meal_time: at('08:00') })
    t.notMatch((await u.get(`/summary?date=${DAY}`)).json().message, /Sugars/, '37 g is under the 40 g limit')
    await u.post('/food', { ...COKE, meal_time: at('18:00') })
    const sweet = (await u.get(`/summary?date=${DAY}`)).json()
    t.equal(sweet.nutrients.sugars_g, 74)
    t.match(sweet.message, /Sugars are past your 40 g limit; prefer water\.$/)

    const own = { fiber_g_goal: 35, sodium_mg_limit: 100, sugars_g_limit: null }
    t.same((await u.put('/profile', own)).json(), { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, ...own })
    t.same((await u.get('/profile')).json(), { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, ...own })
    const under = (await u.get(`/summary?date=${DAY}`)).json()
    t.same(under.nutrient_goals, own, 'the profile\'s own goals win; no sugars limit now')
    t.equal(under.nutrients.sodium_mg, 22.4, '11.2 × 2')
    t.notMatch(under.message, /Sodium|Sugars/, 'under the sodium limit, and no sugars limit')
    await u.post('/food', { ...CHICKEN, meal_time: at('19:00') })
    const salty = (await u.get(`/summary?date=${DAY}`)).json()
    t.equal(salty.nutrients.sodium_mg, 112.4, '22.4 + 90')
    t.match(salty.message, /Sodium is past 100 mg today; choose low-salt foods\.$/)

    t.match(problem(t, await u.put('/profile', { sodium_mg_limit: -5 }), 400).errors, [{ field: 'sodium_mg_limit' }])
    t.match(problem(t, await u.put('/profile', { fiber_g_goal: 1000 }), 400).errors, [{ field: 'fiber_g_goal' }])
    t.match(problem(t, await u.put('/profile', { sugars_g_limit: '50' }), 400).errors, [{ field: 'sugars_g_limit' }])
    t.same((await u.get('/profile')).json().sodium_mg_limit, 100, 'a rejected PUT changed nothing')
  })
}
