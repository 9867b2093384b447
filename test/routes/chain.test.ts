import t, { type Test } from 'tap'
import { build, chainEnv, SEEDS } from '../helpers/build.js'
import { startFakeGemini, type FakeMode } from '../helpers/fake-gemini.js'
import { startFakeOpenAI, type FakeOpenAIMode } from '../helpers/fake-openai.js'
import { metric } from '../helpers/metrics.js'

async function fakes (t: Test, gemini: FakeMode, openai: FakeOpenAIMode) {
  const g = await startFakeGemini(gemini)
  const o = await startFakeOpenAI(openai)
  t.teardown(async () => { await g.close(); await o.close() })
  return { g, o }
}

const OPENAI_WORDS = 'Nice steady drinking, keep a bottle close by.'

// The chain scenarios: AI_PROVIDERS=gemini,openai, one attempt each (AI_MAX_RETRIES=0) so the counts stay plain.
const SCENARIOS: Array<[string, FakeMode, FakeOpenAIMode, { source: string, degraded: boolean, gemini: number, openai: number, fallbacks: string[] }]> = [
  ['both healthy: Gemini answers, OpenAI is never asked', { kind: 'ok', text: 'Gemini says keep sipping.' }, { kind: 'ok', text: OPENAI_WORDS },
    { source: 'gemini', degraded: false, gemini: 1, openai: 0, fallbacks: [] }],
  ['Gemini 500, then OpenAI answers', { kind: 'status', status: 500 }, { kind: 'ok', text: OPENAI_WORDS },
    { source: 'openai', degraded: true, gemini: 1, openai: 1, fallbacks: ['reason="server_error",from="gemini",to="openai"'] }],
  ['Gemini safety block, then OpenAI answers', { kind: 'safety' }, { kind: 'ok', text: OPENAI_WORDS },
    { source: 'openai', degraded: true, gemini: 1, openai: 1, fallbacks: ['reason="safety",from="gemini",to="openai"'] }],
  ['Gemini hangs, then OpenAI answers', { kind: 'hang' }, { kind: 'ok', text: OPENAI_WORDS },
    { source: 'openai', degraded: true, gemini: 1, openai: 1, fallbacks: ['reason="timeout",from="gemini",to="openai"'] }],
  ['both failing: the local advisor answers', { kind: 'status', status: 429, retryDelay: '30s' }, { kind: 'status', status: 503 },
    { source: 'local', degraded: true, gemini: 1, openai: 1, fallbacks: ['reason="rate_limited",from="gemini",to="openai"', 'reason="server_error",from="openai",to="local"'] }],
  ['Gemini fails, OpenAI only thinks: local', { kind: 'bad_json' }, { kind: 'ok', text: '<think>hmm</think>' },
    { source: 'local', degraded: true, gemini: 1, openai: 1, fallbacks: ['reason="bad_reply",from="gemini",to="openai"', 'reason="empty",from="openai",to="local"'] }]
]

for (const [name, gemini, openai, want] of SCENARIOS) {
  t.test(`chain: ${name}`, async (t) => {
    const { g, o } = await fakes(t, gemini, openai)
    const app = await build(t, chainEnv(g.url, o.url, { AI_MAX_RETRIES: '0', AI_TIMEOUT_MS: '1500' }))
    const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.source, want.source)
    t.equal(body.degraded, want.degraded)
    if (want.source === 'openai') t.equal(body.message, OPENAI_WORDS)
    if (want.source === 'local') t.match(body.message, '1.8 L')
    t.equal(g.calls, want.gemini, 'Gemini calls')
    t.equal(o.calls, want.openai, 'OpenAI calls')
    const metrics = (await app.inject({ url: '/metrics' })).body
    t.equal(metric(metrics, `advice_total{topic="water",source="${want.source}"}`), 1)
    const moved = [...metrics.matchAll(/^ai_fallbacks_total\{([^}]+)\} (\d+)$/gm)].map((m) => `${m[1]}`)
    t.same(moved.sort(), [...want.fallbacks].sort(), 'ai_fallbacks_total from → to')
    for (const f of want.fallbacks) t.equal(metric(metrics, `ai_fallbacks_total{${f}}`), 1)
  })
}

t.test('chain: an open breaker on Gemini sends every call to OpenAI at once; /health says so', async (t) => {
  const { g, o } = await fakes(t, { kind: 'status', status: 503 }, { kind: 'ok', text: OPENAI_WORDS })
  // The breaker opens once 2 calls in the window have failed more than half the time.
  const app = await build(t, chainEnv(g.url, o.url, { AI_MAX_RETRIES: '0', AI_BREAKER_MIN_CALLS: '2', AI_BREAKER_THRESHOLD: '0.5', AI_BREAKER_COOLDOWN_MS: '60000', CACHE_MAX_ENTRIES: '0' }))
  for (let i = 0; i < 2; i++) {
    t.match((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).json(), { source: 'openai', degraded: true })
  }
  t.equal(g.calls, 2)
  t.match((await app.inject({ url: '/health' })).json(), { ai_service: 'degraded', providers: { gemini: 'degraded', openai: 'available' } })
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.match(res.json(), { source: 'openai', degraded: true, message: OPENAI_WORDS })
  t.equal(g.calls, 2, 'no call to Gemini while its breaker is open')
  t.equal(o.calls, 3)
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="circuit_open",from="gemini",to="openai"}'), 1)
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="server_error",from="gemini",to="openai"}'), 2)
  t.equal(metric(metrics, 'ai_circuit_breaker_state{provider="gemini"}'), 2)
  t.equal(metric(metrics, 'ai_circuit_breaker_state{provider="openai"}'), 0)
  t.equal(metric(metrics, 'advice_total{topic="water",source="openai"}'), 3)
})

t.test('chain: the order is the configured one', async (t) => {
  const { g, o } = await fakes(t, { kind: 'ok', text: 'Gemini says keep sipping.' }, { kind: 'status', status: 500 })
  const app = await build(t, chainEnv(g.url, o.url, { AI_PROVIDERS: 'openai,gemini', AI_MAX_RETRIES: '0' }))
  t.match((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).json(), { source: 'gemini', degraded: true, message: 'Gemini says keep sipping.' })
  t.equal(o.calls, 1)
  t.equal(g.calls, 1)
  t.same((await app.inject({ url: '/health' })).json().providers, { openai: 'available', gemini: 'available' })
  t.equal(metric((await app.inject({ url: '/metrics' })).body, 'ai_fallbacks_total{reason="server_error",from="openai",to="gemini"}'), 1)
})

t.test('chain: each provider caches its own words under its name and model', async (t) => {
  const { g, o } = await fakes(t, { kind: 'status', status: 400 }, { kind: 'ok', text: OPENAI_WORDS })
  const app = await build(t, chainEnv(g.url, o.url, { AI_MAX_RETRIES: '0' }))
  for (let i = 0; i < 2; i++) t.match((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).json(), { source: 'openai' })
  t.equal(g.calls, 2, 'a failure is never cached: Gemini is asked again')
  t.equal(o.calls, 1, 'the second answer is OpenAI\'s cached words')
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_cache_requests_total{provider="openai",result="hit"}'), 1)
  t.equal(metric(metrics, 'ai_cache_requests_total{provider="gemini",result="miss"}'), 2)
})

t.test('chain with AI_FALLBACK=none: every provider failing is a 502', async (t) => {
  const { g, o } = await fakes(t, { kind: 'status', status: 500 }, { kind: 'status', status: 500 })
  const app = await build(t, chainEnv(g.url, o.url, { AI_MAX_RETRIES: '0', AI_FALLBACK: 'none' }))
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(res.statusCode, 502)
  t.equal(g.calls + o.calls, 2)
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="server_error",from="gemini",to="openai"}'), 1)
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="server_error",from="openai",to="none"}'), 1)
})
