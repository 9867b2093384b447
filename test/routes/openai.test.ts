import t from 'tap'
import { build, openaiEnv, SEEDS } from '../helpers/build.js'
import { startFakeOpenAI, type FakeOpenAIMode } from '../helpers/fake-openai.js'
import { checkFaultMetrics, metric } from '../helpers/metrics.js'

const LONG = 'Great work today! ' + Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ')
const WORDS = 'Great job, keep sipping water steadily through the afternoon.'

// The fault table of the OpenAI provider, through the whole app with the default
// policies (AI_MAX_RETRIES=2, AI_DEADLINE_MS=15000): name, fake mode, extra env,
// who writes the words, exact upstream calls, outcome of the last attempt, fallback reason (null: openai answered).
const FAULTS: Array<[string, FakeOpenAIMode, Record<string, string>, 'openai' | 'local', number, string, string | null]> = [
  // A wait longer than what is left of the deadline fails at once (resilience.ts), so one call proves the hint was read.
  ['429 with Retry-After: 30 (beyond the deadline)', { kind: 'status', status: 429, headers: { 'retry-after': '30' } }, {}, 'local', 1, 'rate_limited', 'rate_limited'],
  ['429 with x-ratelimit-reset-requests: 6m0s', { kind: 'status', status: 429, headers: { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '6m0s' } }, {}, 'local', 1, 'rate_limited', 'rate_limited'],
  ['429 with Retry-After: 0 (fits): retried', { kind: 'status', status: 429, headers: { 'retry-after': '0' } }, {}, 'local', 3, 'rate_limited', 'rate_limited'],
  ['429 with x-ratelimit-reset-tokens: 20ms (fits): retried', { kind: 'status', status: 429, headers: { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '20ms' } }, {}, 'local', 3, 'rate_limited', 'rate_limited'],
  ['500: retried up to AI_MAX_RETRIES', { kind: 'status', status: 500 }, {}, 'local', 3, 'server_error', 'server_error'],
  ['503: retried up to AI_MAX_RETRIES', { kind: 'status', status: 503 }, {}, 'local', 3, 'server_error', 'server_error'],
  ['hang: each attempt times out, retried once', { kind: 'hang' }, { AI_TIMEOUT_MS: '200', AI_MAX_RETRIES: '1' }, 'local', 2, 'timeout', 'timeout'],
  ['malformed JSON: not retried', { kind: 'bad_json' }, {}, 'local', 1, 'bad_reply', 'bad_reply'],
  ['empty choices: not retried', { kind: 'empty' }, {}, 'local', 1, 'empty', 'empty'],
  ['finish_reason content_filter: a safety block', { kind: 'finish', reason: 'content_filter', text: 'Drink' }, {}, 'local', 1, 'safety', 'safety'],
  ['finish_reason length: truncated, not retried', { kind: 'finish', reason: 'length', text: 'Drink more water today and' }, {}, 'local', 1, 'truncated', 'truncated'],
  ['a <think> block before the answer: stripped', { kind: 'ok', text: `<think>The user drank 2 L. Should I mention 1.8?</think>\n${WORDS}` }, {}, 'openai', 1, 'ok', null],
  ['only a <think> block: no words', { kind: 'ok', text: '<think>The user drank 2 L.</think>' }, {}, 'local', 1, 'empty', 'empty'],
  ['reasoning_content beside the answer: ignored', { kind: 'ok', text: WORDS, reasoning: 'secret reasoning about kidneys' }, {}, 'openai', 1, 'ok', null],
  ['over-long text: trimmed to 25 words', { kind: 'ok', text: LONG }, {}, 'openai', 1, 'ok', null],
  ['an echo of the prompt: the guard rejects it', { kind: 'echo' }, {}, 'local', 1, 'ok', 'guard']
]

for (const [name, mode, env, source, calls, outcome, reason] of FAULTS) {
  t.test(`openai fault: ${name}`, async (t) => {
    const fake = await startFakeOpenAI(mode)
    t.teardown(() => fake.close())
    const app = await build(t, openaiEnv(fake.url, env))
    const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.equal(body.source, source)
    t.equal(body.degraded, source === 'local')
    t.equal(fake.calls, calls, 'upstream calls')
    t.ok(body.message.split(' ').length <= 25)
    t.notMatch(res.body, /secret|<\/?think>|The user drank/, 'no upstream error text, no reasoning')
    if (source === 'local') t.match(body.message, '1.8 L')
    else if (mode.kind === 'ok' && mode.text !== LONG) t.equal(body.message, WORDS, 'the answer, without the reasoning')
    else t.match(body.message, /^Great work today! word0 /)
    const metrics = (await app.inject({ url: '/metrics' })).body
    checkFaultMetrics(t, metrics, { provider: 'openai', source, calls, reason })
    t.equal(metric(metrics, `ai_upstream_calls_total{provider="openai",outcome="${outcome}"}`), calls, 'every attempt ended with this outcome')
  })
}

t.test('openai writes the words on every route; tokens are counted per provider', async (t) => {
  const fake = await startFakeOpenAI({ kind: 'ok', text: 'You are doing great, keep going!' })
  t.teardown(() => fake.close())
  const app = await build(t, openaiEnv(fake.url))
  for (const topic of ['water', 'gym', 'food'] as const) {
    const res = await app.inject({ method: 'POST', url: `/${topic}`, payload: SEEDS[topic] })
    t.equal(res.statusCode, 200)
    t.match(res.json(), { source: 'openai', degraded: false, message: 'You are doing great, keep going!' })
  }
  t.equal(fake.calls, 3)
  t.notOk('authorization' in (fake.lastHeaders ?? {}), 'no key configured, none sent')
  const metrics = (await app.inject({ url: '/metrics' })).body
  // 3 calls × the fake's usage (prompt_tokens 150, completion_tokens 25).
  t.equal(metric(metrics, 'ai_tokens_total{provider="openai",kind="input"}'), 450)
  t.equal(metric(metrics, 'ai_tokens_total{provider="openai",kind="output"}'), 75)
  t.match((await app.inject({ url: '/health' })).json(), { ai_service: 'available', providers: { openai: 'available' } })
})

t.test('OPENAI_API_KEY travels as a bearer token', async (t) => {
  const fake = await startFakeOpenAI()
  t.teardown(() => fake.close())
  const app = await build(t, openaiEnv(fake.url, { OPENAI_API_KEY: 'sk-or-v1-test' }))
  await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(fake.lastHeaders?.authorization, 'Bearer sk-or-v1-test')
})

t.test('AI_FALLBACK=none: 502 when the model fails, 504 when it times out', async (t) => {
  const fake = await startFakeOpenAI({ kind: 'finish', reason: 'content_filter' })
  t.teardown(() => fake.close())
  const app = await build(t, openaiEnv(fake.url, { AI_FALLBACK: 'none', AI_TIMEOUT_MS: '1000', AI_MAX_RETRIES: '0' }))
  const failed = await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })
  t.equal(failed.statusCode, 502)
  t.match(failed.headers['content-type'], /^application\/problem\+json/)
  fake.setMode({ kind: 'hang' })
  const timedOut = await app.inject({ method: 'POST', url: '/gym', payload: SEEDS.gym })
  t.equal(timedOut.statusCode, 504)
  const metrics = (await app.inject({ url: '/metrics' })).body
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="safety",from="openai",to="none"}'), 1)
  t.equal(metric(metrics, 'ai_fallbacks_total{reason="timeout",from="openai",to="none"}'), 1)
})
