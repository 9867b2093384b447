// Tracked `POST /water` on SQLite (a temp file) and on a throwaway Postgres,
// each against the stateless /water baseline on the same server in the same
// run: server CPU per request, p99 at a fixed request rate, RSS over the run.
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Result } from 'autocannon'
import type { Test } from 'tap'
import { postgresMissing, startPostgres } from '../test/helpers/postgres-server.js'
import { pacedPost } from './load.js'
import { cpuMs, rssMb, server, stop } from './proc.js'

const SECONDS = Number(process.env.BENCH_TRACKING_SECONDS ?? 60)
const WARM_UP_S = 3
const RATE = 200
const CONNECTIONS = 20
// Many users, each logging a handful of entries a day, as real traffic does:
// one user with 12 000 entries a day would measure the day-sum query instead.
const USERS = 1000
const WATER = JSON.stringify({ amount_liters: 0.25 })
const CPU_TARGET = 2
const P99_TARGET_MS = 25

/** CPU time (ms) of a Postgres cluster: the postmaster, its reaped children, and its live backends. */
function clusterCpuMs (postmaster: number): number {
  const stat = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  const own = stat(postmaster)
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14])
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const fields = stat(Number(name))
      if (Number(fields[1]) === postmaster) ticks += Number(fields[11]) + Number(fields[12])
    } catch {
      // The process exited while we looked: its time is now in the postmaster's reaped total.
    }
  }
  return ticks * 1000 / 100 // USER_HZ = 100
}

/** POST /water at a fixed rate; `user(i)` names the X-User-Id of request i, or undefined for a stateless one. */
async function paced (url: string, seconds: number, user: (i: number) => string | undefined, prefix: string): Promise<Result> {
  return await pacedPost({
    url: `${url}/water`,
    rate: RATE,
    connections: CONNECTIONS,
    seconds,
    request: (i) => {
      const who = user(i)
      return who === undefined ? { body: WATER } : { body: WATER, headers: { 'x-user-id': who, 'idempotency-key': `${prefix}-${i}` } }
    }
  })
}

interface EngineResult { engine: string, stateless: Result, tracked: Result, cpuStateless: number, cpuTracked: number, dbCpu: number | undefined, rss0: number, rss1: number }

/** One engine: warm up, then the stateless baseline and the tracked run, each SECONDS long at RATE. */
async function measure (engine: string, databaseUrl: string, postmaster?: number): Promise<EngineResult> {
  const p = await server({ DATABASE_URL: databaseUrl })
  const pid = p.child.pid as number
  try {
    await paced(p.url, WARM_UP_S, () => undefined, 'warm')
    await paced(p.url, WARM_UP_S, (i) => `warm${i % USERS}`, `${engine}-warm`)
    let cpu0 = cpuMs(pid)
    const stateless = await paced(p.url, SECONDS, () => undefined, 'stateless')
    const cpuStateless = (cpuMs(pid) - cpu0) / stateless.requests.total
    const rss0 = rssMb(pid)
    cpu0 = cpuMs(pid)
    const db0 = postmaster === undefined ? 0 : clusterCpuMs(postmaster)
    const tracked = await paced(p.url, SECONDS, (i) => `u${i % USERS}`, engine)
    const cpuTracked = (cpuMs(pid) - cpu0) / tracked.requests.total
    const dbCpu = postmaster === undefined ? undefined : (clusterCpuMs(postmaster) - db0) / tracked.requests.total
    return { engine, stateless, tracked, cpuStateless, cpuTracked, dbCpu, rss0, rss1: rssMb(pid) }
  } finally {
    await stop(p)
  }
}

/** A throwaway cluster through the test helper, which only needs a teardown hook from tap. */
async function withPostgres<R> (fn: (url: string, postmaster: number) => Promise<R>): Promise<R> {
  const teardowns: Array<() => unknown> = []
  const owner = { teardown: (f: () => unknown) => { teardowns.push(f) } } as unknown as Test
  try {
    const pg = await startPostgres(owner)
    const postmaster = Number(readFileSync(join(pg.dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    return await fn(pg.url, postmaster)
  } finally {
    for (const f of teardowns.reverse()) await f()
  }
}

const failures = (r: Result) => r.errors + r.timeouts + r.non2xx
/** What the failures of a run were, for the notes (e.g. 503s from load shedding). */
const failureKinds = (r: Result) => failures(r) === 0 ? '' : ` (${[[r['4xx'], '4xx'], [r['5xx'], '5xx'], [r.timeouts, 'timeouts'], [r.errors, 'socket errors']].filter(([n]) => Number(n) > 0).map(([n, what]) => `${n} ${what}`).join(', ')})`
const pct = (r: Result) => r.latency.p99

/** Runs the tracking bench and returns its markdown lines. */
export async function trackingBench (): Promise<string[]> {
  const results: EngineResult[] = []
  const dir = await mkdtemp(join(tmpdir(), 'health-tracker-bench-'))
  try {
    results.push(await measure('sqlite', `sqlite:${join(dir, 'bench.db')}`))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  const skip = postgresMissing()
  if (skip === false) results.push(await withPostgres(async (url, postmaster) => await measure('postgres', url, postmaster)))

  const lines = [
    '',
    `Tracking: ${SECONDS} s per run at a fixed ${RATE} req/s (${CONNECTIONS} connections), after ${WARM_UP_S} s warm-ups; tracked requests name one of ${USERS} users and carry a fresh Idempotency-Key; the stateless baseline is the same server, same body, no X-User-Id.`,
    '',
    '| run | req/s | p50 ms | p99 ms | errors + non-2xx | server CPU ms/request |',
    '|---|---|---|---|---|---|'
  ]
  for (const r of results) {
    lines.push(`| ${r.engine}: stateless POST /water (baseline) | ${r.stateless.requests.average.toFixed(0)} | ${r.stateless.latency.p50} | ${pct(r.stateless)} | ${failures(r.stateless)} | ${r.cpuStateless.toFixed(3)} |`)
    lines.push(`| ${r.engine}: tracked POST /water | ${r.tracked.requests.average.toFixed(0)} | ${r.tracked.latency.p50} | ${pct(r.tracked)} | ${failures(r.tracked)} | ${r.cpuTracked.toFixed(3)} |`)
  }
  lines.push('')
  for (const r of results) {
    const ratio = r.cpuTracked / r.cpuStateless
    const db = r.dbCpu === undefined ? '' : `; Postgres itself used ${r.dbCpu.toFixed(3)} ms CPU per tracked request on top`
    lines.push(`- ${r.engine}: tracked CPU ${ratio.toFixed(2)}× the stateless baseline (target ≤ ${CPU_TARGET}×: ${ratio <= CPU_TARGET ? 'met' : 'MISSED'})${db}; p99 ${pct(r.tracked)} ms at ${RATE} req/s offered, ${r.tracked.requests.average.toFixed(0)} answered per second${failureKinds(r.tracked)} (target ≤ ${P99_TARGET_MS} ms: ${pct(r.tracked) <= P99_TARGET_MS ? 'met' : 'MISSED'}); RSS ${r.rss0.toFixed(0)} MB at the start of the tracked run, ${r.rss1.toFixed(0)} MB at its end (${(r.rss1 - r.rss0) >= 0 ? '+' : ''}${(r.rss1 - r.rss0).toFixed(1)} MB).`)
  }
  if (skip !== false) lines.push(`- postgres: skipped (${skip}).`)
  return lines
}
