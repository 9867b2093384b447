// The meal parser alone, in the bench's own process: where /food's time goes
// when the HTTP layer is taken away. For information; no target.
import { devMeals } from './load.js'
import { median, percentile, type Report } from './report.js'

/** Median and p99 per development-set text, the first time (phrases new to its lookup cache) and repeated (the warm path repeated logs take). */
export async function parserSection (report: Report): Promise<void> {
  const { parseMeal } = await import('../src/advice/text/meal/parse.js')
  const timed = (texts: string[]): number[] => texts.map((text) => {
    const t0 = performance.now()
    parseMeal(text)
    return (performance.now() - t0) * 1000
  }).sort((x, y) => x - y)
  const cold = timed(devMeals)
  const warm = timed(Array.from({ length: 10 }, () => devMeals).flat())
  report.notes.push(`meal parser alone (this process, tsx), per development-set text: first pass median ${median(cold).toFixed(0)} µs (p99 ${percentile(cold, 0.99).toFixed(0)} µs); repeated texts median ${median(warm).toFixed(0)} µs (p99 ${percentile(warm, 0.99).toFixed(0)} µs).`)
}
