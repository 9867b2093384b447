import t from 'tap'
import { build, SEEDS } from '../helpers/build.js'

t.test('/metrics exposes HTTP, error and advice metrics from the app\'s own registry', async (t) => {
  const app = await build(t)
  const other = await build(t)
  await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  await app.inject({ method: 'POST', url: '/water', payload: {} })
  await app.inject({ url: '/does/not/exist/123' })
  const res = await app.inject({ url: '/metrics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/)
  const text = res.body
  t.match(text, /http_requests_total\{method="POST",route="\/water",status="200"\} 1/)
  t.match(text, /http_requests_total\{method="POST",route="\/water",status="400"\} 1/)
  // Unknown URLs share one label value, so cardinality stays bounded.
  t.match(text, /http_requests_total\{method="GET",route="unmatched",status="404"\} 1/)
  t.notMatch(text, '/does/not/exist')
  t.match(text, /http_request_duration_seconds_bucket\{le="0\.005",method="POST",route="\/water",status="200"\}/)
  t.match(text, /errors_total\{type="validation"\} 1/)
  t.match(text, /errors_total\{type="not-found"\} 1/)
  t.match(text, /advice_total\{topic="water",source="local"\} 1/)
  t.match(text, /process_resident_memory_bytes/)
  t.match(text, /nodejs_eventloop_lag_seconds/)
  // Two apps in one process must not share counters.
  t.notMatch((await other.inject({ url: '/metrics' })).body, /advice_total\{topic="water",source="local"\} 1/)
})
