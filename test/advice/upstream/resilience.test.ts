import { mock } from 'node:test'
import t from 'tap'
import { frozenClock } from '../../helpers/clock.js'
import { waitFor } from '../../helpers/wait-for.js'
import { AdviceUnavailableError, OUTCOMES, ProviderError, type Outcome } from '../../../src/advice/upstream/errors.js'
import { attemptSignal, createResilientCall, fullJitter, type ResilienceHooks, type ResilienceOptions } from '../../../src/advice/upstream/resilience.js'
import type { AdviceProvider, ProviderReply, ProviderRequest } from '../../../src/advice/types.js'

/** One scripted answer: a reply text, an error to throw, 'hang' until the signal aborts, or a function. */
type Step = string | Error | 'hang' | ((signal: AbortSignal) => Promise<ProviderReply>)

/** A provider double: plays its steps in order (the last one repeats), counts calls, records signals. */
function scripted (...steps: Step[]) {
  const signals: AbortSignal[] = []
  const provider: AdviceProvider & { calls: number, signals: AbortSignal[] } = {
    name: 'gemini',
    calls: 0,
    signals,
    async write (_request, signal) {
      signals.push(signal)
      const step = steps[Math.min(provider.calls++, steps.length - 1)]
      if (step === 'hang') return await hang(signal)
      if (typeof step === 'function') return await step(signal)
      if (step instanceof Error) throw step
      return { text: step }
    }
  }
  return provider
}

/** Waits until the signal aborts, then fails the way the Gemini provider does. */
async function hang (signal: AbortSignal): Promise<never> {
  // AbortSignal.timeout's timer is unref'd; a real request's socket keeps the
  // process alive meanwhile, so the double holds a timer of its own.
  const alive = setInterval(() => {}, 1000)
  return await new Promise((_resolve, reject) => signal.addEventListener('abort', () => {
    clearInterval(alive)
    const timedOut = (signal.reason as Error | undefined)?.name === 'TimeoutError'
    reject(new ProviderError(timedOut ? 'timeout' : 'aborted', 'hung'))
  }, { once: true }))
}

/** A step that answers when `open()` is called. */
function gate () {
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => { open = resolve })
  return { step: async () => { await opened; return { text: 'late' } }, open: () => open() }
}

/** Hooks that record what they are told. */
function recorder () {
  const seen = { attempts: [] as Outcome[], retries: 0, breaker: [] as string[], load: [] as Array<[number, number]> }
  const hooks: ResilienceHooks = {
    attempt (outcome, seconds) {
      if (!(seconds >= 0)) throw new Error('bad duration')
      seen.attempts.push(outcome)
    },
    retry () { seen.retries++ },
    breaker (state) { seen.breaker.push(state) },
    load (active, queued) { seen.load.push([active, queued]) }
  }
  return { seen, hooks }
}

/** Limits without injected time; breakerMinCalls is high so only the breaker tests open it. */
function baseOptions (): ResilienceOptions {
  return { timeoutMs: 5000, maxRetries: 2, deadlineMs: 10_000, maxConcurrency: 10, queueMax: 10, queueTimeoutMs: 1000, breakerThreshold: 0.5, breakerMinCalls: 1000, breakerWindowMs: 1000, breakerCooldownMs: 50 }
}

/** A resilient call over `provider`; waits between attempts are recorded, not slept. */
function setup (provider: AdviceProvider, overrides: Partial<ResilienceOptions> = {}) {
  const waits: number[] = []
  const { seen, hooks } = recorder()
  const options: ResilienceOptions = { ...baseOptions(), random: () => 0.5, sleep: async (ms) => { waits.push(ms) }, ...overrides }
  const resilient = createResilientCall(provider, options, hooks)
  const call = async (signal = new AbortController().signal) => await resilient.call(request, signal)
  return { ...resilient, call, waits, seen }
}

const request: ProviderRequest = { topic: 'water', entry: { amount_liters: 1 }, context: {}, facts: {} as ProviderRequest<'water'>['facts'] }
const serverError = () => new ProviderError('server_error', 'upstream 503', { status: 503 })

t.test('full jitter: a random share of an exponential, capped window', async (t) => {
  // Worked from the documented policy (base 250 ms, cap 4 s): 0.5 × min(4000, 250 × 2^attempt)
  // = 125, 250, 500, 1000, 2000, then 0.5 × 4000 = 2000 from attempt 4 on.
  const half = () => 0.5
  t.same([0, 1, 2, 3, 4, 5, 10].map((a) => fullJitter(a, half)), [125, 250, 500, 1000, 2000, 2000, 2000])
  t.equal(fullJitter(0, () => 0), 0)
  t.equal(fullJitter(9, () => 0.9999), 3999, 'never above the cap')
  t.equal(fullJitter(1, () => 0.999), 499, 'rounded down to whole ms')
})

t.test('retries a transient failure after a jittered wait', async (t) => {
  const provider = scripted(serverError(), serverError(), 'Drink water.')
  const s = setup(provider)
  t.same(await s.call(), { text: 'Drink water.' })
  t.equal(provider.calls, 3)
  t.same(s.waits, [125, 250])
  t.same(s.seen.attempts, ['server_error', 'server_error', 'ok'])
  t.equal(s.seen.retries, 2)
})

t.test('maxRetries bounds the attempts exactly', async (t) => {
  for (const maxRetries of [0, 1, 3]) {
    const last = serverError()
    const provider = scripted(serverError(), serverError(), serverError(), last)
    const s = setup(provider, { maxRetries })
    const err = await s.call().catch((e: unknown) => e)
    t.equal(provider.calls, maxRetries + 1, `${maxRetries} retries: ${maxRetries + 1} attempts`)
    t.equal(s.seen.retries, maxRetries)
    t.equal(s.waits.length, maxRetries)
    t.same(s.seen.attempts, Array(maxRetries + 1).fill('server_error'))
    if (maxRetries === 3) t.equal(err, last, 'the last failure is thrown as it is')
    else t.match(err, { name: 'ProviderError', outcome: 'server_error' })
  }
})

t.test('Retry-After raises the wait, never lowers it', async (t) => {
  const slow = setup(scripted(new ProviderError('rate_limited', '429', { status: 429, retryAfterMs: 2000 }), 'ok'))
  await slow.call()
  t.same(slow.waits, [2000])

  const fast = setup(scripted(new ProviderError('rate_limited', '429', { status: 429, retryAfterMs: 10 }), 'ok'))
  await fast.call()
  t.same(fast.waits, [125])
})

t.test('a wait that does not fit the deadline fails at once', async (t) => {
  const asked = new ProviderError('rate_limited', '429', { status: 429, retryAfterMs: 20_000 })
  const provider = scripted(asked, 'ok')
  const s = setup(provider)
  t.equal(await s.call().catch((e: unknown) => e), asked)
  t.equal(provider.calls, 1)
  t.same(s.waits, [], 'nothing slept')
  t.equal(s.seen.retries, 0)

  const jitter = setup(scripted(serverError(), 'ok'), { deadlineMs: 100 })
  await t.rejects(jitter.call(), { name: 'ProviderError', outcome: 'server_error' }, 'a 125 ms jitter does not fit 100 ms')
  t.same(jitter.waits, [])
})

t.test('permanent failures are not retried', async (t) => {
  const failures = [
    ...[400, 401, 403, 404, 501].map((status) => new ProviderError('client_error', 'x', { status })),
    ...(['quota', 'safety', 'empty', 'bad_reply', 'aborted'] as const).map((o) => new ProviderError(o, 'x'))
  ]
  for (const failure of failures) {
    const provider = scripted(failure, 'ok')
    const s = setup(provider)
    t.equal(await s.call().catch((e: unknown) => e), failure)
    t.equal(provider.calls, 1, `${failure.outcome} ${failure.status ?? ''}: one attempt`)
    t.same(s.seen.attempts, [failure.outcome])
    t.equal(s.seen.retries, 0)
  }
})

t.test('the outcome alone decides a retry: one failure, then success, takes two attempts exactly when it is transient', async (t) => {
  // Written out by hand, not read from the policy: a second decision (a status
  // list, a provider's own flag) that disagreed would change a count here.
  const attempts: Record<Exclude<Outcome, 'ok'>, number> = { timeout: 2, rate_limited: 2, server_error: 2, network: 2, client_error: 1, quota: 1, safety: 1, empty: 1, truncated: 1, bad_reply: 1, aborted: 1 }
  for (const outcome of OUTCOMES.filter((o) => o !== 'ok')) {
    for (const status of [undefined, 400, 429, 501, 503]) {
      const provider = scripted(new ProviderError(outcome, 'x', { status }), 'ok')
      const s = setup(provider)
      await s.call().catch(() => {})
      t.equal(provider.calls, attempts[outcome], `${outcome} ${status ?? 'without a status'}`)
    }
  }
})

t.test('an unclassified error counts as a network failure', async (t) => {
  const boom = new TypeError('socket hang up')
  const provider = scripted(boom, boom)
  const s = setup(provider, { maxRetries: 1 })
  const err = await s.call().catch((e: unknown) => e)
  t.match(err, { name: 'ProviderError', outcome: 'network', cause: boom })
  t.equal(provider.calls, 2, 'retried like any network failure')
  t.same(s.seen.attempts, ['network', 'network'])
})

t.test('an aborted caller stops the retries', async (t) => {
  const controller = new AbortController()
  const provider = scripted(async () => { controller.abort(); throw serverError() }, 'ok')
  const s = setup(provider)
  await t.rejects(s.call(controller.signal), { name: 'ProviderError', outcome: 'server_error' })
  t.equal(provider.calls, 1)
  t.same(s.waits, [])

  const hanging = scripted('hang')
  const h = setup(hanging)
  const caller = new AbortController()
  const pending = h.call(caller.signal)
  await waitFor(() => hanging.calls === 1)
  caller.abort()
  await t.rejects(pending, { name: 'ProviderError', outcome: 'aborted' })
  t.equal(hanging.signals[0].aborted, true, 'the attempt saw the caller abort')
  t.equal(hanging.calls, 1)
  t.same(h.seen.attempts, ['aborted'])
})

t.test('each attempt has its own timeout', async (t) => {
  const provider = scripted('hang', 'Drink water.')
  const s = setup(provider, { timeoutMs: 30, maxRetries: 1 })
  t.same(await s.call(), { text: 'Drink water.' })
  t.equal((provider.signals[0].reason as Error).name, 'TimeoutError')
  t.equal(provider.signals[1].aborted, false, 'a fresh signal for the retry')
  t.same(s.seen.attempts, ['timeout', 'ok'])
})

t.test('an attempt never outlives the deadline', { timeout: 5000 }, async (t) => {
  const provider = scripted('hang')
  const s = setup(provider, { timeoutMs: 60_000, deadlineMs: 30, maxRetries: 0 })
  await t.rejects(s.call(), { name: 'ProviderError', outcome: 'timeout' })
})

t.test('the built-in sleep waits and stops on abort', async (t) => {
  const provider = scripted(serverError(), 'ok')
  const s = createResilientCall(provider, { ...baseOptions(), random: () => 0 }, recorder().hooks)
  t.same(await s.call(request, new AbortController().signal), { text: 'ok' }, 'a zero wait, really slept')

  const again = scripted(serverError(), 'ok')
  const controller = new AbortController()
  const hooks = recorder().hooks
  hooks.retry = () => { setImmediate(() => controller.abort()) }
  const aborted = createResilientCall(again, { ...baseOptions(), random: () => 1 }, hooks)
  await t.rejects(aborted.call(request, controller.signal), { name: 'ProviderError', outcome: 'aborted' })
  t.equal(again.calls, 1, 'no attempt after the aborted wait')

  const jittered = scripted(serverError(), 'ok')
  const real = createResilientCall(jittered, { ...baseOptions(), sleep: async () => {} }, recorder().hooks)
  t.same(await real.call(request, new AbortController().signal), { text: 'ok' }, 'Math.random by default')
})

// The clock is frozen in these tests (frozenClock), so the cool-down passes
// only when a test advances it: never early on a loaded machine, never by sleeping.
const breakerOptions = { maxRetries: 0, breakerThreshold: 0.5, breakerMinCalls: 2, breakerWindowMs: 10_000, breakerCooldownMs: 400 }

t.test('failures open the breaker; it sheds calls until a probe succeeds', async (t) => {
  const clock = frozenClock(t)
  const provider = scripted(serverError(), serverError(), 'Drink water.')
  const s = setup(provider, breakerOptions)
  await t.rejects(s.call(), { name: 'ProviderError', outcome: 'server_error' })
  t.equal(s.state(), 'available', 'one call is below breakerMinCalls')
  await t.rejects(s.call(), { name: 'ProviderError', outcome: 'server_error' })
  t.same(s.seen.breaker, ['open'])
  t.equal(s.state(), 'degraded')

  for (let i = 0; i < 3; i++) {
    const err = await s.call().catch((e: unknown) => e)
    t.ok(err instanceof AdviceUnavailableError)
    t.match(err, { reason: 'circuit_open', retryAfterS: 1 })
  }
  t.equal(provider.calls, 2, 'no provider call while open')
  t.same(s.seen.breaker, ['open'], 'reported once, not per call')
  t.equal(s.limiter.active, 0, 'shed calls give their slot back')

  clock.advance(399)
  await t.rejects(s.call(), { name: 'AdviceUnavailableError', reason: 'circuit_open' }, 'still open 1 ms before the cool-down ends')
  clock.advance(1)
  t.same(await s.call(), { text: 'Drink water.' }, 'the half-open probe goes through')
  t.same(s.seen.breaker, ['open', 'half_open', 'closed'])
  t.equal(s.state(), 'available')
  t.equal(provider.calls, 3)
})

t.test('a failed probe opens the breaker again', async (t) => {
  const clock = frozenClock(t)
  const provider = scripted(serverError())
  const s = setup(provider, breakerOptions)
  await s.call().catch(() => {})
  await s.call().catch(() => {})
  clock.advance(400)
  await t.rejects(s.call(), { name: 'ProviderError', outcome: 'server_error' })
  t.same(s.seen.breaker, ['open', 'half_open', 'open'])
  await t.rejects(s.call(), { name: 'AdviceUnavailableError', reason: 'circuit_open' })
  t.equal(provider.calls, 3)
  t.equal(s.state(), 'degraded')
})

t.test('which failures count against the breaker', async (t) => {
  const counted = [serverError(), new ProviderError('timeout', 'x'), new ProviderError('rate_limited', 'x'), new ProviderError('network', 'x'), new ProviderError('quota', 'x'), new ProviderError('client_error', 'x', { status: 401 }), new ProviderError('bad_reply', 'x'), new TypeError('unclassified')]
  for (const failure of counted) {
    const s = setup(scripted(failure), breakerOptions)
    await s.call().catch(() => {})
    await s.call().catch(() => {})
    t.same(s.seen.breaker, ['open'], `${failure.message} opens it`)
  }
  const ignored = (['safety', 'empty', 'aborted'] as const).map((o) => new ProviderError(o, 'x'))
  for (const failure of ignored) {
    const provider = scripted(failure)
    const s = setup(provider, breakerOptions)
    for (let i = 0; i < 5; i++) await t.rejects(s.call(), { name: 'ProviderError', outcome: failure.outcome })
    t.same(s.seen.breaker, [], `${failure.outcome} does not open it`)
    t.equal(provider.calls, 5)
    t.equal(s.state(), 'available')
  }
})

t.test('the breaker judges after exactly breakerMinCalls calls, whatever the window', async (t) => {
  for (const [minCalls, windowMs] of [[10, 1234], [3, 10_000], [2, 1000]]) {
    const s = setup(scripted(serverError()), { ...breakerOptions, breakerMinCalls: minCalls, breakerWindowMs: windowMs })
    for (let i = 1; i < minCalls; i++) await s.call().catch(() => {})
    t.same(s.seen.breaker, [], `${minCalls - 1} failures in ${windowMs} ms: still closed`)
    await s.call().catch(() => {})
    t.same(s.seen.breaker, ['open'], `${minCalls} failures in ${windowMs} ms: open`)
  }
})

t.test('successes keep the failure ratio under the threshold', async (t) => {
  const s = setup(scripted('ok', serverError()), breakerOptions)
  await s.call()
  await s.call().catch(() => {})
  t.same(s.seen.breaker, [], '1 failure in 2 is not more than 0.5')
  await s.call().catch(() => {})
  t.same(s.seen.breaker, ['open'], '2 in 3 is')
})

t.test('the bulkhead sheds past its queue and reports its load', async (t) => {
  const gates = [gate(), gate(), gate()]
  const provider = scripted(...gates.map((g) => g.step))
  const s = setup(provider, { maxConcurrency: 2, queueMax: 1 })
  const running = [s.call(), s.call(), s.call()]
  // Two slots: two calls reach the provider, and the load report shows the third queued.
  await waitFor(() => provider.calls === 2)
  const shed = await s.call().catch((e: unknown) => e)
  t.ok(shed instanceof AdviceUnavailableError)
  t.match(shed, { reason: 'shed', retryAfterS: 1 })
  t.same(s.seen.load, [[1, 0], [2, 0], [2, 1]])

  gates[0].open()
  await running[0]
  await waitFor(() => provider.calls === 3)
  t.pass('the queued call started when a slot freed')
  gates[1].open()
  gates[2].open()
  await Promise.all(running)
  t.same(s.seen.load.at(-1), [0, 0])
  t.equal(s.limiter.active, 0)
})

t.test('a failed call gives its slot back', async (t) => {
  const s = setup(scripted(new ProviderError('safety', 'blocked')), { maxConcurrency: 1, queueMax: 0 })
  await t.rejects(s.call(), { name: 'ProviderError', outcome: 'safety' })
  await t.rejects(s.call(), { name: 'ProviderError', outcome: 'safety' }, 'not shed: the slot was released')
  t.equal(s.limiter.active, 0)
})

t.test('an aborted caller gets no slot', async (t) => {
  const provider = scripted('ok')
  const s = setup(provider)
  await t.rejects(s.call(AbortSignal.abort()), { name: 'AdviceUnavailableError', reason: 'shed' })
  t.equal(provider.calls, 0)
})

t.test('attemptSignal: times out with a TimeoutError, follows the caller, and disposes cleanly', async (t) => {
  // Node's mock timers: the attempt's timer fires only when the test moves
  // time, so "not yet", "now" and "never, once disposed" need no real waiting.
  mock.timers.enable({ apis: ['setTimeout'] })
  t.teardown(() => mock.timers.reset())
  const parent = new AbortController()
  const timed = attemptSignal(parent.signal, 20)
  mock.timers.tick(19)
  t.equal(timed.signal.aborted, false, 'not before its 20 ms')
  mock.timers.tick(1)
  t.equal(timed.signal.aborted, true, 'at 20 ms')
  t.equal((timed.signal.reason as Error).name, 'TimeoutError')
  timed.dispose()

  const caller = new AbortController()
  const followed = attemptSignal(caller.signal, 10_000)
  caller.abort(new Error('client went away'))
  t.equal(followed.signal.aborted, true)
  t.equal((followed.signal.reason as Error).message, 'client went away')
  followed.dispose()

  const already = new AbortController()
  already.abort(new Error('gone'))
  const pre = attemptSignal(already.signal, 10_000)
  t.equal(pre.signal.aborted, true)
  pre.dispose()

  const quiet = new AbortController()
  const disposed = attemptSignal(quiet.signal, 10)
  disposed.dispose()
  mock.timers.tick(60_000)
  t.equal(disposed.signal.aborted, false, 'a disposed attempt never fires')
  quiet.abort(new Error('after dispose'))
  t.equal(disposed.signal.aborted, false, 'nor follows the caller any more')
  mock.timers.reset()
})
