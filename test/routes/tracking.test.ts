import t from 'tap'
import { build, SEEDS } from '../helpers/build.js'
import { as, problem, storage } from './tracking.suite.js'

// PostgreSQL runs the same storage suite in test/system/routes/tracking.test.ts.
t.test('SQLite (in memory)', async (t) => {
  storage(t, async (t, env = {}) => await build(t, { API_KEYS: 'k1,k2', ...env }))
})

t.test('identity errors', async (t) => {
  t.test('no identity configured: X-User-Id names the missing configuration', async (t) => {
    const app = await build(t)
    const res = await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 }, headers: { 'x-user-id': 'ann' } })
    problem(t, res, 400, /API_KEYS or JWT_JWKS_URL/)
    t.equal((await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 } })).statusCode, 200, 'stateless still works')
    problem(t, await app.inject({ url: '/entries' }), 404)
  })

  t.test('a request that names no user is answered as without tracking', async (t) => {
    const plain = await build(t)
    const tracked = await build(t, { API_KEYS: 'k1' })
    for (const [topic, payload] of Object.entries(SEEDS)) {
      const a = await plain.inject({ method: 'POST', url: `/${topic}`, payload })
      const b = await as(tracked, undefined).post(`/${topic}`, payload)
      t.equal(b.statusCode, 200, topic)
      t.same(Object.keys(b.json()).sort(), Object.keys(a.json()).sort(), `${topic}: the same fields, no entry_id`)
      t.same(b.json().facts, a.json().facts, `${topic}: the same facts, no today`)
    }
  })

  t.test('TRACKING=off with API_KEYS: X-User-Id is a 400, the resources do not exist', async (t) => {
    const app = await build(t, { API_KEYS: 'k1', TRACKING: 'off' })
    problem(t, await as(app, 'ann').post('/water', { amount_liters: 1 }), 400, /TRACKING=off/)
    const stateless = await as(app, undefined).post('/water', { amount_liters: 1 })
    t.equal(stateless.statusCode, 200)
    t.notOk('entry_id' in stateless.json())
    for (const url of ['/entries', '/summary', '/profile', '/export']) problem(t, await as(app, 'ann').get(url), 404)
  })

  t.test('bad X-User-Id values and tracking routes without a user', async (t) => {
    const app = await build(t, { API_KEYS: 'k1' })
    for (const user of ['a b', 'a/b', 'a,b', 'ann!', '', 'x'.repeat(129)]) {
      problem(t, await as(app, user).post('/water', { amount_liters: 1 }), 400, /X-User-Id/)
      problem(t, await as(app, user).get('/entries'), 400, /X-User-Id/)
    }
    const longest = await as(app, `${'x'.repeat(120)}.:_@-AZ09`.slice(0, 128)).post('/water', { amount_liters: 1 })
    t.equal(longest.statusCode, 200, '128 characters of the allowed set')
    t.type(longest.json().entry_id, 'string')

    const routes = [['GET', '/entries'], ['GET', '/entries/abc'], ['DELETE', '/entries/abc'], ['GET', '/summary'], ['GET', '/profile'], ['PUT', '/profile'], ['DELETE', '/profile'], ['GET', '/export']] as const
    for (const [method, url] of routes) {
      const payload = method === 'PUT' ? { weight_kg: 70 } : undefined
      const keyOnly = await app.inject({ method, url, payload, headers: { authorization: 'Bearer k1' } })
      problem(t, keyOnly, 401, /needs a user/)
      t.match(keyOnly.headers['www-authenticate'], /^Bearer/)
      const anonymous = await app.inject({ method, url, payload, headers: { 'x-user-id': 'ann' } })
      problem(t, anonymous, 401)
      const wrongKey = await app.inject({ method, url, payload, headers: { authorization: 'Bearer nope', 'x-user-id': 'ann' } })
      problem(t, wrongKey, 401)
      t.notMatch(wrongKey.body, /nope|k1/, 'no key echoed')
    }
  })
})
