import t, { type Test } from 'tap'
import { ProviderError, type Outcome } from '../../../src/advice/upstream/errors.js'
import { createGeminiProvider } from '../../../src/advice/upstream/providers/gemini.js'
import type { AdviceProvider, ProviderRequest } from '../../../src/advice/types.js'
import { createUpstreams, type UpstreamObserver, type UpstreamOptions } from '../../../src/advice/upstream/index.js'
import { startFakeGemini, type FakeMode } from '../../helpers/fake-gemini.js'

const request: ProviderRequest = {
  topic: 'water',
  entry: { amount_liters: 1 },
  context: {},
  facts: { intake_l: 1, target_l: 1.8, remaining_l: 0.8, basis: 'x', baseline_l: 1.8, exercise_extra_l: 0, heat_extra_l: 0, warnings: [], notes: [], sources: [] }
}

/** Two retries; waits recorded, not slept; a breaker out of reach unless a test lowers breakerMinCalls. */
function policy (waits: number[], overrides: Partial<UpstreamOptions> = {}): UpstreamOptions {
  return {
    timeoutMs: 2000,
    maxRetries: 2,
    deadlineMs: 60_000,
    maxConcurrency: 4,
    queueMax: 4,
    queueTimeoutMs: 1000,
    breakerThreshold: 0.5,
    breakerMinCalls: 1000,
    breakerWindowMs: 10_000,
    breakerCooldownMs: 60_000,
    cacheMaxEntries: 10,
    cacheTtlS: 60,
    random: () => 0,
    sleep: async (ms) => { waits.push(ms) },
    ...overrides
  }
}

/** An observer that records events as "provider:event". */
function recorder () {
  const events: string[] = []
  const observer: UpstreamObserver = {
    attempt: (provider, outcome) => events.push(`${provider}:attempt:${outcome}`),
    retry: (provider) => events.push(`${provider}:retry`),
    breaker: (provider, state) => events.push(`${provider}:breaker:${state}`),
    load: () => {},
    tokens: (provider, usage) => events.push(`${provider}:tokens:${usage.inputTokens}+${usage.outputTokens}`),
    cache: (provider, result) => events.push(`${provider}:cache:${result}`)
  }
  return { events, observer }
}

/** A provider double that counts its calls and answers `text` (or throws it). */
function counting (name: AdviceProvider['name'], model: string, answer: string | Error) {
  const provider = {
    name,
    model,
    calls: 0,
    async write () {
      provider.calls++
      if (answer instanceof Error) throw answer
      return { text: answer }
    }
  }
  return provider
}

/** A fake Gemini and the real pooled client pointed at it, both closed in teardown. */
async function fakeGemini (t: Test, mode?: FakeMode) {
  const fake = await startFakeGemini(mode)
  const gemini = createGeminiProvider({ apiKey: 'k', model: 'gemini-2.5-flash', baseUrl: fake.url, maxConnections: 4 })
  t.teardown(async () => { await gemini.close?.(); await fake.close() })
  return { fake, gemini }
}

// Every status a provider can meet, with its outcome and attempts written out
// by hand (AI_MAX_RETRIES=2: three attempts when transient, one when not; a
// 501 or 505 is never served however often it is sent).
const STATUSES: Array<[number, Outcome, number]> = [
  [408, 'timeout', 3], [429, 'rate_limited', 3],
  [500, 'server_error', 3], [502, 'server_error', 3], [503, 'server_error', 3], [504, 'server_error', 3],
  [400, 'client_error', 1], [401, 'client_error', 1], [403, 'client_error', 1], [404, 'client_error', 1],
  [501, 'client_error', 1], [505, 'client_error', 1]
]

t.test('retryability has one source: through the real Gemini client, the composed upstream retries exactly the statuses the policy calls transient', async (t) => {
  const { fake, gemini } = await fakeGemini(t)
  for (const [status, expected, attempts] of STATUSES) {
    fake.reset()
    fake.setMode({ kind: 'status', status })
    const [upstream] = createUpstreams([gemini], policy([], { cacheMaxEntries: 0 }))
    const err = await upstream.words(request, new AbortController().signal).catch((e: unknown) => e)
    t.ok(err instanceof ProviderError, `${status} fails`)
    t.equal((err as ProviderError).outcome, expected, `${status} is ${expected}`)
    t.equal(fake.calls, attempts, `${status}: ${attempts} upstream call(s)`)
  }
})

t.test('Retry-After sets the wait between attempts', async (t) => {
  const { fake, gemini } = await fakeGemini(t, { kind: 'status', status: 429, retryAfter: '3' })
  const waits: number[] = []
  const [upstream] = createUpstreams([gemini], policy(waits))
  await t.rejects(upstream.words(request, new AbortController().signal), { name: 'ProviderError', outcome: 'rate_limited' })
  t.equal(fake.calls, 3)
  t.same(waits, [3000, 3000], 'the upstream asked for 3 s, more than the jitter')
})

t.test('guarded words are cached under the provider and the model; usage and cache results name the provider', async (t) => {
  const { fake, gemini } = await fakeGemini(t, { kind: 'ok', text: 'Drink 0.8 L more today.' })
  const { events, observer } = recorder()
  const [upstream] = createUpstreams([gemini], policy([]), observer)
  const signal = new AbortController().signal
  t.equal(await upstream.words(request, signal), 'Drink 0.8 L more today.')
  t.equal(await upstream.words(request, signal), 'Drink 0.8 L more today.')
  t.equal(fake.calls, 1)
  t.same(events, ['gemini:cache:miss', 'gemini:attempt:ok', 'gemini:tokens:120+20', 'gemini:cache:hit'])

  const flash = counting('gemini', 'flash', 'Keep sipping.')
  const pro = counting('gemini', 'pro', 'Keep sipping.')
  const other = counting('local', 'flash', 'Keep sipping.')
  const chain = createUpstreams([flash, pro, other], policy([]))
  for (const link of [...chain, ...chain]) await link.words(request, signal)
  t.same([flash.calls, pro.calls, other.calls], [1, 1, 1], 'one store, one entry per provider and model')
})

t.test('each provider has its own breaker and bulkhead', async (t) => {
  const down = counting('gemini', 'a', new ProviderError('server_error', '503', { status: 503 }))
  const up = counting('gemini', 'b', 'Keep sipping.')
  const { events, observer } = recorder()
  const [first, second] = createUpstreams([down, up], policy([], { maxRetries: 0, breakerMinCalls: 1 }), observer)
  const signal = new AbortController().signal
  await t.rejects(first.words(request, signal), { name: 'ProviderError', outcome: 'server_error' })
  await t.rejects(first.words(request, signal), { name: 'AdviceUnavailableError', reason: 'circuit_open' })
  t.equal(first.state(), 'degraded')
  t.equal(await second.words(request, signal), 'Keep sipping.')
  t.equal(second.state(), 'available', 'the other provider\'s breaker stays closed')
  t.equal(down.calls, 1)
  t.ok(events.includes('gemini:breaker:open'))
})
