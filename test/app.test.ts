import t from 'tap'
import { build } from './helpers/build.js'

t.test('HTTP timeouts: headers must arrive within 10 s, inside the 60 s request timeout', async (t) => {
  const app = await build(t)
  // Slowloris guard: Node's default headersTimeout would be the whole 60 s.
  t.equal(app.server.headersTimeout, 10_000)
  t.equal(app.server.requestTimeout, 60_000)
  t.ok(app.server.headersTimeout <= app.server.requestTimeout, 'Node requires headersTimeout ≤ requestTimeout')
})

t.test('the request property the error handlers set is a declared decorator', async (t) => {
  const app = await build(t)
  t.equal(app.hasRequestDecorator('metricsErrorType'), true)
})
