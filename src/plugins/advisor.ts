import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { createAdvisor, type Advisor } from '../advice/advisor.js'
import { createAdviceCache } from '../advice/cache.js'
import { warmFacts } from '../advice/facts/index.js'
import { createLocalProvider } from '../advice/providers/local.js'
import type { Config } from '../config.js'
import { advisorObserver } from './metrics.js'

/** Builds the advice service from the Gemini service (when registered) and the local provider; decorates `app.advisor`. */
export default fp(async function advisorPlugin (app: FastifyInstance, opts: { config: Config }) {
  const gemini = app.hasDecorator('gemini') ? app.gemini : undefined
  const advisor = createAdvisor({
    local: createLocalProvider(),
    upstream: gemini?.call,
    upstreamState: gemini?.state,
    model: gemini?.model,
    cache: gemini === undefined ? undefined : createAdviceCache(opts.config.CACHE_MAX_ENTRIES, opts.config.CACHE_TTL_S),
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
}, { name: 'advisor', dependencies: ['metrics'] })

declare module 'fastify' {
  interface FastifyInstance {
    advisor: Advisor
  }
}
