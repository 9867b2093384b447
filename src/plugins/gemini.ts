import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { UpstreamCall } from '../advice/advisor.js'
import { createGeminiProvider } from '../advice/providers/gemini.js'
import { createResilientCall } from '../advice/resilience.js'
import type { Config } from '../config.js'

/** The pooled Gemini client service, created once per app. */
export interface GeminiService {
  call: UpstreamCall
  state: () => 'available' | 'degraded'
  model: string
}

const BREAKER_GAUGE = { closed: 0, half_open: 1, open: 2 } as const

/**
 * Creates the pooled Gemini client with its resilience policies (only when
 * Gemini is configured), decorates `app.gemini`, and closes the pool on close.
 */
export default fp(async function geminiPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  const m = app.metrics
  const provider = createGeminiProvider({
    apiKey: config.GEMINI_API_KEY as string,
    model: config.GEMINI_MODEL,
    baseUrl: config.GEMINI_BASE_URL,
    // One socket per allowed call: the pool never queues behind the bulkhead.
    maxConnections: config.AI_MAX_CONCURRENCY
  })
  const resilient = createResilientCall(provider, {
    timeoutMs: config.AI_TIMEOUT_MS,
    maxRetries: config.AI_MAX_RETRIES,
    deadlineMs: config.AI_DEADLINE_MS,
    maxConcurrency: config.AI_MAX_CONCURRENCY,
    queueMax: config.AI_QUEUE_MAX,
    queueTimeoutMs: config.AI_QUEUE_TIMEOUT_MS,
    breakerThreshold: config.AI_BREAKER_THRESHOLD,
    breakerMinCalls: config.AI_BREAKER_MIN_CALLS,
    breakerWindowMs: config.AI_BREAKER_WINDOW_MS,
    breakerCooldownMs: config.AI_BREAKER_COOLDOWN_MS
  }, {
    attempt (outcome, seconds) {
      m.aiDuration.observe({ provider: 'gemini', outcome }, seconds)
      m.aiCalls.inc({ provider: 'gemini', outcome })
    },
    retry () { m.aiRetries.inc() },
    // Logged once per transition, not per request.
    breaker (state) {
      m.aiBreakerState.set(BREAKER_GAUGE[state])
      if (state === 'open') app.log.warn({ breaker: state }, 'gemini circuit breaker opened: answering locally')
      else app.log.info({ breaker: state }, `gemini circuit breaker ${state.replace('_', '-')}`)
    },
    load (inFlight, queued) {
      m.aiInFlight.set(inFlight)
      m.aiQueued.set(queued)
    }
  })
  app.decorate('gemini', { call: resilient.call, state: resilient.state, model: config.GEMINI_MODEL } satisfies GeminiService)
  app.addHook('onClose', async () => { await provider.close?.() })
}, { name: 'gemini', dependencies: ['metrics'] })

declare module 'fastify' {
  interface FastifyInstance {
    gemini: GeminiService
  }
}
