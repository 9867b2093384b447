import t from 'tap'
import { NUTRIENT_KEYS, type Nutrients } from '../../schemas/nutrients.js'
import type { FactsOf } from '../../src/advice/types.js'
import { adviceText, dayText, factsText, pageText } from '../../src/mcp/texts.js'

const water: FactsOf<'water'> = { intake_l: 3, target_l: 2.5, remaining_l: 0, basis: 'b', baseline_l: 2.5, exercise_extra_l: 0, heat_extra_l: 0, warnings: ['Over 1 L an hour risks hyponatraemia.'], notes: [], sources: [] }
const gym: FactsOf<'gym'> = { activity: null, met: null, compendium_code: null, compendium_description: null, compendium_heading: null, weight_kg: 70, weight_assumed: true, duration_minutes: null, kcal_burned: null, kcal_net: null, reported_kcal: null, water_extra_l: null, notes: ['no Compendium activity matched "zorbing"'], sources: [] }
const food: FactsOf<'food'> = { kcal: null, complete: false, protein_g: null, carbs_g: null, fat_g: null, nutrients: Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, null])) as Nutrients, items: [], unmatched: ['moon cheese'], reported_kcal: null, notes: [], sources: [] }

t.test('the key numbers of each topic read as one line, unknowns said as such', async (t) => {
  t.equal(factsText('water', water), 'Water: 3 L drunk of a 2.5 L target; 0 L to go. Warning: Over 1 L an hour risks hyponatraemia.')
  t.equal(factsText('gym', gym), 'Activity not found in the 2024 Compendium; kcal burned unknown. no Compendium activity matched "zorbing"')
  t.equal(factsText('gym', { ...gym, notes: [] }), 'Activity not found in the 2024 Compendium; kcal burned unknown.')
  t.equal(factsText('gym', { ...gym, activity: 'Yoga', duration_minutes: null }), 'Yoga (Compendium ?, MET ?): unknown burned at 70 kg (assumed).')
  // Running 12050, 9.3 MET, 70 kg, 45 min: 9.3 × 70 × 0.75 = 488.25 → 488.3 gross; 8.3 × 70 × 0.75 = 435.75 → 435.8 net.
  const run = { ...gym, activity: 'Running', compendium_code: '12050', met: 9.3, duration_minutes: 45, kcal_burned: 488.3, kcal_net: 435.8, notes: [] }
  t.equal(factsText('gym', run), 'Running (Compendium 12050, MET 9.3): 488.3 kcal burned (435.8 kcal above rest) in 45 min at 70 kg (assumed).')
  t.equal(factsText('food', food), 'unknown (partial) from 0 matched item(s). Not found: moon cheese.')
})

t.test('an advice answer leads with the message; a logged one adds its id and the day', async (t) => {
  t.equal(adviceText('water')({ message: 'Slow down.', source: 'local', degraded: false, facts: water }), `Slow down.\n${factsText('water', water)}`)
  const today = { water_l: 3, water_target_l: 2.5, kcal_in: 0, kcal_out: 0, entries: 2 }
  t.equal(adviceText('gym')({ message: 'Nice.', source: 'local', degraded: false, entry_id: 'e1', facts: { ...gym, today } }),
    `Nice.\n${factsText('gym', gym)} Logged as entry e1. Today: 3 of 2.5 L water, 0 kcal in, 0 kcal out, 2 entries.`)
  t.match(adviceText('gym')({ message: 'Nice.', source: 'local', degraded: false, entry_id: 'e1', facts: { ...gym, today: { ...today, entries: 1 } } }), /, 1 entry\.$/, 'one entry, not "1 entries"')
  t.equal(adviceText('food')({ message: 'Hm.', source: 'local', degraded: false, entry_id: 'e2', facts: food }), `Hm.\n${factsText('food', food)} Logged as entry e2.`)
})

t.test('a day and a page of entries', async (t) => {
  const day = { date: '2026-05-10', timezone: 'Europe/Paris', water_l: 1, water_target_l: 2, kcal_in: 500, kcal_out: 100, kcal_out_net: 80, kcal_goal: 2000, entries: 2, nutrients: food.nutrients, nutrient_goals: { fiber_g_goal: 28, sodium_mg_limit: 2300, sugars_g_limit: null }, notes: [], items: [], message: 'Keep going.', source: 'local' as const, degraded: false }
  t.equal(dayText(day), '2026-05-10 (Europe/Paris): 1 of 2 L water, 500 kcal in (goal 2000 kcal), 100 kcal out (80 above rest), 2 entries.\nKeep going.')
  t.equal(pageText({ items: [], next_cursor: null }), '0 entries.')
  const item = { id: 'e1', topic: 'water' as const, time: '2026-05-10T08:00:00.000Z', body: {}, facts: {}, created_at: '2026-05-10T08:00:00.000Z' }
  t.equal(pageText({ items: [item], next_cursor: 'abc' }), '1 entry:\n- e1 water at 2026-05-10T08:00:00.000Z\nMore: call again with cursor "abc".')
})
