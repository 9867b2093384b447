// The provider path: POST /water through the real SDK to a fake provider in its
// own process at 100 ms, against the same load sent straight to the fake.
import type { Bare } from './bare.js'
import { failures, goodRate, load, measured, WARM_UP_S, type Load, type Measured } from './load.js'
import { fakeProvider, server, stop } from './proc.js'
import { ms, percentile, runRow, times, us, type Report } from './report.js'

export const LATENCY_MS = 100
const CPU_TARGET_US = 600
const SHARE_TARGET = 0.93
/** p99 above the fake alone, by connection count. */
const P99_TARGETS_MS: Record<number, number> = { 50: 10, 10: 5 }

export type Provider = 'gemini' | 'openai'
/** Where each fake answers and a body it accepts, for the straight-to-the-fake baseline. */
const FAKE_ROUTES = {
  gemini: { path: '/v1beta/models/gemini-2.5-flash:generateContent', body: (i: number) => JSON.stringify({ contents: [{ role: 'user', parts: [{ text: `bench ${i}` }] }] }) },
  openai: { path: '/v1/chat/completions', body: (i: number) => JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: `bench ${i}` }] }) }
} as const
const NAMES = { gemini: 'Gemini', openai: 'OpenAI-compatible' } as const

/** The server's env to call the fake as the given provider. */
export const providerEnv = (provider: Provider, fakeUrl: string): Record<string, string> => ({
  AI_MAX_CONCURRENCY: '100',
  ...(provider === 'gemini'
    ? { GEMINI_API_KEY: 'bench-key', GEMINI_BASE_URL: fakeUrl }
    : { AI_PROVIDER: 'openai', OPENAI_BASE_URL: `${fakeUrl}/v1`, OPENAI_MODEL: 'bench-model' })
})

let uncached = 0
/** Every body differs, across runs too (the note carries a process-wide counter), so the advice cache cannot answer. */
export const uncachedWater = () => ({ path: '/water', body: JSON.stringify({ amount_liters: 1.2, note: `request ${uncached++}` }) })

interface Pair { connections: number, direct: Load, via: Measured }

/** A good answer on the provider path was written by the provider, not by a fallback after a timeout or an open breaker. */
export const fromProvider = (provider: Provider) => (body: string) => body.includes(`"source":"${provider}"`) && body.includes('"degraded":false')

/**
 * At each connection count: the load straight to the fake, then through a
 * fresh server (so an open breaker or a full limiter from one count cannot
 * shape the next), each after its own warm-up.
 */
async function pairs (provider: Provider, connectionCounts: number[], report: Report): Promise<Pair[]> {
  const fake = await fakeProvider(provider, LATENCY_MS)
  try {
    const out: Pair[] = []
    for (const connections of connectionCounts) {
      const request = (i: number) => ({ path: FAKE_ROUTES[provider].path, body: FAKE_ROUTES[provider].body(i) })
      await load({ url: fake.url, connections, seconds: WARM_UP_S, request })
      const direct = await load({ url: fake.url, connections, request })
      runRow(report, `straight to the fake ${NAMES[provider]} at ${connections} connections (baseline)`, direct)
      const p = await server(providerEnv(provider, fake.url))
      try {
        const via = await measured(p, { connections, request: uncachedWater, accept: fromProvider(provider) })
        runRow(report, `POST /water via ${NAMES[provider]} (fake at ${LATENCY_MS} ms), ${connections} connections`, via)
        report.serverPeaks.push({ run: `${NAMES[provider]} path, ${connections} connections`, mb: via.peakMb })
        if (failures(via) > 0) report.notes.push(`${NAMES[provider]} path at ${connections} connections: ${failures(via)} answers were not the provider's (errors, non-2xx or fallbacks); they are left out of its rate and latencies.`)
        out.push({ connections, direct, via })
      } finally {
        await stop(p)
      }
    }
    return out
  } finally {
    await stop(fake)
  }
}

/** Share of the Little's-law ceiling (connections / fake latency) and p99 above the fake alone. */
function latencyFigures (report: Report, name: string, pair: Pair, withTargets: boolean): void {
  const ceiling = pair.connections / (LATENCY_MS / 1000)
  const share = goodRate(pair.via) / ceiling
  const directShare = goodRate(pair.direct) / ceiling
  report.figures.push({
    name: `${name} at ${pair.connections} connections: share of the Little's-law ceiling (${ceiling} req/s)`,
    measured: share.toFixed(3),
    baseline: `${directShare.toFixed(3)} (the fake alone)`,
    ratio: times(share / directShare),
    target: withTargets && pair.connections === 50 ? `≥ ${SHARE_TARGET}` : '—',
    met: withTargets && pair.connections === 50 ? share >= SHARE_TARGET : undefined
  })
  const p99 = percentile(pair.via.latencies, 0.99)
  const directP99 = percentile(pair.direct.latencies, 0.99)
  const target = withTargets ? P99_TARGETS_MS[pair.connections] : undefined
  report.figures.push({
    name: `${name} at ${pair.connections} connections: p99 above the fake alone`,
    measured: ms(p99 - directP99),
    baseline: `${ms(directP99)} (the fake alone's p99)`,
    ratio: times(p99 / directP99),
    target: target === undefined ? '—' : `≤ ${target} ms`,
    met: target === undefined ? undefined : p99 - directP99 <= target
  })
}

/** The Gemini path at 50 and 10 connections, against its targets. */
export async function geminiSection (report: Report, bare: Bare): Promise<void> {
  const [at50, at10] = await pairs('gemini', [50, 10], report)
  const base = await bare.loaded('water')
  report.figures.push({ name: 'Gemini path (fake at 100 ms, 50 connections): server CPU per call', measured: us(at50.via.cpuUs), baseline: `${us(base.cpuUs)} (bare node:http per request)`, ratio: times(at50.via.cpuUs / base.cpuUs), target: `≤ ${CPU_TARGET_US} µs`, met: at50.via.cpuUs <= CPU_TARGET_US })
  latencyFigures(report, 'Gemini path', at50, true)
  latencyFigures(report, 'Gemini path', at10, true)
}

/** The OpenAI-compatible path at 50 connections, for comparison (no target of its own). */
export async function openaiSection (report: Report, bare: Bare): Promise<void> {
  const [at50] = await pairs('openai', [50], report)
  const base = await bare.loaded('water')
  report.figures.push({ name: 'OpenAI-compatible path (fake at 100 ms, 50 connections): server CPU per call', measured: us(at50.via.cpuUs), baseline: `${us(base.cpuUs)} (bare node:http per request)`, ratio: times(at50.via.cpuUs / base.cpuUs), target: '—', met: undefined })
  latencyFigures(report, 'OpenAI-compatible path', at50, false)
}
