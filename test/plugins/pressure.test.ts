import t from 'tap'
import { build, SEEDS } from '../helpers/build.js'

const block = (ms: number) => { const end = Date.now() + ms; while (Date.now() < end) { /* busy: simulate a stuck event loop */ } }
const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

t.test('event-loop overload answers 503 problem+json with Retry-After; /health and /metrics still answer', async (t) => {
  const app = await build(t, { MAX_EVENT_LOOP_DELAY_MS: '5', PRESSURE_SAMPLE_MS: '200' })
  // Block until the sampler has seen a mean delay above the limit; the next
  // sample is 200 ms away, so the request below runs while it still holds.
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
