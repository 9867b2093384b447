import { readFileSync } from 'node:fs'
import t from 'tap'
import { parse } from 'yaml'
import { ConfigSchema, loadConfig } from '../../src/config.js'

const root = new URL('../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const configKeys = new Set(Object.keys(ConfigSchema.properties))

t.test('Dockerfile: multi-stage, non-root, healthcheck on /health, runs the compiled server', async (t) => {
  const lines = read('Dockerfile').split('\n').filter((l) => !l.startsWith('#'))
  const froms = lines.filter((l) => l.startsWith('FROM '))
  t.ok(froms.length >= 2, 'multi-stage')
  t.match(froms[0], /^FROM node:24\S* AS build$/)
  const runtime = lines.slice(lines.indexOf(froms[froms.length - 1]))
  t.ok(runtime.some((l) => /^USER (node|\d+)/.test(l)), 'runtime stage runs as non-root')
  t.ok(runtime.some((l) => l === 'EXPOSE 8000'))
  const health = runtime.join('\n')
  t.match(health, /HEALTHCHECK[\s\S]*\/health/)
  t.match(health, /CMD \["node", "dist\/src\/server\.js"\]/)
  // The start command and the build output agree with package.json.
  const pkg = JSON.parse(read('package.json'))
  t.equal(pkg.scripts.start, 'node dist/src/server.js')
  for (const l of runtime.filter((l) => l.startsWith('ENV') || l.startsWith('    '))) {
    for (const m of l.matchAll(/([A-Z_]+)=/g)) if (m[1] !== 'NODE_ENV') t.ok(configKeys.has(m[1]), `ENV ${m[1]} is a config key`)
  }
})

t.test('docker-compose.yml: port, healthcheck and env names match the config schema', async (t) => {
  const compose = parse(read('docker-compose.yml'))
  const api = compose.services.api
  t.same(api.ports, ['8000:8000'])
  t.match(api.healthcheck.test.join(' '), /127\.0\.0\.1:8000\/health/)
  const env = api.environment as Record<string, string>
  for (const key of Object.keys(env)) t.ok(configKeys.has(key), `${key} is a config key`)
  t.equal(env.PORT, '8000')
  // The literal values (not the ${…} references) must pass the app's own validation.
  const literal = Object.fromEntries(Object.entries(env).filter(([, v]) => !String(v).includes('${')))
  t.doesNotThrow(() => loadConfig(literal))
})

t.test('.env.example lists every config key', async (t) => {
  const keys = new Set(read('.env.example').split('\n').map((l) => /^#?\s*([A-Z_]+)=/.exec(l)?.[1]).filter(Boolean))
  for (const key of configKeys) t.ok(keys.has(key), key)
})
