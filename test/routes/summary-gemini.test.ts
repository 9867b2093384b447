import t from 'tap'
import { build, geminiEnv } from '../helpers/build.js'
import { startFakeGemini } from '../helpers/fake-gemini.js'

const user = { authorization: 'Bearer k1', 'x-user-id': 'dana' }

t.test('the day summary is written by Gemini when configured, with the day\'s facts in the prompt', async (t) => {
  const fake = await startFakeGemini({ kind: 'ok', text: 'Good day so far: keep sipping water and add vegetables at dinner.' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { API_KEYS: 'k1', AI_MAX_RETRIES: '0' }))
  // Two drinks on 2026-05-04 (UTC, the default zone): 0.5 + 0.75 = 1.25 L.
  for (const amount of [0.5, 0.75]) {
    const res = await app.inject({ method: 'POST', url: '/water', headers: user, payload: { amount_liters: amount, time: '2026-05-04T09:00:00Z' } })
    t.equal(res.statusCode, 200)
  }
  const callsBefore = fake.calls
  const res = await app.inject({ url: '/summary?date=2026-05-04', headers: user })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { date: '2026-05-04', timezone: 'UTC', water_l: 1.25, entries: 2, source: 'gemini', degraded: false })
  t.equal(body.message, 'Good day so far: keep sipping water and add vegetables at dinner.')
  t.equal(fake.calls, callsBefore + 1, 'one upstream call for the summary')
  // The prompt carries the day's facts (delimited data), not the entries' raw text.
  const prompt = JSON.stringify(fake.bodies.at(-1))
  t.match(prompt, /\\"topic\\":\\"day\\"/)
  t.match(prompt, /\\"water_l\\":1.25/)
})

t.test('a Gemini summary that invents a number is replaced by the local one (degraded)', async (t) => {
  // 3.7 L is not a number of this day: the number guard must reject it.
  const fake = await startFakeGemini({ kind: 'ok', text: 'You drank 3.7 L today, great work, keep it up tomorrow.' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { API_KEYS: 'k1', AI_MAX_RETRIES: '0' }))
  await app.inject({ method: 'POST', url: '/water', headers: user, payload: { amount_liters: 0.5, time: '2026-05-04T09:00:00Z' } })
  const res = await app.inject({ url: '/summary?date=2026-05-04', headers: user })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.match(body, { source: 'local', degraded: true, water_l: 0.5 })
  // Local day message: 0.5 L of the EFSA target (2.25 L × 0.8 = 1.8 L), 1.3 L still to drink.
  t.equal(body.message, 'So far: 0.5 L of 1.8 L water, 0 kcal eaten, 0 burned. Drink 1.3 L more before the day ends.')
  // The fake says 3.7 L to every call: the drink's own advice and the summary both fell back.
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.match(metrics, /ai_fallbacks_total\{reason="numbers",from="gemini",to="local"\} 2/)
})

t.test('a day with nothing logged says so, in at most 25 words', async (t) => {
  const app = await build(t, { API_KEYS: 'k1' })
  const res = await app.inject({ url: '/summary?date=2026-01-01', headers: user })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { entries: 0, water_l: 0, kcal_in: 0, kcal_out: 0, items: [], source: 'local' })
  t.equal(res.json().message, 'Nothing logged for 2026-01-01 yet. Log water, meals and workouts to see your day add up.')
  t.ok(res.json().message.split(/\s+/).length <= 25)
})
