import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, configWarnings, loadConfig, readEnvironment, requestedProviders } from './config.js'

let config
let env
try {
  env = readEnvironment()
  config = loadConfig(env)
} catch (err) {
  // One line per bad variable, naming it, never its value (it may be a secret).
  console.error(err instanceof ConfigError ? err.message : 'Invalid configuration')
  process.exit(1)
}

const app = await buildApp(config)
for (const warning of configWarnings(env)) app.log.warn(warning)
if (config.API_KEYS === undefined) {
  app.log.warn('API_KEYS is unset: the advice routes are open to anyone who can reach them')
}
if (config.GEMINI_API_KEY === undefined && requestedProviders(config).includes('gemini')) {
  app.log.warn('gemini is named in AI_PROVIDER or AI_PROVIDERS but GEMINI_API_KEY is unset: the chain skips it')
}

// First signal: stop accepting, let in-flight requests finish (up to the
// grace period), exit 0. A second signal, or the grace running out, forces exit.
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ signal, err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  else app.log.info({ signal }, 'shutting down')
  await app.close()
})

await app.listen({ port: config.PORT, host: config.HOST })
