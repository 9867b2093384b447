import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { TypeRegistry } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { allSchemas } from '../../schemas/index.js'
import { GymAdvice } from '../../schemas/gym.js'
import { build } from '../helpers/build.js'

// Hand-worked from the 2024 Adult Compendium rows (src/advice/data/sources/compendium-2024/):
// gross kcal = MET × kg × hours, net kcal = (MET − 1) × kg × hours; 70 kg without a weight.

// StringEnum is a Type.Unsafe ({type: 'string', enum}), which TypeBox's checker does not know by default.
TypeRegistry.Set('Unsafe', (schema: { enum?: unknown[] }, value) => schema.enum === undefined || schema.enum.includes(value))

const gym = async (app: FastifyInstance, payload: object, headers: Record<string, string> = {}) => {
  const res = await app.inject({ method: 'POST', url: '/gym', payload, headers })
  return res
}

t.test('POST /gym reads the duration from the activity text', async (t) => {
  const app = await build(t)
  const cases: Array<[string, number, string, number, number]> = [
    // [activity, minutes, code, gross, net]
    ['40 minutes of HIIT', 40, '02210', 326.7, 280], // 7.0 × 70 × 2/3 = 326.67; 6.0 × 70 × 2/3 = 280
    ['an hour of yoga', 60, '02175', 161, 91], // Yoga, General 2.3: 2.3 × 70; 1.3 × 70
    ['ran 10k in 55 min', 55, '12060', 673.8, 609.6], // 6.78 mph → "Running, 6.7 mph", 10.5 MET: 10.5 × 70 × 55/60 = 673.75
    ['2 hours of hiking', 120, '17080', 840, 700] // Hiking, cross country 6.0: 6 × 70 × 2; 5 × 70 × 2
  ]
  for (const [activity, minutes, code, gross, net] of cases) {
    const res = await gym(app, { activity })
    t.equal(res.statusCode, 200, activity)
    t.match(res.headers['content-type'], /^application\/json/)
    const body = res.json()
    t.same([...Value.Errors(GymAdvice, allSchemas, body)].map((e) => `${e.path} ${e.message}`), [], `${activity}: matches GymAdvice`)
    t.same([body.facts.duration_minutes, body.facts.compendium_code, body.facts.kcal_burned, body.facts.kcal_net], [minutes, code, gross, net], activity)
    t.ok(body.facts.notes.includes(`duration ${minutes} min read from the activity text`), `${activity}: says where the duration came from`)
    t.match(body.message, `${Math.round(gross)} kcal`, `${activity}: the local advice gives the kcal`)
  }
})

t.test('POST /gym: a field sent wins over the text', async (t) => {
  const app = await build(t)
  // 45 sent, 30 in the text: High intensity interval exercise 02210, 7 × 70 × 0.75 = 367.5, 6 × 70 × 0.75 = 315.
  const body = (await gym(app, { activity: '30 min HIIT class', duration_minutes: 45 })).json()
  t.same([body.facts.duration_minutes, body.facts.kcal_burned, body.facts.kcal_net], [45, 367.5, 315])
  t.ok(body.facts.notes.includes('duration_minutes 45 used; the activity text says 30 min'))
  // The 8 km sent over the text's 10k: 8 km in 50 min = 5.97 mph → Running, 6-6.3 mph (12050, 9.3): 9.3 × 70 × 50/60 = 542.5.
  const run = (await gym(app, { activity: 'ran 10k in 50 min', distance_km: 8 })).json()
  t.same([run.facts.compendium_code, run.facts.kcal_burned], ['12050', 542.5])
})

t.test('POST /gym without any duration: the advice asks how long, in plain words', async (t) => {
  const app = await build(t)
  const body = (await gym(app, { activity: 'running' })).json()
  t.equal(body.facts.kcal_burned, null)
  t.equal(body.facts.kcal_net, null)
  t.equal(body.message, 'Good work on your running session! Tell me how long you trained for a calorie estimate, and refuel with protein and vegetables.')
  t.notMatch(body.message, /duration_minutes/)
})

t.test('GET /summary: kcal_out stays gross, kcal_out_net beside it', async (t) => {
  const app = await build(t, { API_KEYS: 'k1' })
  const headers = { authorization: 'Bearer k1', 'x-user-id': 'ann' }
  // 30 min HIIT at 80 kg: 7 × 80 × 0.5 = 280 gross, 6 × 80 × 0.5 = 240 net.
  const hiit = (await gym(app, { activity: '30 min HIIT class', weight_kg: 80, time: '2026-05-10T08:00:00Z' }, headers)).json()
  t.same([hiit.facts.kcal_burned, hiit.facts.kcal_net, hiit.facts.today.kcal_out], [280, 240, 280])
  // Running 30 min at 80 kg (12050, 9.3): 9.3 × 80 × 0.5 = 372 gross, 8.3 × 80 × 0.5 = 332 net.
  await gym(app, { activity: 'running', duration_minutes: 30, weight_kg: 80, time: '2026-05-10T18:00:00Z' }, headers)
  const res = await app.inject({ url: '/summary?date=2026-05-10', headers })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { kcal_out: 652, kcal_out_net: 572, entries: 2 })
  t.match((await app.inject({ url: '/summary?date=2026-05-11', headers })).json(), { kcal_out: 0, kcal_out_net: 0, entries: 0 })
})
