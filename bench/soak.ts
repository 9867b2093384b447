// Soaks: SOAK_SECONDS of steady mixed load at a fixed rate, the server's RSS
// sampled every second, to show whether memory keeps growing.
import { load, mixed, type Req } from './load.js'
import { inspect, type Inspector } from './inspect.js'
import { fakeProvider, freePort, peakRssMb, rssMb, server, stop, type Proc } from './proc.js'
import { mb, mean, runRow, slope, type Report } from './report.js'
import { fromProvider, LATENCY_MS, providerEnv, uncachedWater } from './upstream.js'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
/** The first 10 s are warm-up: the JIT, the lookup caches and the advice cache (1,000 entries) fill there. */
const WARM_UP_S = 10
const WINDOW_S = 10
/**
 * "No growth" is judged after a full GC forced at the end of the warm-up and
 * again after the load: met when the V8 heap in use and the RSS each grew by at
 * most 2%. Without the sawtooth, what is left is in-flight requests at the
 * first collection and pages the allocator has not yet returned: well under
 * 2% (the heap moved 0.5-1.6 MB of ~65 MB over 30 s). At 500 req/s about
 * 25,000 requests fall between the two, so a leak of ~60 bytes per request
 * still shows in the heap.
 *
 * The first reading, the mean RSS of the last 10 s minus that of the
 * 10 s after the warm-up, and its least-squares slope are shown but not
 * judged: RSS follows the heap's sawtooth, whose period can exceed the soak
 * (one run climbed for 50 s before a major GC took it back), so they report
 * growth one collection undoes, and the forced GC puts the first window at the
 * bottom of a tooth.
 */
const GROWTH_BOUND = 0.02

/**
 * A soak's server, with the inspector on so that the soak can force full GCs.
 * RSS follows the heap's sawtooth, whose period can be longer than the soak
 * (a steady climb for 50 s, then a major GC, was seen), so RSS alone can
 * report growth that one collection would undo. The heap in use after a full
 * GC at the end of the warm-up and again after the load is what is retained.
 */
async function soakServer (env: Record<string, string>): Promise<{ p: Proc, inspector: Inspector }> {
  const port = await freePort()
  const p = await server(env, [`--inspect=127.0.0.1:${port}`])
  return { p, inspector: await inspect(port) }
}

/** One soak: a steady load on `p` while its RSS is sampled each second. */
async function soak (report: Report, name: string, { p, inspector }: { p: Proc, inspector: Inspector }, rate: number, connections: number, request: (i: number) => Req, accept?: (body: string) => boolean): Promise<void> {
  const samples: Array<{ t: number, mb: number }> = []
  const t0 = performance.now()
  const timer = setInterval(() => samples.push({ t: (performance.now() - t0) / 1000, mb: rssMb(p.pid) }), 1000)
  const afterGc = async () => { const heap = await inspector.heapAfterGcMb(); return { heap, rss: rssMb(p.pid) } }
  let warm: Promise<{ heap: number, rss: number }> | undefined
  const warmed = setTimeout(() => { warm = afterGc() }, WARM_UP_S * 1000)
  const run = await load({ url: p.url, rate, connections, seconds: SOAK_SECONDS, request, accept }).finally(() => { clearInterval(timer); clearTimeout(warmed) })
  const start = await warm
  const end = await afterGc()
  inspector.close()
  const peakMb = peakRssMb(p.pid)
  report.serverPeaks.push({ run: name, mb: peakMb })
  runRow(report, `${name}, ${rate} req/s offered`, { ...run, peakMb })
  if (start !== undefined) {
    for (const [what, key] of [['V8 heap in use', 'heap'], ['RSS', 'rss']] as const) {
      const grew = end[key] - start[key]
      report.figures.push({ name: `${name}: ${what} after a full GC, end of the ${SOAK_SECONDS} s soak − end of warm-up`, measured: mb(grew), baseline: `${mb(start[key])} (after warm-up)`, ratio: `${(grew / start[key] * 100).toFixed(1)}%`, target: `≤ ${GROWTH_BOUND * 100}%`, met: grew <= GROWTH_BOUND * start[key] })
    }
  }
  const after = samples.filter((s) => s.t > WARM_UP_S)
  const first = after.filter((s) => s.t <= WARM_UP_S + WINDOW_S).map((s) => s.mb)
  const last = after.filter((s) => s.t > SOAK_SECONDS - WINDOW_S).map((s) => s.mb)
  if (SOAK_SECONDS < WARM_UP_S + 2 * WINDOW_S || first.length === 0 || last.length === 0) {
    report.notes.push(`${name}: SOAK_SECONDS=${SOAK_SECONDS} is too short for the RSS windows (they need ≥ ${WARM_UP_S + 2 * WINDOW_S} s).`)
    return
  }
  const base = mean(first)
  const growth = mean(last) - base
  const perMin = slope(after.map((s) => s.t), after.map((s) => s.mb)) * 60
  report.figures.push({ name: `${name}: mean RSS of the last ${WINDOW_S} s − of the ${WINDOW_S} s after warm-up`, measured: mb(growth), baseline: `${mb(base)} (after warm-up)`, ratio: `${(growth / base * 100).toFixed(1)}%`, target: '—', met: undefined })
  report.figures.push({ name: `${name}: least-squares RSS slope after warm-up`, measured: `${perMin.toFixed(2)} MB/min`, baseline: '—', ratio: '—', target: '—', met: undefined })
  report.notes.push(`${name}: RSS ${samples.map((s) => s.mb.toFixed(0)).join(' ')} MB (one sample a second); ${run.result.requests.total} requests.`)
}

/** The local path: /water, /gym and /food in turn with varied bodies, at 500 req/s (steady, and well under what this machine serves). */
export async function soakLocalSection (report: Report): Promise<void> {
  const s = await soakServer({})
  try {
    await soak(report, 'local soak (/water, /gym, /food mixed)', s, 500, 10, mixed)
  } finally {
    await stop(s.p)
  }
}

/** The Gemini path: /water with a body that never repeats, at 200 req/s over 50 connections to the fake at 100 ms. */
export async function soakGeminiSection (report: Report): Promise<void> {
  const fake = await fakeProvider('gemini', LATENCY_MS)
  try {
    const s = await soakServer(providerEnv('gemini', fake.url))
    try {
      await soak(report, 'Gemini-path soak (/water, fake at 100 ms)', s, 200, 50, uncachedWater, fromProvider('gemini'))
    } finally {
      await stop(s.p)
    }
  } finally {
    await stop(fake)
  }
}
