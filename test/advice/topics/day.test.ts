import t from 'tap'
import type { DayFacts } from '../../../schemas/tracking.js'
import { dayMessage } from '../../../src/advice/topics/day.js'

const day = (f: Partial<DayFacts>): DayFacts => ({
  date: '2026-01-15', water_l: 1.2, water_target_l: 2.24, water_remaining_l: 1.04, kcal_in: 624, kcal_out: 558, kcal_out_net: 478, kcal_goal: null, entries: 3, notes: [], sources: [], ...f
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
