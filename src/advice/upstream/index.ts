import type { Source } from '../../../schemas/common.js'
import { cacheKey, createAdviceCache, type CacheResult } from './cache.js'
import { AdviceUnavailableError, type Outcome } from './errors.js'
import { guardMessage, leaksPrompt } from './guard.js'
import { ungroundedFigure } from './number-guard.js'
import { SYSTEM_INSTRUCTION } from './prompts.js'
import { createResilientCall, type BreakerState, type ResilienceOptions } from './resilience.js'
import type { AdviceProvider, ProviderRequest, Usage } from '../types.js'

/** The policies of each provider's path and the size of the shared advice cache (from config). */
export interface UpstreamOptions extends ResilienceOptions {
  cacheMaxEntries: number
  cacheTtlS: number
}

/** What the upstream path reports, per provider (metrics and logs live outside the domain). */
export interface UpstreamObserver {
  attempt (provider: Source, outcome: Outcome, seconds: number): void
  retry (provider: Source): void
  breaker (provider: Source, state: BreakerState): void
  load (provider: Source, inFlight: number, queued: number): void
  tokens (provider: Source, usage: Usage): void
  cache (provider: Source, result: CacheResult): void
}

/** One link of the provider chain: a provider behind its own policies, the cache and the output guards. */
export interface Upstream {
  readonly name: Source
  /**
   * Words for a request that passed every output guard: from the cache, from
   * an identical call in flight, or from the provider through bulkhead →
   * breaker → retries → timeout. Fails with a ProviderError or an
   * AdviceUnavailableError naming the reason.
   */
  words (request: ProviderRequest, signal: AbortSignal): Promise<string>
  /** `degraded` while its breaker keeps calls away from the provider. */
  state (): 'available' | 'degraded'
}

const noop = () => {}
const noopObserver: UpstreamObserver = { attempt: noop, retry: noop, breaker: noop, load: noop, tokens: noop, cache: noop }

/**
 * The text of a reply that passes every output guard. The model may only
 * phrase our numbers: a figure we did not compute or receive means the reply
 * cannot be trusted.
 */
export function acceptReply (text: string, request: ProviderRequest): string {
  const guarded = guardMessage(text)
  if (!guarded.ok || leaksPrompt(text, SYSTEM_INSTRUCTION)) throw new AdviceUnavailableError('guard')
  if (ungroundedFigure(guarded.text, { entry: request.entry, facts: request.facts }) !== undefined) throw new AdviceUnavailableError('numbers')
  return guarded.text
}

/**
 * The one composition point of the upstream path: each provider, in chain
 * order, wrapped in its own bulkhead, breaker, retries and timeout
 * (resilience.ts), its replies guarded, and its guarded words cached under
 * its name and model. Every provider gets the same code; none has a copy.
 */
export function createUpstreams (providers: readonly AdviceProvider[], options: UpstreamOptions, observer: UpstreamObserver = noopObserver): Upstream[] {
  // One store for the whole chain, so CACHE_MAX_ENTRIES bounds it whatever
  // the chain's length; the key names the provider and model.
  const cache = createAdviceCache(options.cacheMaxEntries, options.cacheTtlS)
  return providers.map((provider) => {
    const { name } = provider
    const resilient = createResilientCall(provider, options, {
      attempt: (outcome, seconds) => observer.attempt(name, outcome, seconds),
      retry: () => observer.retry(name),
      breaker: (state) => observer.breaker(name, state),
      load: (inFlight, queued) => observer.load(name, inFlight, queued)
    })
    // Guarded inside the cache: only words that passed are stored or shared.
    async function produce (request: ProviderRequest, signal: AbortSignal): Promise<string> {
      const reply = await resilient.call(request, signal)
      if (reply.usage !== undefined) observer.tokens(name, reply.usage)
      return acceptReply(reply.text, request)
    }
    return {
      name,
      words: async (request, signal) => await cache.run(
        cacheKey(name, provider.model ?? '', request),
        signal,
        async (shared) => await produce(request, shared),
        (result) => observer.cache(name, result)
      ),
      state: resilient.state
    }
  })
}
