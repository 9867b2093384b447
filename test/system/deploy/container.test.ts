import { existsSync, readFileSync } from 'node:fs'
import t from 'tap'
import { parse } from 'yaml'
import { ConfigSchema, loadConfig } from '../../../src/config.js'

const root = new URL('../../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const configKeys = new Set(Object.keys(ConfigSchema.properties))

// Parsed YAML is untyped; the assertions below check its shape.
type Obj = Record<string, any>

t.test('Dockerfile: multi-stage, non-root, healthcheck on /health, runs the compiled server', async (t) => {
  const lines = read('Dockerfile').split('\n').filter((l) => !l.startsWith('#'))
  const froms = lines.filter((l) => l.startsWith('FROM '))
  t.ok(froms.length >= 2, 'multi-stage')
  t.match(froms[0], /^FROM node:22\S* AS build$/)
  const runtime = lines.slice(lines.indexOf(froms[froms.length - 1]))
  t.ok(lines.slice(0, lines.indexOf(froms[froms.length - 1])).includes('COPY scripts/bundle.ts scripts/build-bundle.ts ./scripts/'), 'the build stage has the bundle script `npm run build` runs')
  t.ok(runtime.some((l) => /^USER (node|\d+)/.test(l)), 'runtime stage runs as non-root')
  t.ok(runtime.some((l) => l === 'EXPOSE 8000'))
  const health = runtime.join('\n')
  t.match(health, /HEALTHCHECK[\s\S]*\/health/)
  // The production bundle (scripts/build-bundle.ts), not tsc's dist/src/ tree.
  // V8's young generation capped at 8 MB a semi-space (issue 16): it keeps peak RSS under 150 MB.
  t.match(health, /CMD \["node", "--max-semi-space-size=8", "dist\/server\.js"\]/)
  // The start command and the build output agree with package.json.
  const pkg = JSON.parse(read('package.json'))
  t.equal(pkg.scripts.start, 'node --max-semi-space-size=8 dist/server.js', 'npm start runs what the image runs')
  t.match(pkg.scripts.build, /^tsc -p tsconfig\.build\.json && tsx scripts\/bundle\.ts$/)
  for (const l of runtime.filter((l) => l.startsWith('ENV') || l.startsWith('    '))) {
    for (const m of l.matchAll(/([A-Z_]+)=/g)) if (m[1] !== 'NODE_ENV') t.ok(configKeys.has(m[1]), `ENV ${m[1]} is a config key`)
  }
})

const compose = parse(read('docker-compose.yml'))
const services: Record<string, Obj> = compose.services

/** Compose durations as used here (20s, 1m30s) in seconds. */
function seconds (value: string): number {
  const parts = [...String(value).matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)]
  if (parts.length === 0) throw new Error(`unparsed duration ${value}`)
  const unit: Record<string, number> = { ms: 1e-3, s: 1, m: 60, h: 3600 }
  return parts.reduce((sum, [, n, u]) => sum + Number(n) * unit[u], 0)
}

t.test('docker-compose.yml: the api service matches the config schema', async (t) => {
  const api = services.api
  t.equal(api.build, '.')
  t.same(api.ports, ['8000:8000'])
  t.match(api.healthcheck.test.join(' '), /127\.0\.0\.1:8000\/health/)
  const env = api.environment as Record<string, string>
  for (const key of Object.keys(env)) t.ok(configKeys.has(key), `${key} is a config key`)
  // Every setting is stated, so a new ConfigSchema key is a deliberate choice here too.
  t.same(Object.keys(env).sort(), [...configKeys].sort())
  t.equal(env.PORT, '8000')
  t.equal(env.REDIS_URL, 'redis://redis:6379')
  t.match(env.GEMINI_API_KEY, /^\$\{GEMINI_API_KEY/, 'secrets come from the shell, not the file')
  t.match(env.OPENAI_API_KEY, /^\$\{OPENAI_API_KEY/)
  // Both default to empty (unset), so setting either one in the shell never meets the other: not both.
  t.match(env.AI_PROVIDER, /^\$\{AI_PROVIDER:-\}$/)
  t.match(env.AI_PROVIDERS, /^\$\{AI_PROVIDERS:-\}$/)
  t.match(env.API_KEYS, /^\$\{API_KEYS/)
  // Tracked entries go to the stack's Postgres, with the password from the shell.
  t.match(env.DATABASE_URL, /^postgres:\/\/health:\$\{POSTGRES_PASSWORD:-health\}@postgres:5432\/health_tracker$/)
  t.same(Object.keys(api.depends_on).sort(), ['postgres', 'redis'])
  // The literal values (not the ${…} references) must pass the app's own validation.
  const literal = Object.fromEntries(Object.entries(env).filter(([, v]) => !String(v).includes('${')))
  const config = loadConfig(literal)
  t.ok(seconds(api.stop_grace_period) > config.SHUTDOWN_GRACE_MS / 1000, 'stop_grace_period exceeds SHUTDOWN_GRACE_MS')
  t.equal(api.read_only, true)
  t.ok(api.tmpfs.includes('/tmp'), 'tmpfs at /tmp on the read-only root')
})

t.test('docker-compose.yml: every service has a healthcheck and a known image', async (t) => {
  t.same(Object.keys(services).sort(), ['api', 'grafana', 'postgres', 'prometheus', 'redis'])
  for (const [name, s] of Object.entries(services)) {
    t.match(s.healthcheck?.test?.[0], /^CMD(-SHELL)?$/, `${name} has a healthcheck`)
  }
  t.match(services.redis.image, /^redis:7/)
  t.same(services.redis.healthcheck.test, ['CMD', 'redis-cli', 'ping'])
  t.match(services.postgres.image, /^postgres:15/)
  t.same(services.postgres.healthcheck.test.slice(0, 2), ['CMD', 'pg_isready'])
  t.equal(services.postgres.environment.POSTGRES_DB, 'health_tracker', 'the database the api URL names')
  t.match(services.prometheus.image, /^prom\/prometheus:/)
  t.match(services.prometheus.healthcheck.test.join(' '), /:9090\/-\/ready/)
  t.ok(services.prometheus.ports.some((p: string) => p.endsWith(':9090')))
  t.match(services.grafana.image, /^grafana\/grafana:/)
  t.match(services.grafana.healthcheck.test.join(' '), /:3000\/api\/health/)
  t.ok(services.grafana.ports.some((p: string) => p.endsWith(':3000')))
})

t.test('docker-compose.yml: bind mounts exist in the repo, named volumes are declared', async (t) => {
  const mounts = Object.values(services).flatMap((s) => (s.volumes ?? []) as Array<string | Obj>)
    .map((v) => typeof v === 'string' ? v.split(':')[0] : v.source)
  const binds = mounts.filter((m) => m.startsWith('.') || m.startsWith('/'))
  t.ok(binds.includes('./deploy/prometheus'))
  t.ok(binds.includes('./deploy/grafana/provisioning'))
  t.ok(binds.includes('./deploy/grafana/dashboards'))
  for (const b of binds) t.ok(existsSync(new URL(b, root)), `${b} exists`)
  for (const v of mounts.filter((m) => !binds.includes(m))) t.ok(v in (compose.volumes ?? {}), `volume ${v} is declared`)
  t.ok(existsSync(new URL('deploy/prometheus/prometheus.yml', root)), 'Prometheus finds its config in the mount')
})

t.test('docker-compose.yml: Prometheus scrapes the api service, Grafana reads Prometheus', async (t) => {
  const prometheus = parse(read('deploy/prometheus/prometheus.yml'))
  const targets: string[] = prometheus.scrape_configs.flatMap((c: Obj) => c.static_configs?.flatMap((s: Obj) => s.targets) ?? [])
  t.ok(targets.includes(`api:${services.api.environment.PORT}`), 'scrapes api on its PORT')
  const datasources = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')).datasources
  t.ok(datasources.some((d: Obj) => d.url === 'http://prometheus:9090'), 'Grafana datasource is the prometheus service')
})

t.test('docker-compose.yml: depends_on waits for healthy services', async (t) => {
  t.same(services.api.depends_on, { redis: { condition: 'service_healthy' }, postgres: { condition: 'service_healthy' } })
  t.same(services.grafana.depends_on, { prometheus: { condition: 'service_healthy' } })
  for (const [name, s] of Object.entries(services)) {
    for (const [dep, { condition }] of Object.entries((s.depends_on ?? {}) as Record<string, Obj>)) {
      t.ok(services[dep], `${name} depends on an existing service ${dep}`)
      t.equal(condition, 'service_healthy', `${name} waits for ${dep} to be healthy`)
      t.ok(services[dep]?.healthcheck, `${dep} has the healthcheck ${name} waits for`)
    }
  }
})

t.test('.env.example lists every config key', async (t) => {
  const keys = new Set(read('.env.example').split('\n').map((l) => /^#?\s*([A-Z_]+)=/.exec(l)?.[1]).filter(Boolean))
  for (const key of configKeys) t.ok(keys.has(key), key)
})
