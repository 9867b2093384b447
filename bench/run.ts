// `npm run bench`: autocannon against the real compiled server (SERVER_ENTRY in
// bench/proc.ts), fake providers in their own processes, and every target
// figure as a ratio against a baseline measured in the same run. Prints a
// markdown report; never part of `npm test`.
//
// BENCH_SECONDS sets each load run's length (default 10), SOAK_SECONDS each
// soak's (default 60), BENCH_TRACKING_SECONDS each tracking run's (default
// 60), and BENCH_ONLY runs only the named sections (comma-separated, e.g.
// BENCH_ONLY=food,startup).
import { cpus } from 'node:os'
import { createBare } from './bare.js'
import { CONNECTIONS, DURATION_S } from './load.js'
import { foodSection, localSection } from './local.js'
import { parserSection } from './parser.js'
import { createReport, mb, render, times, type Report } from './report.js'
import { soakGeminiSection, soakLocalSection } from './soak.js'
import { startupSection } from './startup.js'
import { trackingBench } from './tracking.js'
import { userFoodsSection } from './user-foods.js'
import { geminiSection, LATENCY_MS, openaiSection } from './upstream.js'
import type { Bare } from './bare.js'

const PEAK_RSS_TARGET_MB = 150

const report = createReport()
const bare = createBare(report)
const trackingLines: string[] = []
const SECTIONS: Record<string, (report: Report, bare: Bare) => Promise<void>> = {
  // The local path first: its 2.5× target is a ratio, so its bare runs are
  // measured right before and after it; later sections reuse the first.
  local: localSection,
  food: foodSection,
  gemini: geminiSection,
  openai: openaiSection,
  parser: parserSection,
  startup: startupSection,
  'soak-local': soakLocalSection,
  'soak-gemini': soakGeminiSection,
  // A user's 1,000 saved foods matched in tracked POST /food, against a user with none; search latency.
  'user-foods': userFoodsSection,
  // Tracked POST /water on SQLite and Postgres against the stateless request (bench/tracking.ts).
  tracking: async () => { trackingLines.push(...await trackingBench()) }
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter((s) => s !== '')
const unknown = only?.filter((s) => !(s in SECTIONS)) ?? []
if (unknown.length > 0) {
  console.error(`BENCH_ONLY names no section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}.`)
  process.exit(2)
}
for (const [name, section] of Object.entries(SECTIONS)) {
  if (only !== undefined && !only.includes(name)) continue
  console.error(`bench: ${name}…`)
  await section(report, bare)
}

// Peak RSS: the highest VmHWM of every server process that served load above, against bare node:http's.
if (report.serverPeaks.length > 0) {
  const top = report.serverPeaks.reduce((a, b) => b.mb > a.mb ? b : a)
  const base = await bare.peakMb()
  report.figures.push({ name: `peak RSS (VmHWM), highest of ${report.serverPeaks.length} server run${report.serverPeaks.length === 1 ? '' : 's'} (${top.run})`, measured: mb(top.mb), baseline: `${mb(base)} (bare node:http under load)`, ratio: times(top.mb / base), target: `≤ ${PEAK_RSS_TARGET_MB} MB`, met: top.mb <= PEAK_RSS_TARGET_MB })
  report.notes.push(`peak RSS per server run: ${report.serverPeaks.map((p) => `${p.run} ${p.mb.toFixed(0)} MB`).join('; ')}.`)
}

console.log(`Node ${process.version}, ${cpus().length} CPUs shared by the load generator, the fakes and the server; ${DURATION_S} s per load run, ${CONNECTIONS} connections unless stated; fake provider latency ${LATENCY_MS} ms.\n`)
for (const line of render(report)) console.log(line)
for (const line of trackingLines) console.log(line)
