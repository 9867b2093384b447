import t from 'tap'
import type { StoredEntry } from '../../src/tracking/store.js'
import { dayWaterTarget, netKcal } from '../../src/tracking/summary.js'

const entry = (topic: StoredEntry['topic'], facts: Record<string, unknown>): StoredEntry =>
  ({ id: 'e', topic, time_ms: 0, body: {}, facts, water_l: 0, kcal_in: 0, kcal_out: 0, created_at: 0 })
const profile = { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }

t.test('netKcal: stored kcal_net, else kcal_burned × (MET − 1) / MET for entries logged before it', async (t) => {
  t.equal(netKcal(entry('gym', { kcal_burned: 372, kcal_net: 332, met: 9.3 })), 332)
  t.equal(netKcal(entry('gym', { kcal_burned: 372, met: 9.3 })), 372 * 8.3 / 9.3, '332 kcal: 9.3 × 80 × 0.5 less 1 × 80 × 0.5')
  t.equal(netKcal(entry('gym', { kcal_burned: null, met: 9.3 })), 0, 'unknown energy counts nothing')
  t.equal(netKcal(entry('gym', { kcal_burned: 100, met: null })), 0)
  t.equal(netKcal(entry('food', { kcal: 500 })), 0)
  t.equal(netKcal(entry('water', { target_l: 2 })), 0)
})

t.test('dayWaterTarget: the profile\'s override, else the day\'s last water entry, else the baseline', async (t) => {
  t.equal(dayWaterTarget({ ...profile, water_target_l: 2.5 }, entry('water', { target_l: 2.7 })), 2.5)
  t.equal(dayWaterTarget(profile, entry('water', { target_l: 2.7 })), 2.7)
  // 35 mL/kg × 70 kg = 2.45 L of total water, 80 % from drinks: 1.96 L.
  t.equal(dayWaterTarget({ ...profile, weight_kg: 70 }, undefined), 1.96)
  // EFSA 2.25 L (midpoint of 2.0 and 2.5 L), 80 % from drinks: 1.8 L.
  t.equal(dayWaterTarget(profile, undefined), 1.8)
})
