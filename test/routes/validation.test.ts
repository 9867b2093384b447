import t from 'tap'
import { build } from '../helpers/build.js'

type Case = [route: string, body: unknown, field: string]

const long = (n: number) => 'x'.repeat(n)
const manyExtras = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`extra_${i}`, i]))

// Each body must give a 400 whose `errors` names `field` and whose detail mentions it.
const BAD: Case[] = [
  ['/water', {}, 'amount_liters'],
  ['/water', { amount_liters: '2' }, 'amount_liters'],
  ['/water', { amount_liters: 0 }, 'amount_liters'],
  ['/water', { amount_liters: -1 }, 'amount_liters'],
  ['/water', { amount_liters: 10.5 }, 'amount_liters'],
  ['/water', { amount_liters: null }, 'amount_liters'],
  ['/water', { amount_liters: 2, time: 'yesterday' }, 'time'],
  ['/water', { amount_liters: 2, time: '2024-13-01T10:00:00' }, 'time'],
  ['/water', { amount_liters: 2, weight_kg: 10 }, 'weight_kg'],
  ['/water', { amount_liters: 2, activity_level: 'extreme' }, 'activity_level'],
  ['/water', { amount_liters: 2, temperature: 99 }, 'temperature'],
  ['/water', { amount_liters: 2, exercise_duration: 2000 }, 'exercise_duration'],
  ['/water', { amount_liters: 2, note: { nested: true } }, 'note'],
  ['/water', { amount_liters: 2, note: long(201) }, 'note'],
  ['/water', { amount_liters: 2, NotSnake: 1 }, 'NotSnake'],
  ['/water', { amount_liters: 2, ...manyExtras }, 'extra_20'],
  ['/gym', {}, 'activity'],
  ['/gym', { activity: '' }, 'activity'],
  ['/gym', { activity: '   ' }, 'activity'],
  ['/gym', { activity: long(101) }, 'activity'],
  ['/gym', { activity: 'running', duration_minutes: 0 }, 'duration_minutes'],
  ['/gym', { activity: 'running', duration_minutes: 601 }, 'duration_minutes'],
  ['/gym', { activity: 'running', intensity: 'max' }, 'intensity'],
  ['/gym', { activity: 'running', heart_rate: 300 }, 'heart_rate'],
  ['/gym', { activity: 'running', equipment_used: 'dumbbells' }, 'equipment_used'],
  ['/gym', { activity: 'running', equipment_used: Array(21).fill('x') }, 'equipment_used'],
  ['/gym', { activity: 'running', muscle_groups: [1] }, 'muscle_groups/0'],
  ['/gym', { activity: 'running', weight_kg: 500 }, 'weight_kg'],
  ['/gym', { activity: 42 }, 'activity'],
  ['/food', {}, 'food'],
  ['/food', { food: long(501) }, 'food'],
  ['/food', { food: 'toast', meal: 'brunch' }, 'meal'],
  ['/food', { food: 'toast', satisfaction_level: 11 }, 'satisfaction_level'],
  ['/food', { food: 'toast', satisfaction_level: 5.5 }, 'satisfaction_level'],
  ['/food', { food: 'toast', portion_size: 'huge' }, 'portion_size'],
  ['/food', { food: 'toast', estimated_calories: -5 }, 'estimated_calories'],
  ['/food', { food: 'toast', ingredients: [{}] }, 'ingredients/0'],
  ['/food', { food: 'toast', tags: [[1]] }, 'tags'],
  ['/gym', { activity: 'run\u0000ning' }, 'activity'],
  ['/food', { food: 'toast\u202E' }, 'food'],
  ['/food', { food: 'toast\u0085' }, 'food'],
  ['/water', { amount_liters: 2, note: 'bell\u0007' }, 'note'],
  ['/gym', { activity: 'run', equipment_used: ['  '] }, 'equipment_used/0']
]

t.test('malformed and out-of-bounds bodies give a 400 naming the field', async (t) => {
  t.ok(BAD.length >= 25)
  const app = await build(t)
  for (const [url, body, field] of BAD) {
    const res = await app.inject({ method: 'POST', url, payload: body as object })
    const problem = res.json()
    t.equal(res.statusCode, 400, `${url} ${JSON.stringify(body).slice(0, 60)}`)
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.equal(problem.type, '/problems/validation-error')
    t.ok(problem.errors.some((e: { field: string }) => e.field === field), `errors names ${field}: ${JSON.stringify(problem.errors)}`)
    t.match(problem.detail, field)
  }
})

t.test('enum errors list the allowed values', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/gym', payload: { activity: 'run', intensity: 'max' } })
  t.match(res.json().detail, 'intensity must be one of: low, moderate, high')
})

t.test('every bad field is reported, not only the first', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 20, weight_kg: 5, activity_level: 'x' } })
  t.same(res.json().errors.map((e: { field: string }) => e.field).sort(), ['activity_level', 'amount_liters', 'weight_kg'])
})

// Bodies in the original API's style: documented optional fields and extra context.
const GOOD: Array<[string, object]> = [
  ['/water', { amount_liters: 2.0, time: '2024-06-01T10:00:00' }],
  ['/water', { amount_liters: 1.5, time: '2024-06-01T10:00:00Z' }],
  ['/water', { amount_liters: 1.5, time: '2024-06-01T10:00:00+02:00' }],
  ['/water', { amount_liters: 0.5, weight_kg: 70, activity_level: 'high', temperature: 31, exercise_duration: 60 }],
  ['/water', { amount_liters: 0.25, note: 'just woke up' }],
  ['/gym', { activity: 'running', duration_minutes: 45 }],
  ['/gym', { activity: 'yoga', duration_minutes: 60, intensity: 'low', style: 'hatha' }],
  ['/gym', { activity: 'weight training', duration_minutes: 50, intensity: 'high', calories_burned: 300, heart_rate: 140, equipment_used: ['barbell', 'bench'], muscle_groups: ['chest', 'triceps'], rest_periods: 90, sets_completed: 16 }],
  ['/gym', { activity: 'cycling', distance_km: 20, weight_kg: 82.5 }],
  ['/gym', { activity: 'underwater basket weaving', duration_minutes: 30 }],
  ['/food', { meal: 'breakfast', food: 'oatmeal with berries' }],
  ['/food', { meal: 'lunch', food: 'grilled chicken breast with rice', estimated_calories: 550, meal_time: '2024-06-01T12:30:00', portion_size: 'large', ingredients: ['chicken', 'rice'], cooking_method: 'grilled', dietary_restrictions: ['gluten-free'], satisfaction_level: 8 }],
  ['/food', { food: 'something unrecognizable', mood: 'happy', tags: ['quick', 'cheap'], hungry: true }]
]

t.test('valid bodies in the original style give a 200 with ≤ 25 words', async (t) => {
  const app = await build(t)
  for (const [url, body] of GOOD) {
    const res = await app.inject({ method: 'POST', url, payload: body })
    t.equal(res.statusCode, 200, `${url} ${JSON.stringify(body).slice(0, 60)}: ${res.body.slice(0, 200)}`)
    const advice = res.json()
    t.equal(advice.source, 'local')
    t.ok(advice.message.split(/\s+/).length <= 25)
  }
})

t.test('extra context fields are listed as not used for the numbers', async (t) => {
  const app = await build(t)
  const plain = await app.inject({ method: 'POST', url: '/gym', payload: { activity: 'yoga', duration_minutes: 60 } })
  const extra = await app.inject({ method: 'POST', url: '/gym', payload: { activity: 'yoga', duration_minutes: 60, style: 'hatha', sets_completed: 16 } })
  t.equal(extra.json().facts.kcal_burned, plain.json().facts.kcal_burned)
  t.ok(extra.json().facts.notes.some((n: string) => n.includes('not used for the numbers') && n.includes('style') && n.includes('sets_completed')))
})

t.test('types are never coerced', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/gym', payload: { activity: 'running', duration_minutes: '45' } })
  t.equal(res.statusCode, 400)
  t.equal(res.json().errors[0].field, 'duration_minutes')
})

t.test('control characters get a clear message, and text is normalised to NFC', async (t) => {
  const app = await build(t)
  const bad = await app.inject({ method: 'POST', url: '/gym', payload: { activity: 'run\u0000' } })
  t.equal(bad.json().errors[0].message, 'must not contain control characters')
  const decomposed = 'cafe\u0301 au lait and 2 eggs'
  const res = await app.inject({ method: 'POST', url: '/food', payload: { food: decomposed } })
  t.equal(res.statusCode, 200)
  const texts = [...res.json().facts.items.map((i: { text: string }) => i.text), ...res.json().facts.unmatched]
  t.ok(texts.some((x: string) => x.includes('caf\u00e9')), `NFC text in ${JSON.stringify(texts)}`)
  t.notOk(texts.some((x: string) => x.includes('\u0301')))
})

t.test('an empty field name is named in the error', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'POST', url: '/water', payload: '{"amount_liters": 1, "": 2}', headers: { 'content-type': 'application/json' } })
  t.equal(res.statusCode, 400)
  t.ok(res.json().errors.some((e: { field: string }) => e.field === '""'))
})
