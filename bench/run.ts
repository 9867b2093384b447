// `npm run bench`: autocannon against the real compiled server, with the fake
// Gemini in its own process. Prints a markdown report; never part of `npm test`.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import autocannon, { type Result } from 'autocannon'
import { trackingBench } from './tracking.js'

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10)
const LATENCY_MS = 100
const CONNECTIONS = 50
// Configured as production should be: with a key. An open server warns about
// it at every start, and authenticated requests are what production serves.
const API_KEY = 'bench-api-key-0123456789'
const root = new URL('../', import.meta.url)

interface Proc { child: ChildProcess, url: string }

async function start (args: string[], env: Record<string, string>, ready: RegExp): Promise<Proc> {
  const child = spawn(process.execPath, args, { cwd: root, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString()
      const m = ready.exec(out)
      if (m !== null) resolve(m[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', () => reject(new Error(`process exited:\n${out}`)))
  })
  return { child, url }
}

const stop = async (p: Proc) => { p.child.kill('SIGTERM'); await new Promise((resolve) => p.child.once('exit', resolve)) }

/** Peak resident set size of a process (VmHWM), in MB. */
function peakRssMb (pid: number): number {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) / 1024
}

/** CPU time (user + system) of a process so far, in ms. */
function cpuMs (pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 1000 / 100 // clock ticks at USER_HZ = 100
}

async function load (url: string, path: string, body: (id: number) => string, connections = CONNECTIONS): Promise<Result> {
  let id = 0
  return await autocannon({
    url: url + path,
    connections,
    duration: DURATION_S,
    requests: [{ method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` }, setupRequest: (req) => ({ ...req, body: body(id++) }) }]
  })
}

/** A port that was free a moment ago (the server logs at warn, so it cannot report its own). */
async function freePort (): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as AddressInfo
  await new Promise((resolve) => srv.close(resolve))
  return port
}

/** Starts the compiled server and resolves once /ready answers 200. */
async function server (env: Record<string, string>): Promise<Proc> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/src/server.js'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0', API_KEYS: API_KEY, ...env },
    stdio: ['ignore', 'inherit', 'inherit']
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    const res = await fetch(`${url}/ready`).catch(() => undefined)
    if (res?.status === 200) return { child, url }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
const failures = (r: Result) => r.errors + r.timeouts + r.non2xx
const row = (name: string, r: Result) => `| ${name} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p99} | ${failures(r)} |`

async function coldStart (): Promise<number> {
  const started = performance.now()
  const p = await server({})
  const ms = performance.now() - started
  await stop(p)
  return ms
}

const report: string[] = []
const log = (line: string) => { report.push(line); console.log(line) }

// A: upstream-bound, once per provider, each against its fake in its own process.
// Every body differs (note: a counter), so the cache cannot help.
interface UpstreamRun { result: Result, direct: Result, cpuMs: number, rssMb: number }
const FAKE_ROUTES = {
  gemini: { path: '/v1beta/models/gemini-2.5-flash:generateContent', body: (i: number) => JSON.stringify({ contents: [{ role: 'user', parts: [{ text: `bench ${i}` }] }] }) },
  openai: { path: '/v1/chat/completions', body: (i: number) => JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: `bench ${i}` }] }) }
} as const
async function upstreamRun (provider: keyof typeof FAKE_ROUTES): Promise<UpstreamRun> {
  const fake = await start(['--import', 'tsx', 'bench/fake-server.ts', '--latency', String(LATENCY_MS), '--provider', provider], {}, /(http:\/\/127\.0\.0\.1:\d+)/)
  const direct = await load(fake.url, FAKE_ROUTES[provider].path, FAKE_ROUTES[provider].body)
  const env: Record<string, string> = provider === 'gemini'
    ? { GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: fake.url }
    : { AI_PROVIDER: 'openai', OPENAI_BASE_URL: `${fake.url}/v1`, OPENAI_MODEL: 'bench-model' }
  const p = await server({ ...env, AI_MAX_CONCURRENCY: '100' })
  const cpu0 = cpuMs(p.child.pid as number)
  const result = await load(p.url, '/water', (i) => JSON.stringify({ amount_liters: 1.2, note: `request ${i}` }))
  const run = { result, direct, cpuMs: (cpuMs(p.child.pid as number) - cpu0) / result.requests.total, rssMb: peakRssMb(p.child.pid as number) }
  await stop(p)
  await stop(fake)
  return run
}
const runA = await upstreamRun('gemini')
const runA2 = await upstreamRun('openai')
const resultA = runA.result
const direct = runA.direct
const ceiling = CONNECTIONS / (LATENCY_MS / 1000)

// B: local path (no key) against bare node:http parsing and checking the same JSON.
const b = await server({})
const cpuB0 = cpuMs(b.child.pid as number)
const resultB = await load(b.url, '/water', (i) => JSON.stringify({ amount_liters: 0.5 + (i % 90) / 10 }))
const cpuB = (cpuMs(b.child.pid as number) - cpuB0) / resultB.requests.total
const rssB = peakRssMb(b.child.pid as number)
await stop(b)
const bare = await start(['--import', 'tsx', 'bench/bare-server.ts'], {}, /(http:\/\/127\.0\.0\.1:\d+)/)
const cpuBare0 = cpuMs(bare.child.pid as number)
const resultBare = await load(bare.url, '/', (i) => JSON.stringify({ amount_liters: 0.5 + (i % 90) / 10 }))
const cpuBare = (cpuMs(bare.child.pid as number) - cpuBare0) / resultBare.requests.total
await stop(bare)

// C: POST /food, local advisor, cycling through the development set's meal texts (eval/meals-*.json),
// and a 500-character meal of unknown words; CPU per request against run B's /water on the same server build.
const meals = readdirSync(new URL('eval/', root)).filter((f) => /^meals-.*\.json$/.test(f))
  .flatMap((f) => (JSON.parse(readFileSync(new URL(`eval/${f}`, root), 'utf8')) as { cases: Array<{ text: string }> }).cases.map((c) => c.text))
const unknown = Array.from({ length: 60 }, (_, i) => `zq${(i * 7919).toString(36)}x`).join(' ').slice(0, 500)
const c = await server({ CACHE_MAX_ENTRIES: '0' })
const cpuC0 = cpuMs(c.child.pid as number)
const resultC = await load(c.url, '/food', (i) => JSON.stringify({ food: meals[i % meals.length] }))
const cpuC = (cpuMs(c.child.pid as number) - cpuC0) / resultC.requests.total
const cpuU0 = cpuMs(c.child.pid as number)
const resultU = await load(c.url, '/food', () => JSON.stringify({ food: unknown }))
const cpuU = (cpuMs(c.child.pid as number) - cpuU0) / resultU.requests.total
const rssC = peakRssMb(c.child.pid as number)
await stop(c)
// The parser alone, in this process: median and p99 over the development set (each text parsed 20 times).
const { parseMeal } = await import('../src/advice/facts/meal/parse.js')
// First pass: every phrase new to the lookup cache; later passes: the warm path repeated logs take.
const timed = (texts: string[]): number[] => texts.map((text) => {
  const t0 = performance.now()
  parseMeal(text)
  return (performance.now() - t0) * 1000
}).sort((x, y) => x - y)
const cold = timed(meals)
const warm = timed(Array.from({ length: 10 }, () => meals).flat())
const median = (xs: number[]): number => xs[Math.floor(xs.length / 2)]
const p99 = (xs: number[]): number => xs[Math.floor(xs.length * 0.99)]

const coldStartMs = await coldStart()

log(`Node ${process.version}, ${DURATION_S} s per run, ${CONNECTIONS} connections, fake provider latency ${LATENCY_MS} ms.\n`)
log('| run | req/s | p50 ms | p99 ms | errors + non-2xx |')
log('|---|---|---|---|---|')
log(row('A: POST /water via Gemini (fake)', resultA))
log(row('A baseline: same load straight to the fake', direct))
log(row('A2: POST /water via OpenAI-compatible (fake)', runA2.result))
log(row('A2 baseline: same load straight to the fake', runA2.direct))
log(row('B: POST /water, local advisor', resultB))
log(row('B baseline: bare node:http', resultBare))
log('')
for (const [name, run] of [['A (Gemini)', runA], ['A2 (OpenAI-compatible)', runA2]] as const) {
  log(`- ${name}: ${(run.result.requests.average / ceiling).toFixed(3)} of the Little's-law ceiling (${CONNECTIONS} / ${LATENCY_MS / 1000} s = ${ceiling} req/s); p99 ${run.result.latency.p99 - run.direct.latency.p99} ms above the fake alone; server CPU ${run.cpuMs.toFixed(3)} ms per call; peak RSS ${run.rssMb.toFixed(0)} MB.`)
}
log(`- B: ${(resultB.requests.average / resultBare.requests.average).toFixed(3)} of bare node:http; CPU ${cpuB.toFixed(3)} ms/request vs ${cpuBare.toFixed(3)} ms bare (${(cpuB / cpuBare).toFixed(2)}×); peak RSS ${rssB.toFixed(0)} MB.`)
log(row('C: POST /food, development-set meals, local', resultC))
log(row('C: POST /food, 500-character unknown words', resultU))
log(`- C: CPU ${(cpuC * 1000).toFixed(0)} µs/request over ${meals.length} development-set meals (${(cpuC / cpuB).toFixed(2)}× run B's /water, ${(cpuC / cpuBare).toFixed(2)}× bare); ${(cpuU * 1000).toFixed(0)} µs for 500 characters of unknown words; peak RSS ${rssC.toFixed(0)} MB (${(rssC - rssB).toFixed(0)} MB against run B).`)
log(`- Meal parser alone, per development-set text: first pass median ${median(cold).toFixed(0)} µs (p99 ${p99(cold).toFixed(0)} µs); repeated texts median ${median(warm).toFixed(0)} µs (p99 ${p99(warm).toFixed(0)} µs).`)
log(`- Cold start to /ready: ${coldStartMs.toFixed(0)} ms.`)

// Tracking: tracked against stateless POST /water on SQLite and Postgres (bench/tracking.ts).
for (const line of await trackingBench({ server, stop, cpuMs })) log(line)
