import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { requestedProviders, startupConfig } from './config.js'

const { config, warnings } = startupConfig()

const app = await buildApp(config)
for (const warning of warnings) app.log.warn(warning)
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
