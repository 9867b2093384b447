import { createServer } from 'node:net'
import Fastify from 'fastify'
import t from 'tap'
import { request as httpRequest } from 'undici'
import { loadConfig } from '../../src/config.js'
import advisor from '../../src/plugins/advisor.js'
import metrics from '../../src/plugins/metrics.js'
import { build, geminiEnv, SEEDS, testEnv } from '../helpers/build.js'
import { frozenClock } from '../helpers/clock.js'
import { startFakeGemini, type FakeMode } from '../helpers/fake-gemini.js'
import { waitFor } from '../helpers/wait-for.js'
import { checkFaultMetrics, metric } from '../helpers/metrics.js'

const uniqueWater = (i: number) => ({ amount_liters: Math.round((0.1 + i * 0.01) * 100) / 100 })

// name, fake mode, env, expected source, upstream calls, fallback reason (or null when Gemini answered)
const FAULTS: Array<[string, FakeMode, Record<string, string>, 'gemini' | 'local', number, string | null]> = [
  ['slow but in time', { kind: 'ok', delayMs: 100 }, {}, 'gemini', 1, null],
  ['hang: each attempt times out, retried once', { kind: 'hang' }, { AI_TIMEOUT_MS: '150', AI_MAX_RETRIES: '1' }, 'local', 2, 'timeout'],
  ['429 whose RetryInfo wait does not fit the deadline: fail fast', { kind: 'status', status: 429, retryDelay: '30s' }, {}, 'local', 1, 'rate_limited'],
  ['429 whose Retry-After fits: retried', { kind: 'status', status: 429, retryAfter: '0' }, {}, 'local', 3, 'rate_limited'],
  ['429 per-day quota: never retried', { kind: 'status', status: 429, perDay: true }, {}, 'local', 1, 'quota'],
  ['500: retried up to AI_MAX_RETRIES', { kind: 'status', status: 500 }, {}, 'local', 3, 'server_error'],
  ['503: retried up to AI_MAX_RETRIES', { kind: 'status', status: 503 }, {}, 'local', 3, 'server_error'],
  ['400: never retried', { kind: 'status', status: 400 }, {}, 'local', 1, 'client_error'],
  ['403: never retried', { kind: 'status', status: 403 }, {}, 'local', 1, 'client_error'],
  ['bad JSON: not retried', { kind: 'bad_json' }, {}, 'local', 1, 'bad_reply'],
  ['empty candidates: not retried', { kind: 'empty' }, {}, 'local', 1, 'empty'],
  ['safety block: not retried', { kind: 'safety' }, {}, 'local', 1, 'safety'],
  ['over-long reply: trimmed, not a failure', { kind: 'ok', text: Array.from({ length: 60 }, () => 'water').join(' ') }, {}, 'gemini', 1, null],
  ['flaky: two 503s then success', { kind: 'flaky', failures: 2, status: 503 }, {}, 'gemini', 3, null],
  ['contradicting number: number guard', { kind: 'ok', text: 'Drink 3 L more today to stay sharp.' }, {}, 'local', 1, 'numbers'],
  ['invented kcal: number guard', { kind: 'ok', text: 'That water has 250 kcal, drink up!' }, {}, 'local', 1, 'numbers']
]

for (const [name, mode, env, source, calls, reason] of FAULTS) {
  t.test(`fault: ${name}`, async (t) => {
    const fake = await startFakeGemini(mode)
    t.teardown(() => fake.close())
    const app = await build(t, geminiEnv(fake.url, env))
    const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.source, source)
    t.equal(body.degraded, source === 'local')
    t.equal(fake.calls, calls, 'upstream calls')
    t.ok(body.message.split(' ').length <= 25)
    checkFaultMetrics(t, (await app.inject({ url: '/metrics' })).body, { provider: 'gemini', source, calls, reason })
  })
}

t.test('connection refused: network errors are retried, then answered locally', async (t) => {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const app = await build(t, geminiEnv(`http://127.0.0.1:${port}`))
  const body = (await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })).json()
  t.equal(body.source, 'local')
  t.equal(body.degraded, true)
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_upstream_calls_total{provider="gemini",outcome="network"}'), 3)
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="network",from="gemini",to="local"}'), 1)
})

t.test('concurrency: with a limit of 4, twenty parallel requests never put more than 4 in flight', async (t) => {
  const fake = await startFakeGemini({ kind: 'ok', delayMs: 60, text: 'Keep going, sip steadily.' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { AI_MAX_CONCURRENCY: '4', AI_QUEUE_MAX: '50', AI_QUEUE_TIMEOUT_MS: '10000' }))
  const replies = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await app.inject({ method: 'POST', url: '/water', payload: uniqueWater(i) })).json()))
  t.equal(fake.maxInFlight, 4)
  t.equal(fake.calls, 20)
  t.ok(replies.every((r) => r.source === 'gemini'))
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_in_flight{provider="gemini"}'), 0)
  t.equal(metric(metrics, 'ai_queued{provider="gemini"}'), 0)
})

t.test('a full queue sheds: local advice, or 503 with Retry-After under AI_FALLBACK=none', async (t) => {
  const fake = await startFakeGemini({ kind: 'ok', delayMs: 150, text: 'Keep going.' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { AI_MAX_CONCURRENCY: '1', AI_QUEUE_MAX: '0' }))
  const [a, b] = await Promise.all([0, 1].map(async (i) => (await app.inject({ method: 'POST', url: '/water', payload: uniqueWater(i) })).json()))
  t.same([a.source, b.source].sort(), ['gemini', 'local'])
  t.equal(fake.calls, 1)
  t.equal(metric((await app.inject({ url: '/metrics' })).body, 'ai_fallbacks_total{reason="shed",from="gemini",to="local"}'), 1)

  const strict = await build(t, geminiEnv(fake.url, { AI_MAX_CONCURRENCY: '1', AI_QUEUE_MAX: '0', AI_FALLBACK: 'none' }))
  const [c, d] = await Promise.all([2, 3].map(async (i) => await strict.inject({ method: 'POST', url: '/water', payload: uniqueWater(i) })))
  const shed = c.statusCode === 503 ? c : d
  t.same([c.statusCode, d.statusCode].sort(), [200, 503])
  t.equal(shed.headers['retry-after'], '1')
  t.match(shed.headers['content-type'], /^application\/problem\+json/)
})

t.test('cache: two identical sequential and five identical concurrent requests make one upstream call', async (t) => {
  const fake = await startFakeGemini({ kind: 'ok', delayMs: 50, text: 'Nice run, refuel with protein.' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url))
  await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })
  await app.inject({ method: 'POST', url: '/gym', payload: { duration_minutes: 45, activity: 'running' } })
  const five = await Promise.all(Array.from({ length: 5 }, async () => (await app.inject({ method: 'POST', url: '/food', payload: SEEDS.food })).json()))
  t.equal(fake.calls, 2, 'one call for /gym (key order ignored), one for the concurrent /food')
  t.ok(five.every((r) => r.source === 'gemini' && r.message === 'Nice run, refuel with protein.'))
  await app.inject({ method: 'POST', url: '/food', payload: SEEDS.food })
  t.equal(fake.calls, 2)
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_cache_requests_total{provider="gemini",result="miss"}'), 2)
  t.equal(metric(metrics, 'ai_cache_requests_total{provider="gemini",result="hit"}'), 2)
  t.equal(metric(metrics, 'ai_cache_requests_total{provider="gemini",result="coalesced"}'), 4)
})

t.test('cache: fallbacks are not cached, and CACHE_MAX_ENTRIES=0 disables storage', async (t) => {
  const fake = await startFakeGemini({ kind: 'status', status: 500 })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { AI_MAX_RETRIES: '0' }))
  t.equal((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).json().source, 'local')
  fake.setMode({ kind: 'ok', text: 'Well done today.' })
  t.equal((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).json().source, 'gemini')
  t.equal(fake.calls, 2)

  const off = await build(t, geminiEnv(fake.url, { CACHE_MAX_ENTRIES: '0' }))
  fake.reset()
  await off.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  await off.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(fake.calls, 2)
})

t.test('circuit breaker: opens after failures, answers locally without calling, reports degraded, closes after a good probe', async (t) => {
  // Frozen, so the 30 s cool-down passes only when advanced below: no sleeping.
  const clock = frozenClock(t)
  const fake = await startFakeGemini({ kind: 'status', status: 500 })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, {
    AI_MAX_RETRIES: '0', AI_BREAKER_THRESHOLD: '0.5', AI_BREAKER_MIN_CALLS: '2', AI_BREAKER_WINDOW_MS: '10000', AI_BREAKER_COOLDOWN_MS: '30000'
  }))
  const warnings: string[] = []
  const capture = t.capture(app.log, 'warn', (obj: object, msg?: string) => { warnings.push(msg ?? String(obj)) })
  for (let i = 0; i < 6; i++) await app.inject({ method: 'POST', url: '/water', payload: uniqueWater(i) })
  const callsWhenOpen = fake.calls
  t.ok(callsWhenOpen < 6, `breaker stopped calls after ${callsWhenOpen}`)
  t.equal((await app.inject({ url: '/health' })).json().ai_service, 'degraded')
  const open = (await app.inject({ method: 'POST', url: '/water', payload: uniqueWater(50) })).json()
  t.equal(open.source, 'local')
  t.equal(fake.calls, callsWhenOpen, 'no upstream call while open')
  let metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_circuit_breaker_state{provider="gemini"}'), 2)
  t.ok(metric(metrics, 'ai_fallbacks_total{reason="circuit_open",from="gemini",to="local"}') >= 1)
  t.equal(warnings.filter((w) => w.includes('circuit breaker opened')).length, 1, 'transition logged once')
  capture()

  fake.setMode({ kind: 'ok', text: 'Back to normal, keep sipping.' })
  clock.advance(29_999)
  t.equal((await app.inject({ method: 'POST', url: '/water', payload: uniqueWater(59) })).json().source, 'local', 'still open 1 ms before the cool-down ends')
  t.equal(fake.calls, callsWhenOpen)
  clock.advance(1)
  const probe = (await app.inject({ method: 'POST', url: '/water', payload: uniqueWater(60) })).json()
  t.equal(probe.source, 'gemini')
  t.equal((await app.inject({ url: '/health' })).json().ai_service, 'available')
  metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_circuit_breaker_state{provider="gemini"}'), 0)
})

t.test('a client that disconnects aborts the upstream call', async (t) => {
  const fake = await startFakeGemini({ kind: 'hang' })
  t.teardown(() => fake.close())
  const app = await build(t, geminiEnv(fake.url, { AI_TIMEOUT_MS: '10000' }))
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  const ac = new AbortController()
  const pending = httpRequest(`${address}/water`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SEEDS.water), signal: ac.signal })
  pending.catch(() => {})
  await waitFor(() => fake.inFlight === 1)
  ac.abort()
  await waitFor(() => fake.inFlight === 0)
  t.equal(fake.calls, 1, 'not retried')
  // The advisor records the aborted call after the socket has closed: poll the metrics for it.
  let metrics = ''
  await waitFor(async () => {
    metrics = (await app.inject({ url: '/metrics' })).body
    return metric(metrics, 'ai_fallbacks_total{reason="aborted",from="gemini",to="local"}') > 0
  })
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="aborted",from="gemini",to="local"}'), 1)
  t.equal(metric(metrics, 'ai_upstream_calls_total{provider="gemini",outcome="aborted"}'), 1)
})

t.test('the advisor plugin declares the providers it composes', async (t) => {
  const app = Fastify()
  t.teardown(() => app.close())
  await app.register(metrics)
  app.register(advisor, { config: loadConfig(testEnv) })
  await t.rejects(async () => { await app.ready() }, /dependency 'providers' of plugin 'advisor' is not registered/)
})

t.test('the provider chain follows the config: none without a key, Gemini with one', async (t) => {
  const local = await build(t)
  t.same(local.providers, [])
  t.equal(local.advisor.cancellable, false)
  t.equal((await local.inject({ url: '/health' })).json().ai_service, 'local')
  const forced = await build(t, geminiEnv('http://127.0.0.1:9', { AI_PROVIDER: 'local' }))
  t.same(forced.providers, [], 'AI_PROVIDER=local wins over a key')
  const gemini = await build(t, geminiEnv('http://127.0.0.1:9'))
  t.same(gemini.providers.map((p) => [p.name, p.model]), [['gemini', 'gemini-2.5-flash']])
  t.equal(gemini.advisor.cancellable, true)
  t.equal((await gemini.inject({ url: '/health' })).json().ai_service, 'available')
})
