import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { timedCall, type UpstreamCall } from '../advice/advisor.js'
import { createGeminiProvider } from '../advice/providers/gemini.js'
import type { Config } from '../config.js'
import { advisorObserver } from './metrics.js'

/** Whether Gemini writes the advice under this config. */
export function geminiEnabled (config: Config): boolean {
  if (config.AI_PROVIDER === 'local') return false
  return config.GEMINI_API_KEY !== undefined
}

/** The pooled Gemini client service, created once per app. */
export interface GeminiService {
  call: UpstreamCall
  state: () => 'available' | 'degraded'
}

/** Creates the pooled Gemini client (only when Gemini is configured), decorates `app.gemini`, closes its pool on close. */
export default fp(async function geminiPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  const provider = createGeminiProvider({
    apiKey: config.GEMINI_API_KEY as string,
    model: config.GEMINI_MODEL,
    baseUrl: config.GEMINI_BASE_URL,
    maxConnections: config.AI_MAX_CONCURRENCY
  })
  const service: GeminiService = {
    call: timedCall(provider, config.AI_TIMEOUT_MS, advisorObserver(app.metrics)),
    state: () => 'available'
  }
  app.decorate('gemini', service)
  app.addHook('onClose', async () => { await provider.close?.() })
}, { name: 'gemini', dependencies: ['metrics'] })

declare module 'fastify' {
  interface FastifyInstance {
    gemini: GeminiService
  }
}
