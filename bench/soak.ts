// Soaks: SOAK_SECONDS of steady mixed load at a fixed rate, the server's RSS
// sampled every second, to show whether memory keeps growing.
import { load, mixed, type Req } from './load.js'
import { fakeProvider, peakRssMb, rssMb, server, stop, type Proc } from './proc.js'
import { mb, mean, runRow, slope, type Report } from './report.js'
import { fromProvider, LATENCY_MS, providerEnv, uncachedWater } from './upstream.js'

const SOAK_SECONDS = Number(process.env.SOAK_SECONDS ?? 60)
/**
 * The first 10 s are warm-up and not compared: the JIT, the lookup caches and
 * the advice cache (1,000 entries) fill there. Growth is the mean RSS of the
 * last 10 s minus the mean of the 10 s after the warm-up; means over 10
 * samples, because one sample moves with each young-generation GC.
 */
const WARM_UP_S = 10
const WINDOW_S = 10
/**
 * "No growth" is met when growth is at most 2% of the RSS after the warm-up
 * (2-3 MB at this server's 100-150 MB). That is about the swing of RSS between
 * garbage collections (the young generation alone can hold tens of MB, and
 * freed pages go back to the OS lazily), so a tighter bound would judge noise.
 * At 500 req/s about 20,000 requests fall between the two windows' centres, so
 * a leak of ~150 bytes per request or more still shows. The least-squares
 * slope is reported beside it but not judged: over one minute the GC sawtooth
 * moves it by more than 1 MB/min either way.
 */
const GROWTH_BOUND = 0.02

/** One soak: a steady load on `p` while its RSS is sampled each second. */
async function soak (report: Report, name: string, p: Proc, rate: number, connections: number, request: (i: number) => Req, accept?: (body: string) => boolean): Promise<void> {
  const samples: Array<{ t: number, mb: number }> = []
  const t0 = performance.now()
  const timer = setInterval(() => samples.push({ t: (performance.now() - t0) / 1000, mb: rssMb(p.pid) }), 1000)
  const run = await load({ url: p.url, rate, connections, seconds: SOAK_SECONDS, request, accept }).finally(() => clearInterval(timer))
  const peakMb = peakRssMb(p.pid)
  report.serverPeaks.push({ run: name, mb: peakMb })
  runRow(report, `${name}, ${rate} req/s offered`, { ...run, peakMb })
  const after = samples.filter((s) => s.t > WARM_UP_S)
  const first = after.filter((s) => s.t <= WARM_UP_S + WINDOW_S).map((s) => s.mb)
  const last = after.filter((s) => s.t > SOAK_SECONDS - WINDOW_S).map((s) => s.mb)
  if (SOAK_SECONDS < WARM_UP_S + 2 * WINDOW_S || first.length === 0 || last.length === 0) {
    report.notes.push(`${name}: SOAK_SECONDS=${SOAK_SECONDS} is too short to judge growth (needs ≥ ${WARM_UP_S + 2 * WINDOW_S} s).`)
    return
  }
  const base = mean(first)
  const growth = mean(last) - base
  const perMin = slope(after.map((s) => s.t), after.map((s) => s.mb)) * 60
  report.figures.push({ name: `${name}: RSS growth over a ${SOAK_SECONDS} s soak (last ${WINDOW_S} s − first ${WINDOW_S} s after ${WARM_UP_S} s warm-up)`, measured: mb(growth), baseline: `${mb(base)} (RSS after warm-up)`, ratio: `${(growth / base * 100).toFixed(1)}%`, target: `≤ ${GROWTH_BOUND * 100}% of RSS`, met: growth <= GROWTH_BOUND * base })
  report.figures.push({ name: `${name}: least-squares RSS slope after warm-up`, measured: `${perMin.toFixed(2)} MB/min`, baseline: '—', ratio: '—', target: '—', met: undefined })
  report.notes.push(`${name}: RSS ${samples.map((s) => s.mb.toFixed(0)).join(' ')} MB (one sample a second); ${run.result.requests.total} requests.`)
}

/** The local path: /water, /gym and /food in turn with varied bodies, at 500 req/s (steady, and well under what this machine serves). */
export async function soakLocalSection (report: Report): Promise<void> {
  const p = await server({})
  try {
    await soak(report, 'local soak (/water, /gym, /food mixed)', p, 500, 10, mixed)
  } finally {
    await stop(p)
  }
}

/** The Gemini path: /water with a body that never repeats, at 200 req/s over 50 connections to the fake at 100 ms. */
export async function soakGeminiSection (report: Report): Promise<void> {
  const fake = await fakeProvider('gemini', LATENCY_MS)
  try {
    const p = await server(providerEnv('gemini', fake.url))
    try {
      await soak(report, 'Gemini-path soak (/water, fake at 100 ms)', p, 200, 50, uncachedWater, fromProvider('gemini'))
    } finally {
      await stop(p)
    }
  } finally {
    await stop(fake)
  }
}
