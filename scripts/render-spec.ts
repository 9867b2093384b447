import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

/** The OpenAPI spec as YAML, exactly as the app serves it under the default config. */
export async function renderSpec (): Promise<string> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  await app.ready()
  const yaml = app.swagger({ yaml: true })
  await app.close()
  return yaml
}
