import t from 'tap'
import { createAdvisor, type AdvisorOptions } from '../../src/advice/advisor.js'
import { AdviceUnavailableError, ProviderError } from '../../src/advice/upstream/errors.js'
import { createLocalProvider } from '../../src/advice/upstream/providers/local.js'
import { prepare } from '../../src/advice/topics/index.js'
import type { AdviceProvider, EntryOf, ProviderReply, ProviderRequest } from '../../src/advice/types.js'
import { createUpstreams, type Upstream, type UpstreamOptions } from '../../src/advice/upstream/index.js'

/** One scripted answer: a reply, an error to throw, or a function of the signal. */
type Step = ProviderReply | Error | ((signal: AbortSignal) => Promise<ProviderReply>)

/** A provider double: plays its steps in order (the last one repeats), counts calls, records signals. */
function scripted (...steps: Step[]) {
  const provider: AdviceProvider & { calls: number, signals: AbortSignal[], requests: ProviderRequest[] } = {
    name: 'gemini',
    calls: 0,
    signals: [],
    requests: [],
    async write (request, signal) {
      provider.requests.push(request)
      provider.signals.push(signal)
      const step = steps[Math.min(provider.calls++, steps.length - 1)]
      if (typeof step === 'function') return await step(signal)
      if (step instanceof Error) throw step
      return step
    }
  }
  return provider
}

/** Observers and a logger that record what they are told. */
function recorder () {
  const seen = { advice: [] as string[], fallback: [] as string[], tokens: [] as object[], cache: [] as string[], warn: [] as object[] }
  return {
    seen,
    observer: {
      advice (topic: string, source: string) { seen.advice.push(`${topic}:${source}`) },
      fallback (reason: string, from: string, to: string) { seen.fallback.push(from === 'gemini' && to === 'local' ? reason : `${reason} ${from}→${to}`) }
    },
    upstreamObserver: {
      attempt () {},
      retry () {},
      breaker () {},
      load () {},
      tokens (_provider: string, usage: object) { seen.tokens.push(usage) },
      cache (_provider: string, result: string) { seen.cache.push(result) }
    },
    logger: { warn (obj: object) { seen.warn.push(obj) } }
  }
}

/** Policies that stay out of the way: one attempt, no breaker in reach, no stored answers. */
const POLICY: UpstreamOptions = { timeoutMs: 5000, maxRetries: 0, deadlineMs: 10_000, maxConcurrency: 10, queueMax: 10, queueTimeoutMs: 1000, breakerThreshold: 0.5, breakerMinCalls: 1000, breakerWindowMs: 1000, breakerCooldownMs: 60_000, cacheMaxEntries: 0, cacheTtlS: 0 }

/** An advisor whose chain is `providers` composed by the real seam, with recorded observers and logger. */
function setup (providers: AdviceProvider | AdviceProvider[] | undefined, overrides: Partial<AdvisorOptions> = {}, policy: Partial<UpstreamOptions> = {}) {
  const { seen, observer, upstreamObserver, logger } = recorder()
  const list = providers === undefined ? [] : [providers].flat()
  const advisor = createAdvisor({
    local: createLocalProvider(),
    chain: createUpstreams(list, { ...POLICY, ...policy }, upstreamObserver),
    fallback: 'local',
    observer,
    logger,
    ...overrides
  })
  return { advisor, seen }
}

/** A chain link that fails with `err` (errors the seam itself raises, or a bug), without a provider behind it. */
function failing (err: Error, state: () => 'available' | 'degraded' = () => 'available'): Upstream {
  return { name: 'gemini', words: async () => { throw err }, state }
}

const body = { amount_liters: 1, mood: 'fine' } as EntryOf<'water'>
const { facts } = prepare('water', body)
const localText = '0.8 L to go to reach 1.8 L today. Good progress; keep a bottle handy and sip steadily.'

t.test('without an upstream the local provider answers', async (t) => {
  const { advisor, seen } = setup(undefined)
  t.same(await advisor.advise('water', body), { message: localText, source: 'local', degraded: false, facts })
  t.same(seen.advice, ['water:local'])
  t.same(seen.fallback, [])
  t.equal(advisor.aiState(), 'local')
  t.equal(advisor.cancellable, false, 'nothing to cancel, so callers build no signal')
  t.equal(setup(scripted({ text: 'x' })).advisor.cancellable, true)
})

t.test('the upstream words pass both guards and are returned', async (t) => {
  const provider = scripted({ text: '**Drink** 0.8 L more to reach 1.8 L today.', usage: { inputTokens: 120, outputTokens: 14 } })
  const { advisor, seen } = setup(provider)
  const signal = new AbortController().signal
  t.same(await advisor.advise('water', body, signal), { message: 'Drink 0.8 L more to reach 1.8 L today.', source: 'gemini', degraded: false, facts })
  t.same(provider.requests, [{ topic: 'water', entry: { amount_liters: 1 }, context: { mood: 'fine' }, facts }], 'entry, context and facts kept apart')
  t.same(seen.tokens, [{ inputTokens: 120, outputTokens: 14 }])
  t.same(seen.advice, ['water:gemini'])
  t.same(seen.warn, [])
})

t.test('usage is optional and so are the signal and the observer', async (t) => {
  const provider = scripted({ text: 'Keep sipping water.' })
  const { advisor, seen } = setup(provider)
  t.equal((await advisor.advise('water', body)).message, 'Keep sipping water.')
  t.equal(provider.signals[0].aborted, false)
  t.same(seen.tokens, [])

  const bare = createAdvisor({ local: createLocalProvider(), chain: [failing(new ProviderError('server_error', '503'))], fallback: 'local' })
  t.match(await bare.advise('water', body), { source: 'local', degraded: true })
})

t.test('a reply the output guard rejects falls back to local advice', async (t) => {
  const { advisor, seen } = setup(scripted({ text: '```\n{}\n```' }))
  t.same(await advisor.advise('water', body), { message: localText, source: 'local', degraded: true, facts })
  t.same(seen.fallback, ['guard'])
  t.same(seen.advice, ['water:local'])
  t.same(seen.warn, [{ topic: 'water', reason: 'guard', to: 'local' }])
})

t.test('a reply with an ungrounded figure falls back to local advice', async (t) => {
  const { advisor, seen } = setup(scripted({ text: 'Drink 3 L more today.' }))
  t.match(await advisor.advise('water', body), { message: localText, source: 'local', degraded: true })
  t.same(seen.fallback, ['numbers'])

  const grounded = setup(scripted({ text: 'About 2.25 L of total water is the usual intake.' }))
  t.match(await grounded.advisor.advise('water', body), { source: 'gemini' }, 'a figure from the facts text is grounded')
})

t.test('a provider failure falls back to local advice, labelled by its outcome', async (t) => {
  for (const outcome of ['timeout', 'rate_limited', 'quota', 'safety', 'aborted'] as const) {
    const { advisor, seen } = setup(scripted(new ProviderError(outcome, 'x')))
    t.match(await advisor.advise('water', body), { source: 'local', degraded: true }, outcome)
    t.same(seen.fallback, [outcome])
    // A client abort is counted but not warned about (it is not an upstream fault).
    t.same(seen.warn, outcome === 'aborted' ? [] : [{ topic: 'water', reason: outcome, to: 'local' }])
  }
  const { advisor, seen } = setup(undefined, { chain: [failing(new AdviceUnavailableError('circuit_open', 30))] })
  t.match(await advisor.advise('water', body), { source: 'local', degraded: true })
  t.same(seen.fallback, ['circuit_open'])
})

t.test('with AI_FALLBACK none a failure is thrown as AdviceUnavailableError', async (t) => {
  const cases: Array<[Error, string, number | undefined]> = [
    [new ProviderError('rate_limited', '429', { status: 429, retryAfterMs: 2500 }), 'rate_limited', 3],
    [new ProviderError('server_error', '503', { status: 503 }), 'server_error', undefined],
    [new AdviceUnavailableError('circuit_open', 30), 'circuit_open', 30],
    [new AdviceUnavailableError('shed', 1), 'shed', 1]
  ]
  for (const [failure, reason, retryAfterS] of cases) {
    const { advisor, seen } = setup(undefined, { fallback: 'none', chain: [failing(failure)] })
    const err = await advisor.advise('water', body).catch((e: unknown) => e)
    t.ok(err instanceof AdviceUnavailableError, reason)
    t.match(err, { reason, retryAfterS })
    t.same(seen.fallback, [`${reason} gemini→none`], 'the fallback metric still counts it, to none')
    t.same(seen.advice, [], 'no advice was given')
  }
  const guarded = setup(scripted({ text: '<b></b>' }), { fallback: 'none' })
  await t.rejects(guarded.advisor.advise('water', body), { name: 'AdviceUnavailableError', reason: 'guard' })
  const numbers = setup(scripted({ text: 'You need 4 L.' }), { fallback: 'none' })
  await t.rejects(numbers.advisor.advise('water', body), { name: 'AdviceUnavailableError', reason: 'numbers' })
})

t.test('errors that are not provider failures are rethrown', async (t) => {
  const bug = new TypeError('cannot read properties of undefined')
  const { advisor, seen } = setup(undefined, { chain: [failing(bug)] })
  t.equal(await advisor.advise('water', body).catch((e: unknown) => e), bug)
  t.same(seen.fallback, [])
  t.same(seen.advice, [])
})

t.test('the cache answers repeats and shares calls in flight', async (t) => {
  const provider = scripted({ text: 'Drink 0.8 L more today.' }, { text: 'Keep sipping water.' })
  const { advisor, seen } = setup(Object.assign(provider, { model: 'gemini-2.5-flash' }), {}, { cacheMaxEntries: 10, cacheTtlS: 60 })
  const caller = new AbortController().signal
  t.equal((await advisor.advise('water', body, caller)).message, 'Drink 0.8 L more today.')
  t.not(provider.signals[0], caller, 'the shared call has its own signal')
  t.match(await advisor.advise('water', { mood: 'fine', amount_liters: 1 } as EntryOf<'water'>), { source: 'gemini', message: 'Drink 0.8 L more today.' })
  t.equal(provider.calls, 1, 'field order does not matter')
  t.same(seen.cache, ['miss', 'hit'])
  t.same(seen.advice, ['water:gemini', 'water:gemini'])

  const together = await Promise.all([1, 2, 3].map(async () => await advisor.advise('water', { amount_liters: 1.5 } as EntryOf<'water'>)))
  t.equal(provider.calls, 2)
  t.same(together.map((a) => a.message), Array(3).fill('Keep sipping water.'))
  t.same(seen.cache.slice(2), ['miss', 'coalesced', 'coalesced'])
})

t.test('a reply the guards rejected is not cached', async (t) => {
  const failing = scripted({ text: 'Drink 9 L.' }, { text: 'Keep sipping.' })
  const { advisor, seen } = setup(failing, {}, { cacheMaxEntries: 10, cacheTtlS: 60 })
  t.match(await advisor.advise('water', body), { source: 'local' })
  t.match(await advisor.advise('water', body), { source: 'gemini' })
  t.same(seen.cache, ['miss', 'miss'], 'asked again: nothing was stored')
  t.same(seen.fallback, ['numbers'])
})

t.test('local advice is guarded too', async (t) => {
  const local = scripted({ text: '<p>' })
  const { advisor } = setup(undefined, { local })
  t.same(await advisor.advise('water', body), { message: '', source: 'local', degraded: false, facts })
})

t.test('aiState reports the first choice', async (t) => {
  t.equal(setup(scripted({ text: 'x' })).advisor.aiState(), 'available')
  t.equal(setup(undefined).advisor.aiState(), 'local')
  t.same(setup(undefined).advisor.providerStates(), {}, 'no provider, none listed')
  let state: 'available' | 'degraded' = 'degraded'
  const { advisor } = setup(undefined, { chain: [failing(new Error('unused'), () => state), failing(new Error('unused'))] })
  t.equal(advisor.aiState(), 'degraded', 'the first provider is bypassed, whatever the next one says')
  state = 'available'
  t.equal(advisor.aiState(), 'available')
})

t.test('close closes the dependencies once', async (t) => {
  let closed = 0
  const { advisor } = setup(undefined, { close: async () => { closed++ } })
  await advisor.close()
  t.equal(closed, 1)
  await t.resolves(setup(undefined).advisor.close(), 'nothing to close')
})

t.test('through the composed upstream: an open breaker answers locally without calling the provider', async (t) => {
  const provider = scripted(new ProviderError('server_error', '503', { status: 503 }))
  const { advisor, seen } = setup(provider, {}, { maxConcurrency: 2, queueMax: 0, queueTimeoutMs: 0, breakerMinCalls: 2 })
  for (let i = 0; i < 3; i++) t.match(await advisor.advise('water', body), { source: 'local', degraded: true })
  t.same(seen.fallback, ['server_error', 'server_error', 'circuit_open'])
  t.equal(provider.calls, 2)
  t.equal(advisor.aiState(), 'degraded')
})

t.test('the chain: the next provider answers when one fails, degraded because the first choice did not', async (t) => {
  const first = scripted(new ProviderError('server_error', '503', { status: 503 }))
  const second = Object.assign(scripted({ text: 'Keep sipping water.' }), { name: 'openai' as const, model: 'second' })
  const { advisor, seen } = setup([first, second])
  t.same(await advisor.advise('water', body), { message: 'Keep sipping water.', source: 'openai', degraded: true, facts })
  t.equal(first.calls, 1)
  t.equal(second.calls, 1)
  t.same(seen.fallback, ['server_error gemini→openai'], 'the failure that moved the chain on is counted, from and to')
  t.same(seen.advice, ['water:openai'])
  t.same(seen.warn, [{ topic: 'water', reason: 'server_error', to: 'openai' }])
})

t.test('the chain: an open breaker moves on at once, and only a failure of every provider reaches the local advisor', async (t) => {
  const first = scripted(new ProviderError('server_error', '503', { status: 503 }))
  const second = Object.assign(scripted({ text: 'Keep sipping water.' }), { name: 'openai' as const, model: 'second' })
  const { advisor, seen } = setup([first, second], {}, { breakerMinCalls: 1 })
  await advisor.advise('water', body)
  t.match(await advisor.advise('water', body), { message: 'Keep sipping water.', source: 'openai', degraded: true })
  t.equal(first.calls, 1, 'no call while its breaker is open')
  t.same(seen.fallback, ['server_error gemini→openai', 'circuit_open gemini→openai'])
  t.same(advisor.providerStates(), { gemini: 'degraded', openai: 'available' })

  const both = setup([scripted(new ProviderError('timeout', 'x')), Object.assign(scripted(new ProviderError('quota', 'x', { status: 429 })), { name: 'openai' as const, model: 'second' })])
  t.same(await both.advisor.advise('water', body), { message: localText, source: 'local', degraded: true, facts })
  t.same(both.seen.fallback, ['timeout gemini→openai', 'quota openai→local'])
  const strict = setup([scripted(new ProviderError('timeout', 'x')), Object.assign(scripted(new ProviderError('quota', 'x', { status: 429 })), { name: 'openai' as const, model: 'second' })], { fallback: 'none' })
  await t.rejects(strict.advisor.advise('water', body), { name: 'AdviceUnavailableError', reason: 'quota' }, 'the last failure decides the status')
})

t.test('the chain: a caller that went away is not passed on to the next provider', async (t) => {
  const caller = new AbortController()
  const first = scripted(async () => { caller.abort(); throw new ProviderError('aborted', 'caller went away') })
  const second = Object.assign(scripted({ text: 'Keep sipping water.' }), { name: 'openai' as const, model: 'second' })
  const { advisor, seen } = setup([first, second])
  t.match(await advisor.advise('water', body, caller.signal), { source: 'local', degraded: true })
  t.equal(second.calls, 0)
  t.same(seen.fallback, ['aborted'], 'to local: the next provider is not asked')
  t.same(seen.warn, [], 'a disconnect is no upstream fault')
})
