import t from 'tap'
import type { FoodRow } from '../../../src/advice/data/foods.js'
import { computeFoodFacts } from '../../../src/advice/facts/food.js'
import { computeFacts, contextNote, splitEntry } from '../../../src/advice/facts/index.js'
import { createMealParser, parseMeal } from '../../../src/advice/facts/meal.js'
import { round } from '../../../src/advice/facts/round.js'
import { computeGymFacts } from '../../../src/advice/facts/gym.js'
import { computeWaterFacts } from '../../../src/advice/facts/water.js'

const USDA = 'U.S. Department of Agriculture, Agricultural Research Service. FoodData Central. fdc.nal.usda.gov (public domain)'
const CONTEXT_NOTE = (names: string) => `not used for the numbers (context only): ${names}`

t.test('2 eggs and a slice of toast: totals are the sums of the items', async (t) => {
  const facts = computeFoodFacts({ food: '2 eggs and a slice of toast', meal: 'breakfast' })
  t.same(facts.items.map((i) => [i.food, i.kcal, i.source]), [['egg', 143, 'USDA FDC 171287'], ['white bread', 77.1, 'USDA FDC 174924']])
  t.equal(facts.kcal, 220)
  t.equal(facts.protein_g, 15.2)
  t.equal(facts.carbs_g, 15)
  t.equal(facts.fat_g, 10.5)
  t.same(facts.unmatched, [])
  t.equal(facts.reported_kcal, null)
  t.same(facts.notes, [])
  t.same(facts.sources, ['USDA FDC 171287', 'USDA FDC 174924', USDA])
})

t.test('kcal and macros equal the rounded sums of the parsed items', async (t) => {
  for (const food of ['oatmeal with berries', 'chicken breast and rice and broccoli', 'large pizza and a can of coke and fries and ice cream', 'an apple', '200g chicken breast']) {
    const { items } = parseMeal(food)
    const facts = computeFoodFacts({ food })
    t.ok(items.length > 0, `${food} parses`)
    t.same(facts.items, items)
    t.equal(facts.kcal, Math.round(items.reduce((s, i) => s + i.kcal, 0)), `${food}: kcal`)
    for (const key of ['protein_g', 'carbs_g', 'fat_g'] as const) {
      t.equal(facts[key], round(items.reduce((s, i) => s + (i[key] as number), 0), 1), `${food}: ${key}`)
    }
  }
  t.equal(computeFoodFacts({ food: 'an apple' }).kcal, 95, '94.6 rounds to 95')
})

t.test('a repeated source is cited once', async (t) => {
  const facts = computeFoodFacts({ food: '2 eggs and 1 egg' })
  t.equal(facts.items.length, 2)
  t.same(facts.sources, ['USDA FDC 171287', USDA])
})

t.test('portion_size reaches the parser', async (t) => {
  const medium = computeFoodFacts({ food: 'apple', portion_size: 'medium' })
  const large = computeFoodFacts({ food: 'apple', portion_size: 'large' })
  t.same(large.items, parseMeal('apple', { portionSize: 'large' }).items)
  t.ok((large.kcal as number) > (medium.kcal as number))
})

t.test('nothing matched: kcal and macros are null, with a note', async (t) => {
  t.same(computeFoodFacts({ food: 'zorblax qwxyz', meal: 'lunch' }), {
    kcal: null,
    protein_g: null,
    carbs_g: null,
    fat_g: null,
    items: [],
    unmatched: ['zorblax qwxyz'],
    reported_kcal: null,
    notes: ['no food in the text matched the reference table, so kcal is unknown'],
    sources: []
  })
})

t.test('unmatched parts are listed and the kcal covers only the matched ones', async (t) => {
  const facts = computeFoodFacts({ food: 'a banana and zorblax' })
  t.equal(facts.kcal, 105)
  t.same(facts.unmatched, ['zorblax'])
  t.same(facts.notes, ['kcal covers the matched items only; not counted: zorblax'])
})

t.test('estimated_calories is reported beside ours', async (t) => {
  const facts = computeFoodFacts({ food: '2 eggs and a slice of toast', estimated_calories: 300 })
  t.equal(facts.kcal, 220, 'our number is not replaced')
  t.equal(facts.reported_kcal, 300)
  t.same(facts.notes, ['your estimate 300 kcal; ours 220 kcal from USDA values'])

  const unknown = computeFoodFacts({ food: 'zorblax', estimated_calories: 500 })
  t.equal(unknown.kcal, null)
  t.equal(unknown.reported_kcal, 500)
  t.same(unknown.notes, ['no food in the text matched the reference table, so kcal is unknown'], 'no comparison without our figure')
  t.equal(computeFoodFacts({ food: 'an apple', estimated_calories: 0 }).reported_kcal, 0)
})

t.test('a macro total is null when any matched item lacks that macro', async (t) => {
  const base: FoodRow = {
    id: 'known',
    name: 'known food',
    aliases: ['known food'],
    category: 'test',
    fdcId: 1,
    dataType: 'SR Legacy',
    usdaDescription: 'Known food',
    kcalPer100g: 100,
    proteinPer100g: 10,
    carbsPer100g: 20,
    fatPer100g: 5,
    portions: { piece: 100 },
    defaultPortion: 'piece'
  }
  const rows: FoodRow[] = [base, { ...base, id: 'odd', name: 'odd food', aliases: ['odd food'], fdcId: 2, usdaDescription: 'Odd food', proteinPer100g: null, fatPer100g: null }]
  const { computeFoodFacts: compute } = await t.mockImport<typeof import('../../../src/advice/facts/food.js')>('../../../src/advice/facts/food.js', {
    '../../../src/advice/facts/meal.js': { parseMeal: createMealParser(rows) }
  })
  const both = compute({ food: '1 known food and 1 odd food' })
  t.equal(both.items.length, 2)
  t.equal(both.kcal, 200)
  t.equal(both.protein_g, null, 'one item has no protein')
  t.equal(both.carbs_g, 40, 'both items have carbs')
  t.equal(both.fat_g, null)
  t.same(both.sources, ['USDA FDC 1', 'USDA FDC 2', USDA])
  const known = compute({ food: '1 known food' })
  t.same([known.kcal, known.protein_g, known.carbs_g, known.fat_g], [100, 10, 20, 5])
})

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

t.test('computeFacts: context never changes a number and is listed in notes', async (t) => {
  const water = splitEntry('water', { amount_liters: 1.2, weight_kg: 70, note: 'just woke up', temperature_f: 100 })
  const waterFacts = computeFacts('water', water.entry, water.context)
  const plainWater = computeWaterFacts({ amount_liters: 1.2, weight_kg: 70 })
  t.same({ ...waterFacts, notes: [] }, { ...plainWater, notes: [] }, 'same numbers as without the context')
  t.same(waterFacts.notes, [...plainWater.notes, CONTEXT_NOTE('note, temperature_f')])
  t.equal(waterFacts.target_l, 1.96, 'temperature_f is not temperature')

  const gym = splitEntry('gym', { activity: 'yoga', duration_minutes: 30, style: 'hatha', sets_completed: 16 })
  const gymFacts = computeFacts('gym', gym.entry, gym.context)
  const plainGym = computeGymFacts({ activity: 'yoga', duration_minutes: 30 })
  t.same({ ...gymFacts, notes: [] }, { ...plainGym, notes: [] })
  t.same(gymFacts.notes, [...plainGym.notes, CONTEXT_NOTE('style, sets_completed')])

  const food = splitEntry('food', { food: '2 eggs and a slice of toast', meal: 'breakfast', note: 'just woke up', calories: 900 })
  const foodFacts = computeFacts('food', food.entry, food.context)
  const plainFood = computeFoodFacts({ food: '2 eggs and a slice of toast', meal: 'breakfast' })
  t.equal(foodFacts.kcal, 220, 'an extra "calories" field is not estimated_calories')
  t.equal(foodFacts.reported_kcal, null)
  t.same({ ...foodFacts, notes: [] }, { ...plainFood, notes: [] })
  t.same(foodFacts.notes, [CONTEXT_NOTE('note, calories')])
})

t.test('computeFacts without context adds no note', async (t) => {
  t.same(computeFacts('food', { food: '2 eggs' }, {}).notes, [])
  t.same(computeFacts('gym', { activity: 'running', duration_minutes: 45, weight_kg: 70 }, {}).notes, [])
  t.same(computeFacts('water', { amount_liters: 1, weight_kg: 70 }, {}), computeWaterFacts({ amount_liters: 1, weight_kg: 70 }))
})

t.test('the extra-fields note stays within 300 characters', async (t) => {
  const names = Array.from({ length: 20 }, (_, i) => `a_rather_long_context_field_name_${i}`)
  const note = contextNote(names)
  t.ok(note.length <= 300, `${note.length} characters`)
  t.match(note, /^not used for the numbers \(context only\): a_rather_long_context_field_name_0, .* and \d+ more$/)
  t.equal(contextNote(['note']), 'not used for the numbers (context only): note')
})
