import t from 'tap'
import { findFigures, knownFigures, ungroundedFigure } from '../../../src/advice/upstream/number-guard.js'

t.test('finds figures with units, converted to base units', async (t) => {
  const cases: Array<[string, number, string]> = [
    ['about 488 kcal', 488, 'kcal'],
    ['200 cals', 200, 'kcal'],
    ['1 cal', 1, 'kcal'],
    ['300 kcals', 300, 'kcal'],
    ['250 calories', 250, 'kcal'],
    ['1 calorie', 1, 'kcal'],
    ['90 kilocalories', 90, 'kcal'],
    ['1,500 kcal', 1500, 'kcal'],
    ['12,345.5 kcal', 12345.5, 'kcal'],
    ['1.3 L', 1.3, 'litre'],
    ['1,5 L', 1.5, 'litre'],
    ['2,50 l', 2.5, 'litre'],
    ['2.5L', 2.5, 'litre'],
    ['3 litres', 3, 'litre'],
    ['1 liter', 1, 'litre'],
    ['500 ml', 0.5, 'litre'],
    ['250 mL', 0.25, 'litre'],
    ['750 millilitres', 0.75, 'litre'],
    ['100 milliliters', 0.1, 'litre'],
    ['45 minutes', 45, 'minute'],
    ['1 minute', 1, 'minute'],
    ['20 min', 20, 'minute'],
    ['15 mins', 15, 'minute'],
    ['2 h', 120, 'minute'],
    ['1.5 hours', 90, 'minute'],
    ['1 hour', 60, 'minute'],
    ['3 hrs', 180, 'minute'],
    ['30 g', 30, 'gram'],
    ['12 grams', 12, 'gram'],
    ['1 gram', 1, 'gram'],
    ['70 kg', 70, 'kg'],
    ['2 kilos', 2, 'kg'],
    ['80 kilograms', 80, 'kg'],
    ['1 KG', 1, 'kg']
  ]
  for (const [text, value, dimension] of cases) {
    const found = findFigures(text)
    t.equal(found.length, 1, `${text}: one figure`)
    t.equal(found[0]?.value, value, `${text}: value`)
    t.equal(found[0]?.dimension, dimension, `${text}: dimension`)
  }
  t.same(findFigures('Drink 0.8 L by 18:00, then eat 30 g of protein.'), [
    { value: 0.8, dimension: 'litre', text: '0.8 L' },
    { value: 30, dimension: 'gram', text: '30 g' }
  ])
})

t.test('numbers without a unit, or with a longer word, are not figures', async (t) => {
  for (const text of ['Drink 3 glasses today.', '2 large eggs', '5 laps', '25 % more', 'Aim for 8 hourly sips', 'in 2024', '10 gym sessions', '3 mint leaves']) {
    t.same(findFigures(text), [], text)
  }
})

t.test('collects known numbers by field name and from text', async (t) => {
  const known = knownFigures({
    entry: { amount_liters: 1, weight_kg: 70, exercise_duration: 30, temperature: 31, heart_rate: 140, ok: true, missing: null },
    facts: {
      kcal_burned: 488.3,
      reported_kcal: null,
      calories_burned: 500,
      remaining_l: 0.8,
      duration_minutes: 45,
      protein_g: 20,
      items: [{ grams: 150, kcal: 100, quantity: 2 }],
      met: 8,
      notes: ['35 mL per kg of body weight (70 kg)', 'target capped at 11.4 L/day'],
      basis: 'plus 0.5 L per hour of exercise'
    }
  })
  t.same(known, {
    kcal: [488.3, 500, 100],
    litre: [1, 0.8, 0.035, 11.4, 0.5],
    minute: [30, 45],
    gram: [20, 150],
    kg: [70, 70],
    dose: []
  })
})

t.test('a figure within rounding of a known one is grounded', async (t) => {
  const data = { facts: { kcal_burned: 488.3, remaining_l: 0.8, duration_minutes: 45, protein_g: 20, weight_kg: 70 } }
  for (const message of [
    'You burned about 490 kcal.',
    'You burned 488 calories.',
    'Drink 0.8 L more.',
    'Drink 800 ml more.',
    'Keep up the 45 minutes.',
    'That was 46 min of work.',
    'Eat about 20 g of protein.',
    'At 70 kg, rest well.',
    'Drink 3 glasses; rest 2 days.'
  ]) {
    t.equal(ungroundedFigure(message, data), undefined, message)
  }
})

t.test('tolerance is relative with an absolute floor per dimension', async (t) => {
  const cases: Array<[object, string, boolean]> = [
    [{ kcal: 100 }, '115 kcal', true],
    [{ kcal: 100 }, '116 kcal', false],
    [{ kcal: 1000 }, '1,100 kcal', true],
    [{ kcal: 1000 }, '1,101 kcal', false],
    [{ remaining_l: 0.5 }, '0.6 L', true],
    [{ remaining_l: 0.5 }, '0.65 L', false],
    [{ remaining_l: 4 }, '4.3 L', true],
    [{ remaining_l: 4 }, '4.5 L', false],
    [{ duration_minutes: 10 }, '12 minutes', true],
    [{ duration_minutes: 10 }, '13 minutes', false],
    [{ duration_minutes: 60 }, '1 hour', true],
    [{ protein_g: 10 }, '13 g', true],
    [{ protein_g: 10 }, '14 g', false],
    [{ protein_g: 100 }, '115 g', true],
    [{ protein_g: 100 }, '116 g', false],
    [{ weight_kg: 10 }, '11 kg', true],
    [{ weight_kg: 10 }, '12 kg', false],
    [{ weight_kg: 100 }, '105 kg', true],
    [{ weight_kg: 100 }, '106 kg', false]
  ]
  for (const [data, message, grounded] of cases) {
    t.equal(ungroundedFigure(message, data) === undefined, grounded, `${message} vs ${JSON.stringify(data)}`)
  }
})

t.test('a contradicting or invented figure is returned', async (t) => {
  t.same(ungroundedFigure('You burned 900 kcal, well done.', { facts: { kcal_burned: 488.3 } }), { value: 900, dimension: 'kcal', text: '900 kcal' })
  t.same(ungroundedFigure('That meal was about 600 calories.', { facts: { kcal: null, items: [] } }), { value: 600, dimension: 'kcal', text: '600 calories' }, 'invented where the facts are null')
  t.match(ungroundedFigure('Drink 0.8 L, then 2 L more.', { facts: { remaining_l: 0.8 } }), { text: '2 L' }, 'the first ungrounded figure')
  t.match(ungroundedFigure('Rest 0.8 kg.', { facts: { remaining_l: 0.8 } }), { dimension: 'kg' }, 'a number is only grounded in its own dimension')
})

t.test('numbers inside fact strings count as known', async (t) => {
  const facts = {
    basis: 'EFSA adequate intake of total water, 2.25 L',
    warnings: ['dangerous: 10 L in a day risks water intoxication'],
    notes: ['target capped at 11.4 L/day']
  }
  t.equal(ungroundedFigure('The usual intake is 2.25 L; 10 L is dangerous and the cap is 11.4 L.', { facts }), undefined)
  t.match(ungroundedFigure('Drink 5 L.', { facts }), { value: 5 })
})

t.test('a drug or supplement dose is never grounded', async (t) => {
  for (const text of ['Take 80 mg of furosemide.', 'Try 500 mcg of B12', 'Add 1000 IU vitamin D', 'About 5 milligrams of zinc', '2 µg daily']) {
    t.match(ungroundedFigure(text, { facts: { kcal: 300 } }), { dimension: 'dose' }, text)
  }
  t.equal(ungroundedFigure('Add 2 eggs for protein.', { facts: {} }), undefined)
  t.equal(ungroundedFigure('Aim for 5 minimum servings', { facts: {} }), undefined, '"min" inside a word is not a unit')
})

t.test('figures found in texts are the same on every call, however many distinct texts came before', async (t) => {
  const data = { facts: { basis: 'EFSA: 2.0 L for women, 2.5 L for men', notes: ['about 250 kcal'] } }
  const expected = { kcal: [250], litre: [2, 2.5], minute: [], gram: [], kg: [], dose: [] }
  t.same(knownFigures(data), expected)
  // More distinct texts than the memo keeps: it is cleared, and what it answers must not change.
  for (let i = 0; i < 2500; i++) knownFigures({ note: `${i} g of oats` })
  t.same(knownFigures(data), expected)
  t.same(knownFigures({ note: '7 g of oats' }), { kcal: [], litre: [], minute: [], gram: [7], kg: [], dose: [] })
  t.equal(ungroundedFigure('Drink 2.5 L today.', data), undefined)
  t.same(ungroundedFigure('Drink 3 L today.', data), { value: 3, dimension: 'litre', text: '3 L' })
})

t.test('a milligram or microgram figure is grounded only by a nutrient the service computed', async (t) => {
  // A meal's nutrients (sodium 2,412.3 mg, vitamin D 2.7 mcg) and a day's sodium limit (2,300 mg).
  const data = { facts: { nutrients: { sodium_mg: 2412.3, vitamin_d_mcg: 2.7, fiber_g: 6.1 }, nutrient_goals: { sodium_mg_limit: 2300, fiber_g_goal: 28 } } }
  t.same(knownFigures(data), { kcal: [], litre: [], minute: [], gram: [6.1, 28], kg: [], dose: [2412.3, 0.0027, 2300] })
  for (const message of ['Sodium is past 2,300 mg today.', 'About 2,400 mg of sodium.', '2.7 mcg of vitamin D.', '6 g of fiber of your 28 g goal.']) {
    t.equal(ungroundedFigure(message, data), undefined, message)
  }
  for (const message of ['Take 80 mg of furosemide.', 'Take 2.7 mg of vitamin D.', 'Sodium was 3,000 mg.', 'Add 1000 IU vitamin D']) {
    t.match(ungroundedFigure(message, data), { dimension: 'dose' }, message)
  }
})
