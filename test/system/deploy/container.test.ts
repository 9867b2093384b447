import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import t from 'tap'
import { parse } from 'yaml'
import { ConfigSchema, loadConfig } from '../../../src/config.js'
import { build } from '../../helpers/build.js'

const root = new URL('../../../', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, root), 'utf8')
const configKeys = new Set(Object.keys(ConfigSchema.properties))

// Parsed YAML is untyped; the assertions below check its shape.
type Obj = Record<string, any>

/** One Dockerfile stage: its FROM line and its instructions, continuation lines joined, comments dropped. */
interface Stage { image: string, name: string | undefined, instructions: Array<{ op: string, args: string }> }

function stages (text: string): Stage[] {
  const out: Stage[] = []
  const joined = text.split('\n').filter((l) => !l.trimStart().startsWith('#')).join('\n').replace(/\\\n/g, ' ')
  for (const line of joined.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const [op, ...rest] = line.split(/\s+/)
    const args = rest.join(' ')
    if (op === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)
      out.push({ image: m?.[1] ?? args, name: m?.[2], instructions: [] })
    } else out.at(-1)?.instructions.push({ op, args })
  }
  return out
}

const docker = stages(read('Dockerfile'))
const runtime = docker[docker.length - 1]
const builder = docker[0]
const pkg = JSON.parse(read('package.json'))
/** The paths a COPY instruction takes from the build context (not from another stage). */
const copied = builder.instructions.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from')).flatMap((i) => i.args.split(/\s+/).filter((a) => !a.startsWith('--')).slice(0, -1))
const inContext = (path: string) => copied.some((c) => path === c || path.startsWith(`${c.replace(/\/$/, '')}/`))

t.test('Dockerfile: the build stage has every file `npm ci` and `npm run build` read', async (t) => {
  t.ok(docker.length >= 2, 'a build stage and a runtime stage')
  t.ok(builder.instructions.some((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args)) && inContext('package.json') && inContext('package-lock.json'), 'npm ci from the lockfile')
  t.ok(builder.instructions.some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args)), 'the build runs npm run build')
  // npm run build: tsc with tsconfig.build.json (and what it extends and includes), then the bundle script.
  const [tscPart, bundlePart] = String(pkg.scripts.build).split('&&').map((p: string) => p.trim().split(/\s+/))
  const project = tscPart[tscPart.indexOf('-p') + 1]
  const tsconfig = JSON.parse(read(project))
  const needed = [project, tsconfig.extends.replace(/^\.\//, ''), ...tsconfig.include]
  // The bundle script and the local modules it imports, followed transitively.
  const scripts = [bundlePart.at(-1) as string]
  for (let i = 0; i < scripts.length; i++) {
    for (const m of read(scripts[i]).matchAll(/from '(\.[^']+)\.js'/g)) {
      const path = join(dirname(scripts[i]), `${m[1]}.ts`)
      if (!scripts.includes(path)) scripts.push(path)
    }
  }
  t.ok(scripts.length >= 2, `the bundle script and its helpers: ${scripts.join(', ')}`)
  for (const path of [...needed, ...scripts]) t.ok(inContext(path), `${path} is copied into the build stage`)
})

t.test('Dockerfile: the runtime stage runs what `npm start` runs, as non-root, from the build output only', async (t) => {
  const cmd = runtime.instructions.filter((i) => i.op === 'CMD').at(-1)
  t.same(JSON.parse(cmd?.args ?? 'null'), pkg.scripts.start.split(' '), 'CMD is npm start\'s command')
  const user = runtime.instructions.filter((i) => i.op === 'USER').at(-1)?.args
  t.ok(user !== undefined && !/^(root|0)(:|$)/.test(user), `runs as ${user}, not root`)
  const copies = runtime.instructions.filter((i) => i.op === 'COPY')
  t.ok(copies.length > 0)
  for (const c of copies) t.match(c.args, new RegExp(`--from=${builder.name}\\b`), `${c.args}: from the build stage, no sources or dev dependencies`)
  // Node's major in the image is one CI runs the suite on.
  const major = /^node:(\d+)/.exec(runtime.image)?.[1]
  t.ok(major !== undefined && new RegExp(`for version in [\\d ]*\\b${major}\\b`).test(read('.ci/run')), `node:${major} is tested by .ci/run`)
  // ENV: config keys whose values pass the app's validation, and the port it listens on is the one exposed.
  const env = Object.fromEntries(runtime.instructions.filter((i) => i.op === 'ENV').flatMap((i) => [...i.args.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1], m[2]])))
  const { NODE_ENV: _mode, ...settings } = env
  for (const key of Object.keys(settings)) t.ok(configKeys.has(key), `ENV ${key} is a config key`)
  const config = loadConfig(settings)
  t.same(runtime.instructions.filter((i) => i.op === 'EXPOSE').map((i) => Number(i.args)), [config.PORT], 'EXPOSE is the PORT it listens on')
  t.equal(config.HOST, '0.0.0.0', 'reachable from outside the container')
})

t.test('Dockerfile: the HEALTHCHECK command exits 0 against a live app and 1 without one', async (t) => {
  const health = runtime.instructions.find((i) => i.op === 'HEALTHCHECK')
  const argv = JSON.parse(/\bCMD\s+(\[.*\])\s*$/.exec(health?.args ?? '')?.[1] ?? 'null') as string[]
  t.equal(argv[0], 'node', 'the image has node, not curl')
  // Asynchronous: the app answering the check runs in this process.
  const check = async (port: number) => {
    const child = spawn(process.execPath, argv.slice(1), { env: { PORT: String(port) }, stdio: 'ignore' })
    const [code] = await once(child, 'exit')
    return code as number | null
  }
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const port = (app.server.address() as AddressInfo).port
  t.equal(await check(port), 0, 'healthy app')
  await app.close()
  t.equal(await check(port), 1, 'nothing listening')
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
