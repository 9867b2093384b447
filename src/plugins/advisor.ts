import type { FastifyBaseLogger, FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createAdvisor, type Advisor, type AdvisorObserver } from '../advice/advisor.js'
import { warmFacts } from '../advice/topics/index.js'
import { createLocalProvider } from '../advice/upstream/providers/local.js'
import type { Upstream, UpstreamObserver } from '../advice/upstream/index.js'
import type { Config } from '../config.js'
import type { Metrics } from './metrics.js'

const BREAKER_GAUGE = { closed: 0, half_open: 1, open: 2 } as const

/** Adapts the metrics to the advisor's observer. */
function advisorObserver (m: Metrics): AdvisorObserver {
  return {
    advice (topic, source) { m.advice.inc({ topic, source }) },
    fallback (reason, from, to) { m.aiFallbacks.inc({ reason, from, to }) }
  }
}

/** Adapts the metrics and the log to the upstream path's observer. */
function upstreamObserver (m: Metrics, log: FastifyBaseLogger): UpstreamObserver {
  return {
    attempt (provider, outcome, seconds) {
      m.aiDuration.observe({ provider, outcome }, seconds)
      m.aiCalls.inc({ provider, outcome })
    },
    retry (provider) { m.aiRetries.inc({ provider }) },
    // Logged once per transition, not per request.
    breaker (provider, state) {
      m.aiBreakerState.set({ provider }, BREAKER_GAUGE[state])
      if (state === 'open') log.warn({ breaker: state }, `${provider} circuit breaker opened: the next provider answers`)
      else log.info({ breaker: state }, `${provider} circuit breaker ${state.replace('_', '-')}`)
    },
    load (provider, inFlight, queued) {
      m.aiInFlight.set({ provider }, inFlight)
      m.aiQueued.set({ provider }, queued)
    },
    tokens (provider, usage) {
      m.aiTokens.inc({ provider, kind: 'input' }, usage.inputTokens)
      m.aiTokens.inc({ provider, kind: 'output' }, usage.outputTokens)
    },
    cache (provider, result) { m.aiCache.inc({ provider, result }) }
  }
}

/** The provider chain of `app.providers`, composed by the one seam (advice/upstream/index.ts) with the policies from the config. */
async function composeChain (app: FastifyInstance, config: Config): Promise<Upstream[]> {
  if (app.providers.length === 0) return []
  // Loaded only when used: cockatiel and lru-cache stay out of a local-only cold start.
  const { createUpstreams } = await import('../advice/upstream/index.js')
  // Each provider's gauges start at zero, so a dashboard shows a closed breaker, not a gap, before the first change.
  for (const { name: provider } of app.providers) {
    app.metrics.aiBreakerState.set({ provider }, BREAKER_GAUGE.closed)
    app.metrics.aiInFlight.set({ provider }, 0)
    app.metrics.aiQueued.set({ provider }, 0)
  }
  return createUpstreams(app.providers, {
    timeoutMs: config.AI_TIMEOUT_MS,
    maxRetries: config.AI_MAX_RETRIES,
    deadlineMs: config.AI_DEADLINE_MS,
    maxConcurrency: config.AI_MAX_CONCURRENCY,
    queueMax: config.AI_QUEUE_MAX,
    queueTimeoutMs: config.AI_QUEUE_TIMEOUT_MS,
    breakerThreshold: config.AI_BREAKER_THRESHOLD,
    breakerMinCalls: config.AI_BREAKER_MIN_CALLS,
    breakerWindowMs: config.AI_BREAKER_WINDOW_MS,
    breakerCooldownMs: config.AI_BREAKER_COOLDOWN_MS,
    cacheMaxEntries: config.CACHE_MAX_ENTRIES,
    cacheTtlS: config.CACHE_TTL_S
  }, upstreamObserver(app.metrics, app.log))
}

/** Builds the advice service from the provider chain (`app.providers`, maybe empty) and the local provider; decorates `app.advisor`. */
export default fp(async function advisorPlugin (app: FastifyInstance, opts: { config: Config }) {
  const advisor = createAdvisor({
    local: createLocalProvider(),
    chain: await composeChain(app, opts.config),
    fallback: opts.config.AI_FALLBACK,
    observer: advisorObserver(app.metrics),
    logger: app.log
  })
  app.decorate('advisor', advisor)
  // The lookup indexes are built while the app is built, inside the start-up window the overload guard
  // ignores: built inside the first requests (or after ready), they blocked the event loop long enough
  // for the guard to shed traffic with 503s.
  warmFacts()
  app.addHook('onClose', async () => { await advisor.close() })
}, { name: 'advisor', dependencies: ['metrics', 'providers'] })

declare module 'fastify' {
  interface FastifyInstance {
    advisor: Advisor
  }
}
