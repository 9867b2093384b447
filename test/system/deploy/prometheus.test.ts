import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { parse } from 'yaml'
import { build, geminiEnv, SEEDS } from '../../helpers/build.js'
import { startFakeGemini } from '../../helpers/fake-gemini.js'
import { requireTool } from '../../helpers/system-tools.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const read = (path: string) => readFileSync(join(root, path), 'utf8')
const JOB = 'health-tracker-api'

interface Rule { record?: string, alert?: string, expr: string, labels?: Record<string, string>, annotations?: Record<string, string> }
interface Panel { type: string, title: string, datasource?: { uid?: string }, targets?: Array<{ expr?: string, datasource?: { uid?: string } }>, panels?: Panel[] }

const rules: Rule[] = parse(read('deploy/prometheus/rules.yml')).groups.flatMap((g: { rules: Rule[] }) => g.rules)
const dashboard = JSON.parse(read('deploy/grafana/dashboards/health-tracker-api.json'))
// Row panels only group the others: they carry no query.
const panels: Panel[] = (dashboard.panels as Panel[]).flatMap((p) => [p, ...(p.panels ?? [])]).filter((p) => p.type !== 'row')
const dashboardExprs = panels.flatMap((p) => (p.targets ?? []).map((tg) => tg.expr ?? ''))
// Variable queries are Grafana's `label_values(<selector>, <label>)`, not PromQL: keep the selector.
const templateSelectors: string[] = dashboard.templating.list.map((v: { query: { query: string } }) => /^label_values\((.+), *\w+\)$/.exec(v.query.query)?.[1] ?? v.query.query)

/** Grafana's interval variables become 1m, every other variable a match-all regex. */
const concrete = (expr: string) => expr.replace(/\$__\w+/g, '1m').replace(/\$\{?\w+\}?/g, '.*')

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan'])
/** Metric names a PromQL expression selects: strings, matchers, ranges and grouping lists removed, functions skipped. */
function metricNames (expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
  return [...bare.matchAll(/(?<![\w:.])[a-zA-Z_:][\w:]*\b(?!\s*\()/g)].map((m) => m[0]).filter((n) => !KEYWORDS.has(n.toLowerCase()))
}

interface Run { code: number, stdout: string, stderr: string }
/** Runs a binary from the repo root and resolves with its exit code, never rejecting on a non-zero exit. */
function run (file: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = execFile(file, args, { cwd: root, timeout: 20_000 }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') reject(err)
      else resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr })
    })
    child.stdin?.end(input ?? '')
  })
}

async function freePort (): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** Polls `probe` until it returns a value, for at most `ms`. */
async function until<T> (what: string, probe: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms
  let last: unknown
  while (Date.now() < end) {
    try {
      const value = await probe()
      if (value !== undefined) return value
    } catch (err) { last = err }
    await sleep(200)
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`)
}

t.test('promtool accepts the config and the rules, and the rule unit tests pass', async (t) => {
  const promtool = requireTool(t, 'promtool', 'prometheus')
  if (promtool === undefined) return
  for (const args of [
    ['check', 'config', 'deploy/prometheus/prometheus.yml'],
    ['check', 'rules', 'deploy/prometheus/rules.yml'],
    ['test', 'rules', 'deploy/prometheus/rules.test.yml']
  ]) {
    const { code, stdout, stderr } = await run(promtool, args)
    t.equal(code, 0, `promtool ${args.join(' ')}`, { stdout, stderr })
    t.match(stdout, /SUCCESS/)
  }
})

t.test('prometheus.yml scrapes the compose service; every alert is labelled and has a runbook section', async (t) => {
  const config = parse(read('deploy/prometheus/prometheus.yml'))
  t.same(config.rule_files, ['rules.yml'])
  const job = config.scrape_configs.find((s: { job_name: string }) => s.job_name === JOB)
  t.match(job, { metrics_path: '/metrics', scrape_interval: '15s', static_configs: [{ targets: ['api:8000'] }] })

  const slugs = new Set([...read('docs/operations.md').matchAll(/^#{1,6} (.+)$/gm)]
    .map((m) => m[1].trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-')))
  const alerts = rules.filter((r) => r.alert !== undefined)
  t.equal(alerts.length, 5)
  for (const a of alerts) {
    t.match(a.labels?.severity, /^(critical|warning)$/, `${a.alert} severity`)
    t.ok(a.annotations?.summary, `${a.alert} summary`)
    t.ok(a.annotations?.description, `${a.alert} description`)
    const anchor = /^docs\/operations\.md#(.+)$/.exec(a.annotations?.runbook_url ?? '')?.[1]
    t.ok(anchor !== undefined && slugs.has(anchor), `${a.alert} runbook_url points at a heading of docs/operations.md`)
  }
})

t.test('dashboard and Grafana provisioning: datasource uid prometheus, a query on every panel', async (t) => {
  t.equal(dashboard.uid, JOB)
  t.ok(panels.length >= 15, `${panels.length} panels`)
  for (const p of panels) {
    t.equal(p.datasource?.uid, 'prometheus', `${p.title}: datasource`)
    t.ok((p.targets ?? []).length > 0, `${p.title}: has a target`)
    for (const tg of p.targets ?? []) {
      t.ok((tg.expr ?? '').trim() !== '', `${p.title}: target has an expr`)
      t.equal(tg.datasource?.uid, 'prometheus', `${p.title}: target datasource`)
    }
  }
  const ds = parse(read('deploy/grafana/provisioning/datasources/prometheus.yml')).datasources
  t.match(ds, [{ uid: 'prometheus', type: 'prometheus', url: 'http://prometheus:9090' }])
  const providers = parse(read('deploy/grafana/provisioning/dashboards/dashboards.yml')).providers
  t.match(providers, [{ type: 'file', options: { path: '/var/lib/grafana/dashboards' } }])
})

t.test('the live app under a real Prometheus', async (t) => {
  const promtool = requireTool(t, 'promtool', 'prometheus')
  const prometheus = requireTool(t, 'prometheus', 'prometheus')
  if (promtool === undefined || prometheus === undefined) return

  const fake = await startFakeGemini({ kind: 'ok' })
  t.teardown(() => fake.close())
  // A JWKS URL turns tracking on (so the database metrics are exported) while the advice routes stay open.
  const app = await build(t, geminiEnv(fake.url, { AI_MAX_RETRIES: '0', JWT_JWKS_URL: 'http://127.0.0.1:9/jwks', JWT_ISSUER: 'https://issuer.test/', JWT_AUDIENCE: 'health-api' }))
  await app.listen({ port: 0, host: '127.0.0.1' })
  const target = `127.0.0.1:${(app.server.address() as AddressInfo).port}`
  // Every metric family gets series: Gemini answers, a cache hit, a fallback, a 400 and a 404.
  // Each round's failing entry is new (20 + round minutes), so the advice cache never answers it.
  let round = 0
  const traffic = async (a: FastifyInstance) => {
    round++
    fake.setMode({ kind: 'ok' })
    for (const [url, payload] of [['/water', SEEDS.water], ['/water', SEEDS.water], ['/gym', SEEDS.gym], ['/food', SEEDS.food]] as const) {
      await a.inject({ method: 'POST', url, payload })
    }
    fake.setMode({ kind: 'status', status: 503 })
    await a.inject({ method: 'POST', url: '/gym', payload: { ...SEEDS.gym, duration_minutes: 20 + round } })
    fake.setMode({ kind: 'ok' })
    await a.inject({ method: 'POST', url: '/water', payload: {} })
    await a.inject({ url: '/no/such/route' })
  }
  await traffic(app)
  const scrape = await (await fetch(`http://${target}/metrics`)).text()

  t.test('promtool check metrics finds no errors in a live scrape', async (t) => {
    const { code, stderr } = await run(promtool, ['check', 'metrics'], scrape)
    // Exit 1 is a parse error; 3 means lint problems only. prom-client's own
    // default gauges (nodejs_active_handles_total, …) break the `_total` naming
    // lint and we cannot rename them, so lint findings are tolerated only for
    // prom-client's nodejs_/process_ families, never for the app's metrics.
    t.ok(code === 0 || code === 3, `exit code ${code}`, { stderr })
    const findings = stderr.split('\n').filter((l) => l.trim() !== '')
    t.comment(`promtool check metrics: exit ${code}, ${findings.length} lint finding(s) on prom-client defaults`)
    for (const line of findings) t.match(line, /^(nodejs|process)_\w+ /, `only prom-client defaults are flagged: ${line}`)
  })

  t.test('every metric the dashboard and rules use exists in the scrape', async (t) => {
    const exported = new Set<string>(['up'])
    for (const [, name, type] of scrape.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
      exported.add(name)
      if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) exported.add(name + s)
    }
    const recorded = new Set(rules.flatMap((r) => r.record ?? []))
    const used = new Set([...dashboardExprs, ...rules.map((r) => r.expr), ...templateSelectors].flatMap((e) => metricNames(concrete(e))))
    t.ok(used.has('http_requests_total') && used.has('ai_circuit_breaker_state'), 'the name extraction finds metrics')
    for (const name of used) t.ok(exported.has(name) || recorded.has(name), `${name} is exported (or recorded by rules.yml)`)
    t.comment(`${used.size} metric names checked against /metrics`)
  })

  t.test('Prometheus scrapes the app and evaluates every rule and panel query', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'hta-prometheus-'))
    const port = await freePort()
    const base = `http://127.0.0.1:${port}`
    // JSON is YAML, so the config needs no serializer.
    await writeFile(join(dir, 'prometheus.yml'), JSON.stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(root, 'deploy/prometheus/rules.yml')],
      scrape_configs: [{ job_name: JOB, metrics_path: '/metrics', scrape_interval: '1s', scrape_timeout: '1s', static_configs: [{ targets: [target] }] }]
    }))
    const child = spawn(prometheus, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn'
    ], { stdio: ['ignore', 'pipe', 'pipe'] })
    let logs = ''
    child.stdout.on('data', (c: Buffer) => { logs += c.toString() })
    child.stderr.on('data', (c: Buffer) => { logs += c.toString() })
    const exited = once(child, 'exit')
    t.teardown(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM')
        await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))])
      }
      await rm(dir, { recursive: true, force: true })
    })
    const api = async (path: string) => await (await fetch(base + path)).json() as { status: string, data: any, error?: string }
    const query = async (expr: string) => await api(`/api/v1/query?${new URLSearchParams({ query: expr })}`)

    await until('prometheus /-/ready', async () => {
      if (child.exitCode !== null) throw new Error(`prometheus exited ${child.exitCode}:\n${logs}`)
      return (await fetch(`${base}/-/ready`)).ok ? true : undefined
    }, 15_000)
    await traffic(app)
    await until('the target to be up', async () => {
      const { data } = await api('/api/v1/targets')
      return data.activeTargets.some((x: { health: string }) => x.health === 'up') ? true : undefined
    })
    await until('http_requests_total for /water', async () => {
      return (await query('sum(http_requests_total{route="/water"}) > 0')).data.result.length > 0 ? true : undefined
    })
    // A recording rule over the real series proves the job label and the rule file line up.
    await until('job_route:http_requests:rate5m for /water', async () => {
      return (await query('job_route:http_requests:rate5m{route="/water"}')).data.result.length > 0 ? true : undefined
    })
    const groups = await until('every rule to be evaluated', async () => {
      const { data } = await api('/api/v1/rules')
      const all = data.groups.flatMap((g: { rules: unknown[] }) => g.rules)
      return all.length === rules.length && all.every((r: { health: string }) => r.health !== 'unknown') ? all : undefined
    })
    for (const r of groups) t.equal(r.health, 'ok', `rule ${r.name} evaluates`, { lastError: r.lastError })

    const exprs = [...dashboardExprs, ...rules.map((r) => r.expr)].map(concrete)
    let withData = 0
    for (const expr of exprs) {
      const res = await query(expr)
      t.equal(res.status, 'success', expr, { error: res.error })
      if (res.data?.result.length > 0) withData++
    }
    t.comment(`${exprs.length} PromQL expressions evaluated by Prometheus (${dashboardExprs.length} dashboard, ${rules.length} rules); ${withData} returned data`)
  })
})
