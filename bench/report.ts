// The bench's report: every figure against a baseline measured in the same
// run, its ratio, its target and whether the target is met; plus the statistics.
import { failures, goodRate, type Load } from './load.js'

/** One row of the final table. `met` is undefined for a figure shown for information, with no target. */
export interface Figure {
  name: string
  measured: string
  baseline: string
  ratio: string
  target: string
  met: boolean | undefined
}

/** What the sections add to and read from: figures, per-run rows, notes and the peak RSS of every server process. */
export interface Report {
  figures: Figure[]
  runs: string[]
  notes: string[]
  /** Peak RSS (VmHWM, MB) of every server process that served load, by run name. */
  serverPeaks: Array<{ run: string, mb: number }>
}

export const createReport = (): Report => ({ figures: [], runs: [], notes: [], serverPeaks: [] })

/** A per-run row: good answers/s, p50 and p99 (ms, good answers only), failures, and the server's CPU per request and peak RSS when measured. */
export function runRow (report: Report, name: string, m: Load & { cpuUs?: number, peakMb?: number }): void {
  report.runs.push(`| ${name} | ${goodRate(m).toFixed(0)} | ${percentile(m.latencies, 0.5).toFixed(1)} | ${percentile(m.latencies, 0.99).toFixed(1)} | ${failures(m)} | ${m.cpuUs?.toFixed(0) ?? ''} | ${m.peakMb?.toFixed(0) ?? ''} |`)
}

/** Prints the per-run table, the figures table and the notes. */
export function render (report: Report): string[] {
  const met = (m: boolean | undefined) => m === undefined ? '—' : m ? 'yes' : '**NO**'
  return [
    '| run | good answers/s | p50 ms | p99 ms | failures (errors, non-2xx, fallbacks) | server CPU µs/request | peak RSS MB |',
    '|---|---|---|---|---|---|---|',
    ...report.runs,
    '',
    '| figure | measured | baseline (same run) | ratio | target | met |',
    '|---|---|---|---|---|---|',
    ...report.figures.map((f) => `| ${f.name} | ${f.measured} | ${f.baseline} | ${f.ratio} | ${f.target} | ${met(f.met)} |`),
    '',
    ...report.notes.map((n) => `- ${n}`)
  ]
}

export const us = (x: number): string => `${x.toFixed(0)} µs`
export const ms = (x: number): string => `${x.toFixed(1)} ms`
export const mb = (x: number): string => `${x.toFixed(1)} MB`
export const times = (x: number): string => `${x.toFixed(2)}×`

/** The q-quantile of sorted numbers (nearest rank). */
export function percentile (sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]
}

export const median = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 0.5)
export const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length

/** Least-squares slope of y over x. */
export function slope (xs: number[], ys: number[]): number {
  const mx = mean(xs)
  const my = mean(ys)
  let num = 0
  let den = 0
  for (let i = 0; i < xs.length; i++) {
    num += (xs[i] - mx) * (ys[i] - my)
    den += (xs[i] - mx) ** 2
  }
  return num / den
}
