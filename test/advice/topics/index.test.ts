import t from 'tap'
import { computeFoodFacts } from '../../../src/advice/facts/food.js'
import { computeGymFacts } from '../../../src/advice/facts/gym.js'
import { computeWaterFacts } from '../../../src/advice/facts/water.js'
import { contextNote, ENTRY_TOPIC_DEFS, prepare, splitEntry } from '../../../src/advice/topics/index.js'

const CONTEXT_NOTE = (names: string) => `not used for the numbers (context only): ${names}`

t.test('splitEntry separates documented fields from extra context', async (t) => {
  const body = { food: 'oatmeal with berries', meal: 'breakfast' as const, note: 'just woke up', mood: 7, tags: ['a', 'b'] }
  const { entry, context } = splitEntry('food', body)
  t.same(entry, { food: 'oatmeal with berries', meal: 'breakfast' })
  t.same(context, { note: 'just woke up', mood: 7, tags: ['a', 'b'] })

  t.same(splitEntry('water', { amount_liters: 2, time: '2024-06-01T10:00:00', note: 'just woke up' }),
    { entry: { amount_liters: 2, time: '2024-06-01T10:00:00' }, context: { note: 'just woke up' } })
  t.same(splitEntry('gym', { activity: 'yoga', duration_minutes: 30, style: 'hatha', sets_completed: 16 }),
    { entry: { activity: 'yoga', duration_minutes: 30 }, context: { style: 'hatha', sets_completed: 16 } })
  t.same(splitEntry('gym', { activity: 'yoga' }), { entry: { activity: 'yoga' }, context: {} })
  t.same(splitEntry('water', { amount_liters: 1, activity: 'yoga' }).context, { activity: 'yoga' }, 'another topic\'s field is context here')
})

t.test('every documented field of each topic stays in the entry', async (t) => {
  const water = { amount_liters: 1, time: '2024-06-01T10:00:00', weight_kg: 70, activity_level: 'low' as const, temperature: 20, exercise_duration: 10 }
  t.same(splitEntry('water', water), { entry: water, context: {} })
  const gym = {
    activity: 'run', duration_minutes: 1, intensity: 'low' as const, calories_burned: 1, heart_rate: 100, distance_km: 1, equipment_used: ['x'], muscle_groups: ['y'], rest_periods: 1, weight_kg: 70
  }
  t.same(splitEntry('gym', gym), { entry: gym, context: {} })
  const food = {
    food: 'egg', meal: 'snack' as const, estimated_calories: 1, meal_time: '2024-06-01T10:00:00', portion_size: 'small' as const, ingredients: ['egg'], cooking_method: 'boiled', dietary_restrictions: ['none'], satisfaction_level: 5
  }
  t.same(splitEntry('food', food), { entry: food, context: {} })
})

t.test('prepare: context never changes a number and is listed in notes', async (t) => {
  const waterFacts = prepare('water', { amount_liters: 1.2, weight_kg: 70, note: 'just woke up', temperature_f: 100 }).facts
  const plainWater = computeWaterFacts({ amount_liters: 1.2, weight_kg: 70 })
  t.same({ ...waterFacts, notes: [] }, { ...plainWater, notes: [] }, 'same numbers as without the context')
  t.same(waterFacts.notes, [...plainWater.notes, CONTEXT_NOTE('note, temperature_f')])
  t.equal(waterFacts.target_l, 1.96, 'temperature_f is not temperature')

  const gymFacts = prepare('gym', { activity: 'yoga', duration_minutes: 30, style: 'hatha', sets_completed: 16 }).facts
  const plainGym = computeGymFacts({ activity: 'yoga', duration_minutes: 30 })
  t.same({ ...gymFacts, notes: [] }, { ...plainGym, notes: [] })
  t.same(gymFacts.notes, [...plainGym.notes, CONTEXT_NOTE('style, sets_completed')])

  const foodFacts = prepare('food', { food: 'a bagel with cream cheese', meal: 'breakfast', note: 'just woke up', calories: 900 }).facts
  const plainFood = computeFoodFacts({ food: 'a bagel with cream cheese', meal: 'breakfast' })
  t.equal(foodFacts.kcal, 380, 'an extra "calories" field is not estimated_calories')
  t.equal(foodFacts.reported_kcal, null)
  t.same({ ...foodFacts, notes: [] }, { ...plainFood, notes: [] })
  t.same(foodFacts.notes, [CONTEXT_NOTE('note, calories')])
})

t.test('prepare without context adds no note', async (t) => {
  t.same(prepare('food', { food: 'a bagel' }).facts.notes, [])
  t.same(prepare('gym', { activity: 'running', duration_minutes: 45, weight_kg: 70 }).facts.notes, [])
  t.same(prepare('water', { amount_liters: 1, weight_kg: 70 }), { topic: 'water', entry: { amount_liters: 1, weight_kg: 70 }, context: {}, facts: computeWaterFacts({ amount_liters: 1, weight_kg: 70 }) })
})

t.test('the extra-fields note stays within 300 characters', async (t) => {
  const names = Array.from({ length: 20 }, (_, i) => `a_rather_long_context_field_name_${i}`)
  const note = contextNote(names)
  t.ok(note.length <= 300, `${note.length} characters`)
  t.match(note, /^not used for the numbers \(context only\): a_rather_long_context_field_name_0, .* and \d+ more$/)
  t.equal(contextNote(['note']), 'not used for the numbers (context only): note')
})

t.test('each topic reads its own stored facts, and no other topic\'s', async (t) => {
  const { water, gym, food } = ENTRY_TOPIC_DEFS
  t.equal(water.stored.waterTargetL({ target_l: 2.4 }), 2.4)
  t.equal(water.stored.waterTargetL({}), undefined, 'a water entry without a target sets none')
  t.equal(gym.stored.waterTargetL({ target_l: 2.4 }), undefined)
  t.equal(food.stored.waterTargetL({ target_l: 2.4 }), undefined)
  t.equal(gym.stored.kcalAboveRest({ kcal_net: 300 }), 300)
  t.equal(water.stored.kcalAboveRest({ kcal_net: 300 }), 0)
  t.equal(food.stored.kcalAboveRest({ kcal_net: 300 }), 0)
})

t.test('restate: only water shows a model the sum its stored facts are of', async (t) => {
  const { water, gym, food } = ENTRY_TOPIC_DEFS
  const waterFacts = computeWaterFacts({ amount_liters: 1.5 })
  t.same(water.restate({ amount_liters: 0.5, weight_kg: 70 }, waterFacts), { amount_liters: 1.5, weight_kg: 70 })
  const gymEntry = { activity: 'yoga', duration_minutes: 30 }
  t.equal(gym.restate(gymEntry, computeGymFacts(gymEntry)), gymEntry)
  const foodEntry = { food: 'a bagel' }
  t.equal(food.restate(foodEntry, computeFoodFacts(foodEntry)), foodEntry)
})
