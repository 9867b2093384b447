import { readFileSync } from 'node:fs'
import t from 'tap'
import { parseMeal } from '../../../src/advice/facts/meal.js'

interface EvalCase { text: string, items: Array<{ food: string, grams: number }>, kcal: number, working: string, note?: string }

const { cases } = JSON.parse(readFileSync(new URL('./meal-eval.json', import.meta.url), 'utf8')) as { cases: EvalCase[] }

// DATA-SOURCES §4.3 target: total kcal within ±20 % on at least 90 % of realistic meals.
const KCAL_TOLERANCE = 0.2

t.test('the meal eval set meets the accuracy targets', async (t) => {
  t.ok(cases.length >= 100, `${cases.length} cases`)
  let itemHits = 0
  let kcalHits = 0
  for (const c of cases) {
    const { items, unmatched } = parseMeal(c.text)
    const got = [...new Set(items.map((i) => i.food))].sort()
    const want = [...new Set(c.items.map((i) => i.food))].sort()
    const kcal = items.reduce((sum, i) => sum + i.kcal, 0)
    const itemsOk = got.length === want.length && got.every((f, i) => f === want[i])
    // An expected total of 0 (nothing in the table) is only met by matching nothing.
    const kcalOk = Math.abs(kcal - c.kcal) <= KCAL_TOLERANCE * c.kcal
    if (itemsOk) itemHits++
    if (kcalOk) kcalHits++
    if (!itemsOk || !kcalOk) {
      t.comment(`miss: "${c.text}" → [${got.join(', ')}] ${Math.round(kcal)} kcal, unmatched [${unmatched.join(', ')}]; ` +
        `expected [${want.join(', ')}] ${Math.round(c.kcal)} kcal`)
    }
  }
  const itemRate = itemHits / cases.length
  const kcalRate = kcalHits / cases.length
  t.comment(`item match: ${itemHits}/${cases.length} = ${(itemRate * 100).toFixed(1)} %`)
  t.comment(`kcal within ±20 %: ${kcalHits}/${cases.length} = ${(kcalRate * 100).toFixed(1)} %`)
  t.ok(kcalRate >= 0.9, 'kcal accuracy ≥ 0.90')
  t.ok(itemRate >= 0.85, 'item match ≥ 0.85')
})

t.test('every case shows its working and totals its items', async (t) => {
  for (const c of cases) {
    t.ok(c.working.length > 0, c.text)
    t.ok(c.items.every((i) => i.grams > 0), c.text)
  }
})
