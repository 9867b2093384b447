import t from 'tap'
import { build } from '../helpers/build.js'

// Values of the right shape that name nothing real: the schema's patterns admit
// them, the tracker cannot place them. Each is a validation problem naming the
// field, as a schema error is.
t.test('31 February, 30 February and an unknown time zone are validation errors with errors[]', async (t) => {
  const app = await build(t, { API_KEYS: 'k1' })
  const headers = { authorization: 'Bearer k1', 'x-user-id': 'alice', 'content-type': 'application/json' }
  const cases = [
    { method: 'POST', url: '/water', payload: { amount_liters: 0.5, time: '2026-02-30T10:00:00' }, field: 'time', part: 'body', message: 'must be a real date-time: you specified 30 (of type number) as a day, which is invalid' },
    { method: 'POST', url: '/gym', payload: { activity: 'running', duration_minutes: 30, time: '2026-02-31T18:00:00' }, field: 'time', part: 'body', message: 'must be a real date-time: you specified 31 (of type number) as a day, which is invalid' },
    { method: 'POST', url: '/food', payload: { food: 'a banana', meal_time: '2026-02-30T08:00:00' }, field: 'meal_time', part: 'body', message: 'must be a real date-time: you specified 30 (of type number) as a day, which is invalid' },
    { method: 'GET', url: '/summary?date=2026-02-30', field: 'date', part: 'query', message: 'must be a real calendar date, e.g. 2024-06-01' },
    { method: 'GET', url: '/entries?from=2026-02-30T00:00:00', field: 'from', part: 'query', message: 'must be a real date-time: you specified 30 (of type number) as a day, which is invalid' },
    { method: 'GET', url: '/entries?to=2026-02-30T00:00:00', field: 'to', part: 'query', message: 'must be a real date-time: you specified 30 (of type number) as a day, which is invalid' },
    { method: 'PUT', url: '/profile', payload: { timezone: 'Mars/Olympus_Mons' }, field: 'timezone', part: 'body', message: 'must be an IANA time-zone name, e.g. Europe/Paris' }
  ] as const
  for (const c of cases) {
    const res = await app.inject({ method: c.method, url: c.url, headers, ...('payload' in c ? { payload: c.payload } : {}) })
    t.equal(res.statusCode, 400, c.url)
    t.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
    t.match(res.json(), {
      type: '/problems/validation-error',
      status: 400,
      detail: `Invalid request ${c.part}: ${c.field} ${c.message}`,
      errors: [{ field: c.field, message: c.message }]
    }, `${c.method} ${c.url}`)
    t.equal(res.json().errors.length, 1)
  }
  const entries = await app.inject({ url: '/entries', headers })
  t.same(entries.json().items, [], 'nothing was stored')
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.match(metrics, /errors_total\{type="validation"\} 7/)
})
