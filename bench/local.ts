// The local path (no provider key: the local advisor answers): server CPU per
// request on /water and /gym against bare node:http under the same load, and
// /food's per-request CPU over the development set.
import type { Bare } from './bare.js'
import { devMeals, foodBody, gymBody, measured, unknownMeal, waterBody, type Measured } from './load.js'
import { server, stop } from './proc.js'
import { percentile, runRow, times, us, type Report } from './report.js'
import { BURST, perText, spread, type PerText } from './per-text.js'

const CPU_RATIO_TARGET = 2.5
const FOOD_MEDIAN_TARGET_US = 250

/**
 * POST /water and POST /gym, closed loop, against the bare server on the same route and bodies.
 * The bare server runs once before the server and once after, and the ratio is taken against
 * the mean of the two: on this shared machine a bare run alone moved by up to 30% between
 * runs minutes apart, and the ratio with it.
 */
export async function localSection (report: Report, bare: Bare): Promise<void> {
  const before = { water: await bare.loaded('water'), gym: await bare.loaded('gym') }
  const p = await server({})
  let runs: Record<'water' | 'gym', Measured>
  try {
    const water = await measured(p, { request: (i) => ({ path: '/water', body: waterBody(i) }) })
    runRow(report, 'POST /water, local advisor', water)
    const gym = await measured(p, { request: (i) => ({ path: '/gym', body: gymBody(i) }) })
    runRow(report, 'POST /gym, local advisor', gym)
    report.serverPeaks.push({ run: 'local /water + /gym', mb: gym.peakMb })
    runs = { water, gym }
  } finally {
    await stop(p)
  }
  for (const route of ['water', 'gym'] as const) {
    const after = await bare.again(route)
    const base = (before[route].cpuUs + after.cpuUs) / 2
    const ratio = runs[route].cpuUs / base
    report.figures.push({ name: `local POST /${route}: server CPU per request`, measured: us(runs[route].cpuUs), baseline: `${us(base)} (bare node:http, mean of a run before and one after: ${us(before[route].cpuUs)}, ${us(after.cpuUs)})`, ratio: times(ratio), target: `≤ ${CPU_RATIO_TARGET}× bare`, met: ratio <= CPU_RATIO_TARGET })
  }
}

/**
 * POST /food over the development set. The figure is the median over the
 * texts of each one's CPU per request (bench/per-text.ts); the mean under load
 * over the same texts and the mean for 500 characters of unknown words are
 * kept for information.
 * The advice cache is off: today it keeps only provider answers, and this
 * keeps a repeated text doing the work should that change.
 */
export async function foodSection (report: Report, bare: Bare): Promise<void> {
  const p = await server({ CACHE_MAX_ENTRIES: '0' })
  try {
    const bodies = devMeals.map((_, i) => foodBody(i))
    const seq = await perText(p, '/food', bodies)
    const base = await bare.perTextFood()
    const med = percentile(seq.burst.all, 0.5)
    const baseMed = percentile(base.burst.all, 0.5)
    const row = (name: string, f: (s: PerText) => number[], q: number) => {
      const x = percentile(f(seq), q)
      const b = percentile(f(base), q)
      report.figures.push({ name: `local POST /food: ${name}`, measured: us(x), baseline: us(b), ratio: times(x / b), target: '—', met: undefined })
    }
    report.figures.push({ name: `local POST /food: median server CPU per request over the ${devMeals.length} development-set texts (bursts of ${BURST})`, measured: us(med), baseline: `${us(baseMed)} (bare node:http)`, ratio: times(med / baseMed), target: `≤ ${FOOD_MEDIAN_TARGET_US} µs`, met: med <= FOOD_MEDIAN_TARGET_US })
    row('p90 of the same', (s) => s.burst.all, 0.9)
    row('p99 of the same', (s) => s.burst.all, 0.99)
    row('median of the same, main (JS) thread alone', (s) => s.burst.main, 0.5)
    row('median, one request at a time', (s) => s.single.all, 0.5)
    row('median, texts the server had not seen (half the set, one at a time)', (s) => s.unseen.all, 0.5)
    report.notes.push(`/food per text, all threads, bursts of ${BURST}: server ${spread(seq.burst.all)}; bare ${spread(base.burst.all)}. One request at a time: server ${spread(seq.single.all)}; bare ${spread(base.single.all)}. Texts not seen before: server ${spread(seq.unseen.all)}; bare ${spread(base.unseen.all)}. After ${seq.warmUpPasses} (server) and ${base.warmUpPasses} (bare) warm-up passes; ${seq.failures + base.failures} non-2xx.`)

    const food = await measured(p, { request: (i) => ({ path: '/food', body: foodBody(i) }) })
    runRow(report, 'POST /food, development-set texts, local advisor', food)
    const unknown = await measured(p, { request: () => ({ path: '/food', body: JSON.stringify({ food: unknownMeal }) }) })
    runRow(report, 'POST /food, 500 characters of unknown words', unknown)
    report.serverPeaks.push({ run: 'local /food', mb: unknown.peakMb })
    const loadedBase = await bare.loaded('food')
    report.figures.push({ name: 'local POST /food under load: mean server CPU per request (all threads)', measured: us(food.cpuUs), baseline: `${us(loadedBase.cpuUs)} (bare node:http)`, ratio: times(food.cpuUs / loadedBase.cpuUs), target: '—', met: undefined })
    report.figures.push({ name: 'local POST /food, 500 characters of unknown words, under load: mean server CPU per request', measured: us(unknown.cpuUs), baseline: `${us(loadedBase.cpuUs)} (bare node:http)`, ratio: times(unknown.cpuUs / loadedBase.cpuUs), target: '—', met: undefined })
  } finally {
    await stop(p)
  }
}
