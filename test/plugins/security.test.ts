import t from 'tap'
import { describeWindow } from '../../src/plugins/security.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { build, SEEDS, testEnv } from '../helpers/build.js'
import { frozenClock } from '../helpers/clock.js'

t.test('rate limit: problem+json 429 with Retry-After and RateLimit headers; ops routes exempt', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' })
  const first = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(first.statusCode, 200)
  t.equal(first.headers['ratelimit-limit'], '2')
  t.equal(first.headers['ratelimit-remaining'], '1')
  await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  const limited = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(limited.statusCode, 429)
  t.match(limited.headers['content-type'], /^application\/problem\+json/)
  t.ok(Number(limited.headers['retry-after']) > 0)
  t.match(limited.json(), { status: 429, type: '/problems/rate-limited', detail: /Rate limit of 2 requests per 1 minute exceeded/ })
  for (let i = 0; i < 3; i++) t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 200)
})

t.test('the 429 detail names the configured window and the time left', async (t) => {
  // The local store reads Date.now(); a frozen clock puts the third request
  // 37 s into a 1-minute window, so 60 - 37 = 23 s are left.
  const clock = frozenClock(t)
  const app = await build(t, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' })
  await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  clock.advance(37_000)
  const limited = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(limited.statusCode, 429)
  t.equal(limited.json().detail, 'Rate limit of 2 requests per 1 minute exceeded; retry in 23 s')
  t.equal(limited.headers['retry-after'], '23')
})

t.test('a limit of one request is worded in the singular', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW: '1 minute' })
  await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  const limited = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(limited.statusCode, 429)
  t.match(limited.json().detail, /^Rate limit of 1 request per 1 minute exceeded; retry in \d+ s$/)
})

t.test('unknown routes (404) and wrong methods (405) spend the same allowance', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' })
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push((await app.inject({ url: '/nope' })).statusCode)
  t.same(statuses, [404, 404, 429])
  const other = await build(t, { RATE_LIMIT_MAX: '2', RATE_LIMIT_WINDOW: '1 minute' })
  const methods = []
  for (let i = 0; i < 3; i++) methods.push((await other.inject({ url: '/gym' })).statusCode)
  t.same(methods, [405, 405, 429])
  const limited = await other.inject({ url: '/gym' })
  t.match(limited.headers['content-type'], /^application\/problem\+json/)
  t.match(limited.json(), { status: 429, type: '/problems/rate-limited' })
  t.equal((await other.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })).statusCode, 429, 'and the routes share the bucket')
})

t.test('windows in words', async (t) => {
  t.equal(describeWindow(60_000), '1 minute')
  t.equal(describeWindow(90_000), '90 seconds')
  t.equal(describeWindow(7_200_000), '2 hours')
  t.equal(describeWindow(86_400_000), '1 day')
  t.equal(describeWindow(1000), '1 second')
  t.equal(describeWindow(250), '250 ms')
})

t.test('a valid key gets its own bucket; invalid tokens share the IP bucket', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW: '60000', API_KEYS: 'k1,k2' })
  const as = (authorization: string) => app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym, headers: { authorization } })
  t.equal((await as('Bearer k1')).statusCode, 200)
  t.equal((await as('Bearer k1')).statusCode, 429)
  t.equal((await as('Bearer k2')).statusCode, 200)
  t.equal((await as('Bearer wrong-1')).statusCode, 401)
  t.equal((await as('Bearer wrong-2')).statusCode, 429)
})

t.test('each user a key names (X-User-Id) has a bucket of their own; the key alone has another', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW: '60000', API_KEYS: 'k1' })
  const as = (user?: string) => app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym, headers: { authorization: 'Bearer k1', ...(user === undefined ? {} : { 'x-user-id': user }) } })
  t.equal((await as('alice')).statusCode, 200)
  t.equal((await as('alice')).statusCode, 429, 'alice used her one request')
  t.equal((await as('bob')).statusCode, 200, 'bob counts apart')
  t.equal((await as()).statusCode, 200, 'the key without a user counts apart too')
  t.equal((await as()).statusCode, 429)
  t.equal((await as('not a valid id!')).statusCode, 429, 'an invalid X-User-Id counts against the key alone')
})

t.test('RATE_LIMIT_MAX=0 disables limiting', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '0' })
  for (let i = 0; i < 5; i++) t.equal((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).statusCode, 200)
})

t.test('security headers, with a CSP that lets Swagger UI load its own assets', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/docs/' })
  const csp = String(res.headers['content-security-policy'])
  t.match(csp, "default-src 'self'")
  t.match(csp, "script-src 'self'")
  t.match(csp, "frame-ancestors 'none'")
  t.notMatch(csp, 'upgrade-insecure-requests')
  t.equal(res.headers['x-frame-options'], 'DENY')
  t.equal(res.headers['x-content-type-options'], 'nosniff')
  t.ok(res.headers['strict-transport-security'])
})

t.test('every response carries helmet 8\'s headers, errors included', async (t) => {
  // helmet 8's documented defaults (its README), with our frameguard and
  // cross-origin resource policy; the CSP is checked above.
  const expected = {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'cross-origin',
    'origin-agent-cluster': '?1',
    'referrer-policy': 'no-referrer',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    'x-dns-prefetch-control': 'off',
    'x-download-options': 'noopen',
    'x-frame-options': 'DENY',
    'x-permitted-cross-domain-policies': 'none',
    'x-xss-protection': '0'
  }
  const app = await build(t)
  const responses = {
    advice: await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water }),
    'invalid body': await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: -1 } }),
    'unknown route': await app.inject({ url: '/nope' }),
    health: await app.inject({ url: '/health' })
  }
  for (const [name, res] of Object.entries(responses)) {
    t.match(res.headers, expected, name)
    t.match(res.headers['content-security-policy'], "default-src 'self'", `${name}: CSP`)
    t.notOk('x-powered-by' in res.headers, `${name}: no X-Powered-By`)
  }
  t.equal(responses['invalid body'].statusCode, 400)
  t.equal(responses['unknown route'].statusCode, 404)
})

t.test('REDIS_URL unreachable: requests are served (fail open), not failed', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '1', REDIS_URL: 'redis://127.0.0.1:1' })
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(res.statusCode, 200)
})

t.test('a window that does not parse fails at start, even in a config built past loadConfig', async (t) => {
  const config = { ...loadConfig({ ...testEnv, RATE_LIMIT_MAX: '2' }), RATE_LIMIT_WINDOW: 'soon' }
  await t.rejects(buildApp(config), { message: 'RATE_LIMIT_WINDOW is not a duration' })
})
