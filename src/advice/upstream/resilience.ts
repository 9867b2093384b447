import { BrokenCircuitError, CircuitState, SamplingBreaker, circuitBreaker, handleWhen } from 'cockatiel'
import { AdviceUnavailableError, ProviderError, type Outcome } from './errors.js'
import { createLimiter } from './limiter.js'
import { countsAgainstBreaker, isRetryable } from './policy.js'
import type { AdviceProvider, ProviderReply, ProviderRequest } from '../types.js'

/** Limits of the upstream path (from config). */
export interface ResilienceOptions {
  timeoutMs: number
  maxRetries: number
  deadlineMs: number
  maxConcurrency: number
  queueMax: number
  queueTimeoutMs: number
  breakerThreshold: number
  breakerMinCalls: number
  breakerWindowMs: number
  breakerCooldownMs: number
  /** Injected for tests: full-jitter randomness and the wait between attempts. */
  random?: () => number
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>
}

/** The circuit breaker's state, as reported. */
export type BreakerState = 'closed' | 'half_open' | 'open'

/** What the resilient path reports (metrics and logs live outside the domain). */
export interface ResilienceHooks {
  attempt (outcome: Outcome, seconds: number): void
  retry (): void
  breaker (state: BreakerState): void
  load (inFlight: number, queued: number): void
}

/** Backoff base and cap for retries, ms. */
export const BACKOFF = { baseMs: 250, capMs: 4000 } as const

/** Full-jitter exponential backoff (AWS Architecture Blog, "Exponential Backoff and Jitter"). */
export function fullJitter (attempt: number, random: () => number): number {
  return Math.floor(random() * Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** attempt))
}

const defaultSleep = async (ms: number, signal: AbortSignal) => await new Promise<void>((resolve, reject) => {
  const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve() }, ms)
  const onAbort = () => { clearTimeout(timer); reject(new ProviderError('aborted', 'aborted while waiting to retry')) }
  signal.addEventListener('abort', onAbort, { once: true })
})

/**
 * One attempt's signal: aborts with a TimeoutError after `ms`, or with the
 * caller's reason when the caller aborts. Built on a timer rather than
 * `AbortSignal.any([signal, AbortSignal.timeout(ms)])`, because Node holds the
 * sources of `any` weakly and a collected timeout signal never fires: under
 * GC pressure a hung upstream then outlived its timeout.
 */
export function attemptSignal (parent: AbortSignal, ms: number): { signal: AbortSignal, dispose: () => void } {
  const controller = new AbortController()
  const onAbort = () => controller.abort(parent.reason)
  const timer = setTimeout(() => controller.abort(new DOMException(`attempt timed out after ${ms} ms`, 'TimeoutError')), ms)
  if (parent.aborted) onAbort()
  else parent.addEventListener('abort', onAbort, { once: true })
  return {
    signal: controller.signal,
    dispose: () => { clearTimeout(timer); parent.removeEventListener('abort', onAbort) }
  }
}

const STATE_NAMES = { [CircuitState.Closed]: 'closed', [CircuitState.HalfOpen]: 'half_open', [CircuitState.Open]: 'open', [CircuitState.Isolated]: 'open' } as const

/**
 * Wraps a provider in the production path: bulkhead (bounded queue) →
 * circuit breaker → retries with full jitter, honouring Retry-After and
 * RetryInfo within an overall deadline → per-attempt timeout.
 */
export function createResilientCall (provider: AdviceProvider, options: ResilienceOptions, hooks: ResilienceHooks) {
  const random = options.random ?? Math.random
  const sleep = options.sleep ?? defaultSleep
  const limiter = createLimiter(options.maxConcurrency, options.queueMax, options.queueTimeoutMs, hooks.load)
  // cockatiel's sampling breaker: opens when the failure ratio over a sliding
  // window passes the threshold, once there is enough traffic to judge.
  const breaker = circuitBreaker(handleWhen((err) => err instanceof ProviderError && countsAgainstBreaker(err.outcome)), {
    halfOpenAfter: options.breakerCooldownMs,
    breaker: new SamplingBreaker({
      threshold: options.breakerThreshold,
      duration: options.breakerWindowMs,
      // SamplingBreaker judges once `calls >= rounded window × minimumRps`; half
      // a call of slack stops float error and that rounding from demanding
      // one call more than breakerMinCalls.
      minimumRps: (options.breakerMinCalls - 0.5) / (options.breakerWindowMs / 1000)
    })
  })
  breaker.onStateChange((state) => hooks.breaker(STATE_NAMES[state]))

  async function attempts (request: ProviderRequest, signal: AbortSignal, deadline: number, attempt = 0): Promise<ProviderReply> {
    const remaining = deadline - Date.now()
    const started = process.hrtime.bigint()
    const timed = attemptSignal(signal, Math.max(1, Math.min(options.timeoutMs, remaining)))
    try {
      const reply = await provider.write(request, timed.signal)
      hooks.attempt('ok', seconds(started))
      return reply
    } catch (err) {
      const failure = err instanceof ProviderError ? err : new ProviderError('network', 'unclassified failure', { cause: err })
      hooks.attempt(failure.outcome, seconds(started))
      if (attempt >= options.maxRetries || !isRetryable(failure.outcome) || signal.aborted) throw failure
      // Wait at least what the upstream asked for; if that does not fit the
      // request's budget, fail now so the fallback answers promptly.
      const wait = Math.max(fullJitter(attempt, random), failure.retryAfterMs ?? 0)
      if (Date.now() + wait >= deadline) throw failure
      hooks.retry()
      await sleep(wait, signal)
    } finally {
      timed.dispose()
    }
    // Recursion rather than an endless loop: at most maxRetries deep, and no unreachable loop exit.
    return await attempts(request, signal, deadline, attempt + 1)
  }

  const call: AdviceProvider['write'] = async (request, signal) => {
    const deadline = Date.now() + options.deadlineMs
    // While the breaker is open no call holds a slot, so this is immediate and
    // breaker.execute below answers at once; cockatiel moves to half-open only
    // inside execute, so every call must reach it for the probe to happen.
    // acquire rejects only with ShedError: the queue is full or the wait ran out.
    const release = await limiter.acquire(signal).catch(() => { throw new AdviceUnavailableError('shed', 1) })
    try {
      return await breaker.execute(async () => await attempts(request, signal, deadline)).catch((err: unknown) => {
        throw err instanceof BrokenCircuitError ? new AdviceUnavailableError('circuit_open', Math.ceil(options.breakerCooldownMs / 1000)) : err
      })
    } finally {
      release()
    }
  }

  return {
    call,
    /** `degraded` while the breaker keeps calls away from the upstream. */
    state: (): 'available' | 'degraded' => breaker.state === CircuitState.Closed ? 'available' : 'degraded',
    limiter
  }
}

function seconds (started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e9
}
