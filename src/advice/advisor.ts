import type { AdviceCache, CacheResult } from './cache.js'
import { cacheKey } from './cache.js'
import { AdviceUnavailableError, ProviderError, type FallbackReason } from './errors.js'
import { computeFacts, splitEntry } from './facts/index.js'
import { guardMessage, leaksPrompt } from './guard.js'
import { SYSTEM_INSTRUCTION } from './prompts.js'
import { ungroundedFigure } from './number-guard.js'
import type { Advice, AdviceProvider, EntryOf, FactsOf, ProviderReply, ProviderRequest, Topic, TopicTypes, Usage } from './types.js'

/** Hooks the advisor reports to (metrics live outside the domain). */
export interface AdvisorObserver {
  advice (topic: Topic, source: 'gemini' | 'local'): void
  fallback (reason: FallbackReason): void
  tokens (usage: Usage): void
  cache (result: CacheResult): void
}

/** Minimal logger shape (pino-compatible) so the domain needs no framework. */
export interface AdvisorLogger {
  warn (obj: object, msg: string): void
}

/** Calls the upstream provider for one request; retries, timeouts and limits are composed inside it. */
export type UpstreamCall = (request: ProviderRequest, signal: AbortSignal) => Promise<ProviderReply>

/** What the advisor needs. */
export interface AdvisorOptions {
  local: AdviceProvider
  /** The upstream call (Gemini with its policies); absent when only local advice is configured. */
  upstream?: UpstreamCall
  /** Tells /health whether the upstream is currently bypassed (e.g. circuit open). */
  upstreamState?: () => 'available' | 'degraded'
  /** Model name, part of the cache key. */
  model?: string
  cache?: AdviceCache
  fallback: 'local' | 'none'
  observer?: AdvisorObserver
  logger?: AdvisorLogger
  close?: () => Promise<void>
}

/** The advice service: facts, then words from the upstream or local provider, then the output guards. */
export interface Advisor {
  /** Advice on a body; `facts`, when given, were computed by the caller (a tracked entry's day, a day summary). */
  advise<T extends Topic>(topic: T, body: EntryOf<T>, signal?: AbortSignal, facts?: FactsOf<T>): Promise<Advice<T>>
  /** What /health reports: available, degraded (configured but bypassed) or local. */
  aiState (): 'available' | 'degraded' | 'local'
  close (): Promise<void>
}

const noop = () => {}
const noopObserver: AdvisorObserver = { advice: noop, fallback: noop, tokens: noop, cache: noop }

/** A signal that never aborts, shared so the local path allocates none per request. */
const NEVER = new AbortController().signal

/** Builds the advice service from plain dependencies. */
export function createAdvisor (options: AdvisorOptions): Advisor {
  const observer = options.observer ?? noopObserver
  const { upstream, local, cache } = options

  async function localAdvice<T extends Topic> (request: ProviderRequest<T>, degraded: boolean): Promise<Advice<T>> {
    const reply = await local.write(request, NEVER)
    const guarded = guardMessage(reply.text)
    // The local templates are ours and always pass; the guard still runs so
    // the 25-word promise holds for every message, whoever wrote it.
    const message = guarded.ok ? guarded.text : ''
    observer.advice(request.topic, 'local')
    return { message, source: 'local', degraded, facts: request.facts }
  }

  /** One upstream answer that passed every guard, or a classified failure. */
  async function upstreamText (call: UpstreamCall, request: ProviderRequest, signal: AbortSignal): Promise<string> {
    const reply = await call(request, signal)
    if (reply.usage !== undefined) observer.tokens(reply.usage)
    const guarded = guardMessage(reply.text)
    if (!guarded.ok || leaksPrompt(reply.text, SYSTEM_INSTRUCTION)) throw new AdviceUnavailableError('guard')
    // The model may only phrase our numbers: a figure we did not compute or
    // receive means the reply cannot be trusted.
    if (ungroundedFigure(guarded.text, { entry: request.entry, facts: request.facts }) !== undefined) {
      throw new AdviceUnavailableError('numbers')
    }
    return guarded.text
  }

  async function advise<T extends Topic> (topic: T, body: EntryOf<T>, signal = NEVER, given?: FactsOf<T>): Promise<Advice<T>> {
    const { entry, context } = splitEntry(topic, body)
    if (given === undefined && topic === 'day') throw new TypeError('a day summary needs its facts')
    const facts = given ?? computeFacts(topic as Exclude<T, 'day'>, entry as TopicTypes[Exclude<T, 'day'>]['entry'], context) as FactsOf<T>
    const request: ProviderRequest<T> = { topic, entry, context, facts }
    if (upstream === undefined) return await localAdvice(request, false)

    let reason: FallbackReason
    let retryAfterS: number | undefined
    try {
      const produce = async (s: AbortSignal) => await upstreamText(upstream, request, s)
      const text = cache === undefined
        ? await produce(signal)
        : await cache.run(cacheKey(options.model ?? '', request), signal, produce, observer.cache)
      observer.advice(topic, 'gemini')
      return { message: text, source: 'gemini', degraded: false, facts }
    } catch (err) {
      if (err instanceof ProviderError) {
        reason = err.outcome
        retryAfterS = err.retryAfterMs === undefined ? undefined : Math.ceil(err.retryAfterMs / 1000)
      } else if (err instanceof AdviceUnavailableError) {
        reason = err.reason
        retryAfterS = err.retryAfterS
      } else {
        throw err
      }
    }
    observer.fallback(reason)
    // A caller that went away is no upstream failure: the fallback metric
    // counts it, but a warning per disconnect flooded the logs (the bench's
    // last in-flight requests alone printed dozens).
    if (reason !== 'aborted') options.logger?.warn({ topic, reason }, 'gemini advice failed')
    if (options.fallback === 'none') throw new AdviceUnavailableError(reason, retryAfterS)
    return await localAdvice(request, true)
  }

  return {
    advise,
    aiState: () => upstream === undefined ? 'local' : (options.upstreamState?.() ?? 'available'),
    close: async () => { await options.close?.() }
  }
}
