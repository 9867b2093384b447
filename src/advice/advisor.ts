import { AdviceUnavailableError, ProviderError, type FallbackReason } from './upstream/errors.js'
import { guardMessage } from './upstream/guard.js'
import type { Source } from '../../schemas/common.js'
import { prepare } from './topics/index.js'
import type { Advice, AdviceProvider, EntryOf, EntryTopic, FactsOf, ProviderRequest, Topic } from './types.js'
import type { Upstream } from './upstream/index.js'

/** Hooks the advisor reports to (metrics live outside the domain). */
export interface AdvisorObserver {
  advice (topic: Topic, source: Source): void
  /** A provider did not answer; `to` is the next provider, the local advisor, or `none` (an error under AI_FALLBACK=none). */
  fallback (reason: FallbackReason, from: Source, to: Source | 'none'): void
}

/** Minimal logger shape (pino-compatible) so the domain needs no framework. */
export interface AdvisorLogger {
  warn (obj: object, msg: string): void
}

/** What the advisor needs. */
export interface AdvisorOptions {
  local: AdviceProvider
  /**
   * The providers in order of preference, each behind its own policies and
   * the cache (createUpstreams in upstream/index.ts); the local advisor ends every
   * chain. Empty or absent: only local advice.
   */
  chain?: readonly Upstream[]
  fallback: 'local' | 'none'
  observer?: AdvisorObserver
  logger?: AdvisorLogger
  close?: () => Promise<void>
}

/** The advice service: facts, then words from the first provider of the chain that answers (or the local advisor), guarded. */
export interface Advisor {
  /** Stateless advice on a body: its facts computed by its topic (topics' `prepare`), then words for them. */
  advise<T extends EntryTopic>(topic: T, body: EntryOf<T>, signal?: AbortSignal): Promise<Advice<T>>
  /** Words for facts the caller computed once (a tracked entry with its day, a day summary); the facts are not recomputed. */
  adviseOn<T extends Topic>(request: ProviderRequest<T>, signal?: AbortSignal): Promise<Advice<T>>
  /** What /health reports: available, degraded (the first choice is bypassed) or local. */
  aiState (): 'available' | 'degraded' | 'local'
  /** Each provider of the chain, in order: degraded while its breaker keeps calls away. */
  providerStates (): Partial<Record<Source, 'available' | 'degraded'>>
  /**
   * Whether a caller's signal can cancel anything: only a provider call can,
   * since local advice is synchronous work. Callers build a signal only then.
   */
  readonly cancellable: boolean
  close (): Promise<void>
}

const noop = () => {}
const noopObserver: AdvisorObserver = { advice: noop, fallback: noop }

/** A signal that never aborts, shared so the local path allocates none per request. */
const NEVER = new AbortController().signal

/** Why a provider did not answer, or the error rethrown when it is no provider failure (a bug). */
function failureOf (err: unknown): { reason: FallbackReason, retryAfterS: number | undefined } {
  if (err instanceof ProviderError) return { reason: err.outcome, retryAfterS: err.retryAfterMs === undefined ? undefined : Math.ceil(err.retryAfterMs / 1000) }
  if (err instanceof AdviceUnavailableError) return { reason: err.reason, retryAfterS: err.retryAfterS }
  throw err
}

/** Builds the advice service from plain dependencies. */
export function createAdvisor (options: AdvisorOptions): Advisor {
  const observer = options.observer ?? noopObserver
  const { local } = options
  const chain = options.chain ?? []

  async function localAdvice<T extends Topic> (request: ProviderRequest, facts: FactsOf<T>, degraded: boolean): Promise<Advice<T>> {
    const reply = await local.write(request, NEVER)
    const guarded = guardMessage(reply.text)
    // The local templates are ours and always pass; the guard still runs so
    // the 25-word promise holds for every message, whoever wrote it.
    const message = guarded.ok ? guarded.text : ''
    observer.advice(request.topic, 'local')
    return { message, source: 'local', degraded, facts }
  }

  async function adviseOn<T extends Topic> (asked: ProviderRequest<T>, signal = NEVER): Promise<Advice<T>> {
    const { topic, facts } = asked
    // The union member for T, widened: TypeScript does not relate a generic member to the union it is part of.
    const request = asked as ProviderRequest
    let failure: ReturnType<typeof failureOf> | undefined
    for (const [index, upstream] of chain.entries()) {
      try {
        const message = await upstream.words(request, signal)
        observer.advice(topic, upstream.name)
        // `degraded`: the first choice did not write these words.
        return { message, source: upstream.name, degraded: index > 0, facts }
      } catch (err) {
        failure = failureOf(err)
      }
      // Nobody waits for the answer any more: asking the next provider would only spend its quota.
      const next = signal.aborted ? undefined : chain[index + 1]
      const to = next?.name ?? (options.fallback === 'none' ? 'none' : 'local')
      observer.fallback(failure.reason, upstream.name, to)
      // A caller that went away is no upstream failure: the fallback metric
      // counts it, but a warning per disconnect flooded the logs (the bench's
      // last in-flight requests alone printed dozens).
      if (failure.reason !== 'aborted') options.logger?.warn({ topic, reason: failure.reason, to }, `${upstream.name} advice failed`)
      if (next === undefined) break
    }
    if (failure === undefined) return await localAdvice(request, facts, false)
    if (options.fallback === 'none') throw new AdviceUnavailableError(failure.reason, failure.retryAfterS)
    return await localAdvice(request, facts, true)
  }

  return {
    advise: async (topic, body, signal) => await adviseOn(prepare(topic, body), signal),
    adviseOn,
    aiState: () => chain.length === 0 ? 'local' : chain[0].state(),
    providerStates: () => Object.fromEntries(chain.map((upstream) => [upstream.name, upstream.state()])),
    cancellable: chain.length > 0,
    close: async () => { await options.close?.() }
  }
}
