import t from 'tap'
import { build, SEEDS } from '../helpers/build.js'
import { redisMissing, startRedis } from '../helpers/redis-server.js'

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

t.test('a valid key gets its own bucket; invalid tokens share the IP bucket', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '1', RATE_LIMIT_WINDOW: '60000', API_KEYS: 'k1,k2' })
  const as = (authorization: string) => app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym, headers: { authorization } })
  t.equal((await as('Bearer k1')).statusCode, 200)
  t.equal((await as('Bearer k1')).statusCode, 429)
  t.equal((await as('Bearer k2')).statusCode, 200)
  t.equal((await as('Bearer wrong-1')).statusCode, 401)
  t.equal((await as('Bearer wrong-2')).statusCode, 429)
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

t.test('REDIS_URL: the limit holds across app instances sharing one Redis', { skip: redisMissing() }, async (t) => {
  const url = await startRedis(t)
  const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute', REDIS_URL: url }
  const replicaA = await build(t, env)
  const replicaB = await build(t, env)
  const statuses: number[] = []
  for (const app of [replicaA, replicaB, replicaA, replicaB]) {
    statuses.push((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).statusCode)
  }
  t.same(statuses, [200, 200, 200, 429])
})

t.test('REDIS_URL unreachable: requests are served (fail open), not failed', async (t) => {
  const app = await build(t, { RATE_LIMIT_MAX: '1', REDIS_URL: 'redis://127.0.0.1:1' })
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(res.statusCode, 200)
})
