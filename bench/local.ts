// The local path (no provider key: the local advisor answers): server CPU per
// request on /water and /gym against bare node:http under the same load, and
// /food's per-request CPU over the development set.
import type { Bare } from './bare.js'
import { devMeals, foodBody, gymBody, measured, unknownMeal, waterBody } from './load.js'
import { server, stop } from './proc.js'
import { percentile, runRow, times, us, type Report } from './report.js'
import { sequential, spread } from './sequential.js'

const CPU_RATIO_TARGET = 2.5
const FOOD_MEDIAN_TARGET_US = 250

/** POST /water and POST /gym, closed loop, against the bare server on the same route and bodies. */
export async function localSection (report: Report, bare: Bare): Promise<void> {
  const p = await server({})
  try {
    const water = await measured(p, { request: (i) => ({ path: '/water', body: waterBody(i) }) })
    runRow(report, 'POST /water, local advisor', water)
    const gym = await measured(p, { request: (i) => ({ path: '/gym', body: gymBody(i) }) })
    runRow(report, 'POST /gym, local advisor', gym)
    report.serverPeaks.push({ run: 'local /water + /gym', mb: gym.peakMb })
    for (const [route, m] of [['water', water], ['gym', gym]] as const) {
      const base = await bare.loaded(route)
      const ratio = m.cpuUs / base.cpuUs
      report.figures.push({ name: `local POST /${route}: server CPU per request`, measured: us(m.cpuUs), baseline: `${us(base.cpuUs)} (bare node:http)`, ratio: times(ratio), target: `≤ ${CPU_RATIO_TARGET}× bare`, met: ratio <= CPU_RATIO_TARGET })
    }
  } finally {
    await stop(p)
  }
}

/**
 * POST /food over the development set. The figure is the median of single
 * requests (bench/sequential.ts); the mean under load over the same texts and
 * the mean for 500 characters of unknown words are kept for information.
 * The advice cache is off so that repeated texts still do the work.
 */
export async function foodSection (report: Report, bare: Bare): Promise<void> {
  const p = await server({ CACHE_MAX_ENTRIES: '0' })
  try {
    const bodies = devMeals.map((_, i) => foodBody(i))
    const seq = await sequential(p, '/food', bodies)
    const baseSeq = await bare.sequentialFood()
    const med = percentile(seq.all, 0.5)
    const baseMed = percentile(baseSeq.all, 0.5)
    report.figures.push({ name: `local POST /food: median server CPU per request over the ${devMeals.length} development-set texts`, measured: us(med), baseline: `${us(baseMed)} (bare node:http)`, ratio: times(med / baseMed), target: `≤ ${FOOD_MEDIAN_TARGET_US} µs`, met: med <= FOOD_MEDIAN_TARGET_US })
    report.figures.push({ name: 'local POST /food: p90 / p99 of the same', measured: `${us(percentile(seq.all, 0.9))} / ${us(percentile(seq.all, 0.99))}`, baseline: `${us(percentile(baseSeq.all, 0.9))} / ${us(percentile(baseSeq.all, 0.99))}`, ratio: times(percentile(seq.all, 0.99) / percentile(baseSeq.all, 0.99)), target: '—', met: undefined })
    report.figures.push({ name: 'local POST /food: median CPU of the main (JS) thread alone', measured: us(percentile(seq.main, 0.5)), baseline: us(percentile(baseSeq.main, 0.5)), ratio: times(percentile(seq.main, 0.5) / percentile(baseSeq.main, 0.5)), target: '—', met: undefined })
    report.notes.push(`/food one request at a time, all threads: server ${spread(seq.all)}; bare ${spread(baseSeq.all)} (after ${seq.warmUpPasses} and ${baseSeq.warmUpPasses} warm-up passes over the same texts; ${seq.failures + baseSeq.failures} non-2xx).`)

    const food = await measured(p, { request: (i) => ({ path: '/food', body: foodBody(i) }) })
    runRow(report, 'POST /food, development-set texts, local advisor', food)
    const unknown = await measured(p, { request: () => ({ path: '/food', body: JSON.stringify({ food: unknownMeal }) }) })
    runRow(report, 'POST /food, 500 characters of unknown words', unknown)
    report.serverPeaks.push({ run: 'local /food', mb: unknown.peakMb })
    const base = await bare.loaded('food')
    report.figures.push({ name: 'local POST /food under load: mean server CPU per request (all threads)', measured: us(food.cpuUs), baseline: `${us(base.cpuUs)} (bare node:http)`, ratio: times(food.cpuUs / base.cpuUs), target: '—', met: undefined })
    report.figures.push({ name: 'local POST /food, 500 characters of unknown words, under load: mean server CPU per request', measured: us(unknown.cpuUs), baseline: `${us(base.cpuUs)} (bare node:http)`, ratio: times(unknown.cpuUs / base.cpuUs), target: '—', met: undefined })
  } finally {
    await stop(p)
  }
}
