import t from 'tap'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { createPressureHandler } from '../../src/plugins/pressure.js'
import { build, SEEDS } from '../helpers/build.js'

const block = (ms: number) => { const end = Date.now() + ms; while (Date.now() < end) { /* busy: simulate a stuck event loop */ } }
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('event-loop overload answers 503 problem+json with Retry-After; /health and /metrics still answer', async (t) => {
  const app = await build(t, { MAX_EVENT_LOOP_DELAY_MS: '5', PRESSURE_SAMPLE_MS: '200' })
  // Block until the sampler has seen a mean delay above the limit; the next
  // sample is 200 ms away, so the request below runs while it still holds.
  await tick(450) // past the two-window warm-up
  let attempts = 0
  do { block(400); await tick(1) } while (!app.isUnderPressure() && ++attempts < 10)
  t.equal(app.isUnderPressure(), true)
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
