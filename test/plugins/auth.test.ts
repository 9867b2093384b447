import t from 'tap'
import { createHash } from 'node:crypto'
import { bearerToken, createKeyMatcher } from '../../src/plugins/auth.js'
import { build, SEEDS } from '../helpers/build.js'

t.test('with API_KEYS set, advice routes need a valid bearer key', async (t) => {
  const app = await build(t, { API_KEYS: 'key-one, key-two' })
  const missing = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(missing.statusCode, 401)
  t.match(missing.headers['www-authenticate'], /^Bearer/)
  t.match(missing.headers['content-type'], /^application\/problem\+json/)
  t.match(missing.json(), { status: 401, type: '/problems/unauthorized', detail: 'missing authorization header' })

  const wrong = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water, headers: { authorization: 'Bearer key-three' } })
  t.equal(wrong.statusCode, 401)
  t.notMatch(wrong.body, /key-one|key-two|key-three/)
  const basic = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water, headers: { authorization: 'Basic a2V5LW9uZQ==' } })
  t.equal(basic.statusCode, 401)

  for (const key of ['key-one', 'key-two']) {
    const ok = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water, headers: { authorization: `Bearer ${key}` } })
    t.equal(ok.statusCode, 200, key)
  }
  for (const url of ['/health', '/ready', '/metrics', '/docs/json']) {
    t.equal((await app.inject({ url })).statusCode, 200, `${url} stays open`)
  }
})

t.test('an X-User-Id the server cannot honour is a 400 problem saying why', async (t) => {
  const app = await build(t, { API_KEYS: 'k' })
  const post = async (headers: Record<string, string>) => await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water, headers: { authorization: 'Bearer k', ...headers } })
  const bad = await post({ 'x-user-id': 'alice smith' })
  t.equal(bad.statusCode, 400)
  t.match(bad.headers['content-type'], /^application\/problem\+json/)
  t.match(bad.json(), { type: '/problems/bad-request', title: 'Bad Request', status: 400, detail: 'X-User-Id must be one value of 1–128 characters from A–Z a–z 0–9 . _ : @ -' })
  t.notOk('errors' in bad.json())
  t.match((await app.inject({ url: '/metrics' })).body, 'errors_total{type="bad-request"} 1')

  const off = await build(t, { API_KEYS: 'k', TRACKING: 'off' })
  const stored = await off.inject({ method: 'POST', url: '/water', payload: SEEDS.water, headers: { authorization: 'Bearer k', 'x-user-id': 'alice' } })
  t.equal(stored.statusCode, 400)
  t.match(stored.json().detail, /^X-User-Id needs tracking, which is off: /)
})

t.test('without API_KEYS the advice routes are open', async (t) => {
  const app = await build(t)
  t.equal((await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })).statusCode, 200)
})

t.test('key matching and header parsing', async (t) => {
  const matches = createKeyMatcher(['alpha', 'a-much-longer-key'])
  // The matched key's id: the first 16 hex digits of its SHA-256 (sha256("alpha") = 8ed3f6ad685b959e…).
  t.equal(matches('alpha'), '8ed3f6ad685b959e')
  t.equal(matches('a-much-longer-key'), createHash('sha256').update('a-much-longer-key').digest('hex').slice(0, 16))
  t.equal(matches('alph'), undefined)
  t.equal(matches(''), undefined)
  t.equal(createKeyMatcher([])('alpha'), undefined)
  t.equal(bearerToken('Bearer abc'), 'abc')
  t.equal(bearerToken('bearer   abc  '), 'abc')
  t.equal(bearerToken('Basic abc'), undefined)
  t.equal(bearerToken(undefined), undefined)
})
