// Start-up: spawn → first 200 from GET /ready, median of cold starts, against
// spawn → listening for bare node:http (bench/bare-server.ts as plain JavaScript).
import { bareServer, server, stop } from './proc.js'
import { median, ms, times, type Report } from './report.js'

const STARTS = 5
const TARGET_MS = 600

/** Five cold starts of each, one after the other, each process stopped before the next starts. */
export async function startupSection (report: Report): Promise<void> {
  const ready: number[] = []
  const listening: number[] = []
  for (let i = 0; i < STARTS; i++) {
    const p = await server({})
    ready.push(p.readyMs)
    await stop(p)
    const b = await bareServer()
    listening.push(b.listeningMs)
    await stop(b)
  }
  const m = median(ready)
  const base = median(listening)
  report.figures.push({ name: `start-up: spawn → first /ready 200, median of ${STARTS}`, measured: ms(m), baseline: `${ms(base)} (bare node:http: spawn → listening)`, ratio: times(m / base), target: `≤ ${TARGET_MS} ms`, met: m <= TARGET_MS })
  report.notes.push(`start-up: server ${ready.map((x) => x.toFixed(0)).join(', ')} ms; bare node:http ${listening.map((x) => x.toFixed(0)).join(', ')} ms.`)
}
