import { setImmediate } from 'node:timers/promises'
import t from 'tap'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { createPressureHandler } from '../../src/plugins/pressure.js'
import { build, SEEDS } from '../helpers/build.js'
import { frozenClock } from '../helpers/clock.js'

/** Holds the event loop for `ms` of monotonic time (not Date.now, which the test freezes). */
const stall = (ms: number) => { const end = performance.now() + ms; while (performance.now() < end) { /* busy: a stuck event loop */ } }

t.test('event-loop overload answers 503 problem+json with Retry-After; /health and /metrics still answer', async (t) => {
  // The warm-up after ready is read from Date.now: frozen, it ends only when the test moves it.
  const clock = frozenClock(t)
  const app = await build(t, { MAX_EVENT_LOOP_DELAY_MS: '5', PRESSURE_SAMPLE_MS: '200' })
  clock.advance(400) // two 200 ms sample windows after ready: the warm-up is over
  // Stall the loop in short bursts until the sampler (real timers, a 200 ms
  // window) has read a mean delay above 5 ms; tap's timeout stops a hang.
  while (!app.isUnderPressure()) { stall(50); await setImmediate() }
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(res.statusCode, 503)
  t.equal(res.headers['retry-after'], '5')
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { status: 503, type: '/problems/unavailable', detail: /overloaded/ })
  t.equal((await app.inject({ url: '/health' })).statusCode, 200)
  t.equal((await app.inject({ url: '/metrics' })).statusCode, 200)
})

t.test('MAX_EVENT_LOOP_DELAY_MS=0 disables the check', async (t) => {
  const app = await build(t, { MAX_EVENT_LOOP_DELAY_MS: '0' })
  t.equal(app.hasDecorator('isUnderPressure'), false)
})

t.test('exempt routes and the warm-up after ready pass; afterwards 503', async (t) => {
  const headers: Record<string, string> = {}
  const reply = { header: (k: string, v: string) => { headers[k] = v; return reply } } as unknown as FastifyReply
  const at = (url: string) => ({ routeOptions: { url } }) as unknown as FastifyRequest
  let readyAt: number | undefined
  const handler = createPressureHandler(100, () => readyAt)
  await t.resolves(handler(at('/water'), reply), 'not ready yet')
  readyAt = Date.now()
  await t.resolves(handler(at('/water'), reply), 'warming up')
  readyAt = Date.now() - 250
  await t.resolves(handler(at('/health'), reply), 'exempt')
  t.same(headers, {})
  await t.rejects(handler(at('/water'), reply), { statusCode: 503, code: 'OVERLOADED' })
  t.equal(headers['retry-after'], '5')
})
