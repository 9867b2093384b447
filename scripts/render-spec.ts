import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

/**
 * The OpenAPI spec as YAML, exactly as the app serves it with tracking on
 * (an API key set, an in-memory database), so the tracking routes are
 * documented too; without an identity configured the app does not serve them.
 */
export async function renderSpec (): Promise<string> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent', API_KEYS: 'spec-render-only', DATABASE_URL: 'sqlite::memory:' }))
  await app.ready()
  const yaml = app.swagger({ yaml: true })
  await app.close()
  return yaml
}
