import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { AdviceProvider } from '../advice/types.js'
import { providerChain, type Config, type ProviderName } from '../config.js'

/** One pooled provider client from the config. */
async function createProvider (name: ProviderName, config: Config): Promise<AdviceProvider> {
  // Loaded only when used: an SDK and undici add about a third of a second
  // to a local-only cold start.
  if (name === 'openai' && config.OPENAI_MODEL !== undefined) {
    const { createOpenAIProvider } = await import('../advice/upstream/providers/openai.js')
    return createOpenAIProvider({
      baseUrl: config.OPENAI_BASE_URL,
      model: config.OPENAI_MODEL,
      apiKey: config.OPENAI_API_KEY,
      maxTokens: config.OPENAI_MAX_TOKENS,
      timeoutMs: config.AI_TIMEOUT_MS,
      maxConnections: config.AI_MAX_CONCURRENCY
    })
  }
  if (name === 'gemini' && config.GEMINI_API_KEY !== undefined) {
    const { createGeminiProvider } = await import('../advice/upstream/providers/gemini.js')
    return createGeminiProvider({
      apiKey: config.GEMINI_API_KEY,
      model: config.GEMINI_MODEL,
      baseUrl: config.GEMINI_BASE_URL,
      // One socket per allowed call: the pool never queues behind the bulkhead.
      maxConnections: config.AI_MAX_CONCURRENCY
    })
  }
  // loadConfig refuses openai without a model, and providerChain leaves gemini out without a key:
  // only a config built past loadConfig gets here.
  throw new Error(`${name} is in the provider chain without its model (OPENAI_MODEL) or key (GEMINI_API_KEY)`)
}

/**
 * Creates the configured language-model providers in chain order, each a
 * pooled client created once per app; decorates `app.providers` (empty when
 * only the local advisor answers) and closes the pools on close. Their
 * policies are composed by the advisor plugin, not here.
 */
export default fp(async function providersPlugin (app: FastifyInstance, opts: { config: Config }) {
  const providers: AdviceProvider[] = []
  for (const name of providerChain(opts.config)) providers.push(await createProvider(name, opts.config))
  app.decorate('providers', providers)
  app.addHook('onClose', async () => { await Promise.all(providers.map(async (provider) => await provider.close?.())) })
}, { name: 'providers' })

declare module 'fastify' {
  interface FastifyInstance {
    providers: readonly AdviceProvider[]
  }
}
