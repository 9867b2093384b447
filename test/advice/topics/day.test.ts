import t from 'tap'
import { NUTRIENT_KEYS, type Nutrients } from '../../../schemas/nutrients.js'
import type { DayFacts } from '../../../schemas/tracking.js'
import { dayMessage } from '../../../src/advice/topics/day.js'

// A day whose meals carried no sodium or sugars (0), under the default 2,300 mg sodium limit and no sugars limit.
const none = Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, 0])) as Nutrients
const day = (f: Partial<DayFacts>): DayFacts => ({
  date: '2026-01-15', water_l: 1.2, water_target_l: 2.24, water_remaining_l: 1.04, kcal_in: 624, kcal_out: 558, kcal_out_net: 478, kcal_goal: null, entries: 3, nutrients: none, nutrient_goals: { fiber_g_goal: null, sodium_mg_limit: 2300, sugars_g_limit: null }, notes: [], sources: [], ...f
})
const words = (s: string) => s.split(/\s+/).filter(Boolean).length

t.test('the day message states the profile\'s kcal goal when there is one', async (t) => {
  const messages = [
    [day({}), 'So far: 1.2 L of 2.2 L water, 624 kcal eaten, 558 burned. Drink 1 L more before the day ends.'],
    [day({ kcal_goal: 2000 }), 'So far: 1.2 L of 2.2 L water, 624 of your 2000 kcal eaten, 558 burned. Drink 1 L more before the day ends.'],
    [day({ kcal_goal: 2000, kcal_in: 2450.4 }), 'So far: 1.2 L of 2.2 L water, 2450 of your 2000 kcal eaten, 558 burned. Drink 1 L more; keep the next meal light.'],
    [day({ kcal_goal: 2000, kcal_in: 2450, water_l: 2.5, water_remaining_l: 0 }), 'So far: 2.5 L of 2.2 L water, 2450 of your 2000 kcal eaten, 558 burned. Above your goal: keep the next meal light.'],
    [day({ kcal_goal: 2000, water_l: 2.5, water_remaining_l: 0 }), 'So far: 2.5 L of 2.2 L water, 624 of your 2000 kcal eaten, 558 burned. Water target met, and you are within your goal.'],
    [day({ water_l: 2.5, water_remaining_l: 0 }), 'So far: 2.5 L of 2.2 L water, 624 kcal eaten, 558 burned. Water target met. Keep it up tomorrow.'],
    [day({ entries: 0, kcal_goal: 2000 }), 'Nothing logged for 2026-01-15 yet. Log water, meals and workouts to see your day add up.']
  ] as const
  for (const [facts, message] of messages) {
    t.equal(dayMessage(facts), message)
    t.ok(words(message) <= 25, `≤ 25 words: ${message}`)
  }
})

t.test('a sodium or sugars limit passed is the day\'s suggestion; an unknown total or no limit says nothing', async (t) => {
  const head = 'So far: 1.2 L of 2.2 L water, 2450 of your 2000 kcal eaten, 558 burned.'
  const over = { kcal_goal: 2000, kcal_in: 2450 }
  const limits = (sodium: number | null, sugars: number | null) => ({ fiber_g_goal: 28, sodium_mg_limit: sodium, sugars_g_limit: sugars })
  const messages = [
    [day({ ...over, nutrients: { ...none, sodium_mg: 2300.1 } }), `${head} Sodium is past 2,300 mg today; choose low-salt foods.`],
    [day({ ...over, nutrients: { ...none, sodium_mg: 2300 } }), `${head} Drink 1 L more; keep the next meal light.`],
    [day({ ...over, nutrients: { ...none, sodium_mg: 1600 }, nutrient_goals: limits(1500, null) }), `${head} Sodium is past 1,500 mg today; choose low-salt foods.`],
    [day({ ...over, nutrients: { ...none, sugars_g: 50.5 }, nutrient_goals: limits(2300, 50) }), `${head} Sugars are past your 50 g limit; prefer water.`],
    [day({ ...over, nutrients: { ...none, sugars_g: 120 } }), `${head} Drink 1 L more; keep the next meal light.`],
    [day({ ...over, nutrients: { ...none, sodium_mg: 4000, sugars_g: 60 }, nutrient_goals: limits(2300, 50) }), `${head} Sodium and sugars are over your limits today.`],
    [day({ ...over, nutrients: { ...none, sodium_mg: null, sugars_g: null }, nutrient_goals: limits(2300, 50) }), `${head} Drink 1 L more; keep the next meal light.`],
    [day({ ...over, nutrients: { ...none, sodium_mg: 9000 }, nutrient_goals: limits(null, null) }), `${head} Drink 1 L more; keep the next meal light.`]
  ] as const
  for (const [facts, message] of messages) {
    t.equal(dayMessage(facts), message)
    t.ok(words(message) <= 25, `≤ 25 words: ${message}`)
  }
})
