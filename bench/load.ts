// Load for `npm run bench`: autocannon with one body per request, latencies
// kept at full resolution, and the request bodies the API schema accepts.
import { readdirSync, readFileSync } from 'node:fs'
import autocannon, { type Result } from 'autocannon'
import { API_KEY, cpuMs, peakRssMb, root, type Proc } from './proc.js'

/** Seconds per load run (BENCH_SECONDS). */
export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10)
/** Connections of a closed-loop run. */
export const CONNECTIONS = 50

/** One request: where it goes and its JSON body. */
export interface Req { path: string, body: string }

/**
 * A finished run: autocannon's result; `good`, the 2xx answers that `accept`
 * took; `rejected`, the 2xx answers it did not; and every good answer's
 * latency in ms, sorted, at hrtime resolution.
 */
export interface Load { result: Result, good: number, rejected: number, latencies: number[] }

export interface LoadOptions {
  url: string
  request: (i: number) => Req
  connections?: number
  seconds?: number
  /** Requests per second over all connections; unset = closed loop, as fast as answers come. */
  rate?: number
  /** Which 2xx bodies count as good (e.g. written by the provider, not a fallback); unset = all. */
  accept?: (body: string) => boolean
}

/** Seconds of the same load, discarded, before a measured run: JIT, pools and caches warm. */
export const WARM_UP_S = 2

/** Runs autocannon. Its own histogram keeps whole milliseconds, too coarse for a 5 ms target, so latencies are also collected here. */
export async function load (o: LoadOptions): Promise<Load> {
  let id = 0
  let good = 0
  let rejected = 0
  // autocannon calls a request's onResponse with the body, then emits
  // 'response' with the latency, synchronously and for the same response.
  let lastGood = false
  const latencies: number[] = []
  const result = await new Promise<Result>((resolve, reject) => {
    const instance = autocannon({
      url: o.url,
      connections: o.connections ?? CONNECTIONS,
      duration: o.seconds ?? DURATION_S,
      ...(o.rate === undefined ? {} : { overallRate: o.rate }),
      requests: [{
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
        setupRequest: (req) => ({ ...req, ...o.request(id++) }),
        onResponse: (status, body) => {
          lastGood = status >= 200 && status < 300 && (o.accept?.(body) ?? true)
          if (lastGood) good++
          else if (status >= 200 && status < 300) rejected++
        }
      }]
    }, (err, res) => { if (err !== null && err !== undefined) reject(err instanceof Error ? err : new Error(String(err))); else resolve(res) })
    instance.on('response', (_client, _status, _bytes, ms) => { if (lastGood) latencies.push(ms) })
  })
  return { result, good, rejected, latencies: latencies.sort((a, b) => a - b) }
}

/** One request of a paced run: its JSON body, and headers beyond the content type and the bench's API key. */
export interface PacedRequest { body: string, headers?: Record<string, string> }

/**
 * POSTs to `url` at a fixed overall rate for `seconds`, request i built by `request(i)`: an open
 * loop, for figures taken at an offered rate (CPU per request, p99) rather than at the most the
 * server can answer. autocannon's own result (whole milliseconds); `load` keeps finer latencies.
 */
export async function pacedPost (o: { url: string, rate: number, connections: number, seconds: number, request: (i: number) => PacedRequest }): Promise<Result> {
  let i = 0
  return await autocannon({
    url: o.url,
    connections: o.connections,
    overallRate: o.rate,
    duration: o.seconds,
    requests: [{
      method: 'POST',
      setupRequest: (req) => {
        const { body, headers } = o.request(i++)
        return { ...req, body, headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, ...headers } }
      }
    }]
  })
}

/** A load run against a process, with its CPU per request (µs, all threads) and peak RSS afterwards. */
export interface Measured extends Load { cpuUs: number, peakMb: number }

/** Runs `load` against `p` after a warm-up and measures the process's CPU over the measured part. */
export async function measured (p: Proc, o: Omit<LoadOptions, 'url'>): Promise<Measured> {
  await load({ ...o, url: p.url, seconds: WARM_UP_S })
  const cpu0 = cpuMs(p.pid)
  const run = await load({ ...o, url: p.url })
  return { ...run, cpuUs: (cpuMs(p.pid) - cpu0) * 1000 / run.result.requests.total, peakMb: peakRssMb(p.pid) }
}

/** Non-2xx answers, socket errors, timeouts and 2xx answers `accept` rejected. */
export const failures = (l: Load): number => l.result.errors + l.result.timeouts + l.result.non2xx + l.rejected

/** Good answers per second over the run. */
export const goodRate = (l: Load): number => l.good / l.result.duration

/** The development set's meal texts (eval/meals-*.json), in file order. */
export const devMeals: string[] = readdirSync(new URL('eval/', root)).filter((f) => /^meals-.*\.json$/.test(f)).sort()
  .flatMap((f) => (JSON.parse(readFileSync(new URL(`eval/${f}`, root), 'utf8')) as { cases: Array<{ text: string }> }).cases.map((c) => c.text))

/** How people name workouts: every platform type's words from eval/activities-platforms.json. */
const activities: string[] = Object.values((JSON.parse(readFileSync(new URL('eval/activities-platforms.json', root), 'utf8')) as { platforms: Record<string, Array<{ words: string }>> }).platforms)
  .flat().map((a) => a.words)

const LEVELS = ['low', 'moderate', 'high'] as const
const MEALS = ['breakfast', 'lunch', 'dinner', 'snack'] as const

/** A /water body; every 90th repeats, and every other one carries the optional fields and an extra context field. */
export function waterBody (i: number): string {
  const entry: Record<string, unknown> = { amount_liters: 0.5 + (i % 90) / 10 }
  if (i % 2 === 1) Object.assign(entry, { weight_kg: 50 + (i % 60), activity_level: LEVELS[i % 3], temperature: 10 + (i % 30), exercise_duration: i % 120, note: `request ${i}` })
  return JSON.stringify(entry)
}

/** A /gym body: the platforms' activity names in turn, with duration, intensity and weight varying. */
export function gymBody (i: number): string {
  const entry: Record<string, unknown> = { activity: activities[i % activities.length], duration_minutes: 10 + (i % 80) }
  if (i % 2 === 1) Object.assign(entry, { intensity: LEVELS[i % 3], weight_kg: 50 + (i % 60), heart_rate: 90 + (i % 80), note: `session ${i}` })
  return JSON.stringify(entry)
}

/** A /food body: the development set's texts in turn, every other one with its meal and own estimate. */
export function foodBody (i: number): string {
  const entry: Record<string, unknown> = { food: devMeals[i % devMeals.length] }
  if (i % 2 === 1) Object.assign(entry, { meal: MEALS[i % 4], estimated_calories: 200 + (i % 800) })
  return JSON.stringify(entry)
}

/** 500 characters of words no food table has: the fuzzy-search path. */
export const unknownMeal = Array.from({ length: 60 }, (_, i) => `zq${(i * 7919).toString(36)}x`).join(' ').slice(0, 500)

/** Requests cycling /water, /gym and /food with varied bodies, as the soaks send. */
export function mixed (i: number): Req {
  const k = Math.floor(i / 3)
  switch (i % 3) {
    case 0: return { path: '/water', body: waterBody(k) }
    case 1: return { path: '/gym', body: gymBody(k) }
    default: return { path: '/food', body: foodBody(k) }
  }
}
