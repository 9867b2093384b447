// Writes openapi.yaml from the app's live spec (`npm run openapi`).
import { writeFileSync } from 'node:fs'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'

/** The spec as YAML, exactly as the app serves it. */
export async function renderSpec (): Promise<string> {
  const app = await buildApp(loadConfig({ LOG_LEVEL: 'silent' }))
  await app.ready()
  const yaml = app.swagger({ yaml: true })
  await app.close()
  return yaml
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL('../openapi.yaml', import.meta.url), await renderSpec())
  console.log('wrote openapi.yaml')
}
