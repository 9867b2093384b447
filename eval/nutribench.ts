// NutriBench v2 (Hua et al., ICLR 2025) as a development set: real meal descriptions from national
// dietary recalls, labelled with kcal and macronutrients. Its licence (CC BY-NC-SA) keeps every row
// out of this repository, so it is read from a path given on the command line and only figures are
// printed (`npm run eval -- --nutribench <path to the csv>`).
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { parseMeal, type MealParse } from '../src/advice/text/meal/parse.js'

/** One labelled meal. */
export interface BenchMeal { text: string, kcal: number, carbs: number, group: string, fold: number }

/** The benchmark's three groups, as its README names them. */
export const GROUPS = ['us_natural', 'us_metric', 'other'] as const

/** Folds for fitting: a row's fold is a hash of its normalised text, so a refit never moves a row. */
export const FOLDS = 5

const foldOf = (text: string): number =>
  createHash('sha1').update(text.toLowerCase().replace(/\s+/g, ' ').trim()).digest().readUInt32BE(0) % FOLDS

/** Reads the benchmark's CSV. */
export function loadNutriBench (path: string): BenchMeal[] {
  const rows = parse(readFileSync(path, 'utf8'), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
  return rows.map((r) => ({
    text: r.meal_description,
    kcal: Number(r.energy),
    carbs: Number(r.carb),
    group: r.country !== 'USA' ? 'other' : r.serving_type === 'natural' ? 'us_natural' : 'us_metric',
    fold: foldOf(r.meal_description)
  }))
}

/** What the parser answered for one meal. */
export interface Answer { kcal: number | null, carbs: number | null, complete: boolean }

/** The reader's answer for one meal text. */
export function answer (text: string, parse: (text: string) => MealParse = parseMeal): Answer {
  const { items, unmatched } = parse(text)
  if (items.length === 0) return { kcal: null, carbs: null, complete: false }
  return {
    kcal: items.reduce((s, i) => s + i.kcal, 0),
    carbs: items.reduce((s, i) => s + (i.carbs_g ?? 0), 0),
    complete: unmatched.length === 0
  }
}

/** Within ±20 % on kcal (an unanswered meal misses). */
export const kcalHit = (a: Answer, m: BenchMeal): boolean => a.kcal !== null && Math.abs(a.kcal - m.kcal) <= 0.2 * m.kcal
/** The benchmark paper's Acc@7.5: carbohydrate within 7.5 g. */
export const carbHit = (a: Answer, m: BenchMeal): boolean => a.carbs !== null && Math.abs(a.carbs - m.carbs) <= 7.5

/** Prints the figures by group for the given meals. */
export function report (meals: readonly BenchMeal[], answers: ReadonlyMap<BenchMeal, Answer>, title: string): void {
  const pct = (n: number, d: number): string => d === 0 ? 'n/a' : `${(100 * n / d).toFixed(1)} %`
  console.log(`\n${title}\n| group | meals | kcal ±20 % | carbs Acc@7.5 | answered | complete | MAE kcal |`)
  console.log('|---|---:|---:|---:|---:|---:|---:|')
  for (const group of [...GROUPS, 'all']) {
    const set = meals.filter((m) => group === 'all' || m.group === group)
    let kcal = 0
    let carbs = 0
    let answered = 0
    let complete = 0
    let abs = 0
    for (const m of set) {
      const a = answers.get(m) as Answer
      if (kcalHit(a, m)) kcal++
      if (carbHit(a, m)) carbs++
      if (a.kcal !== null) answered++
      if (a.complete) complete++
      abs += a.kcal === null ? m.kcal : Math.abs(a.kcal - m.kcal)
    }
    console.log(`| ${group} | ${set.length} | ${pct(kcal, set.length)} | ${pct(carbs, set.length)} | ${pct(answered, set.length)} | ${pct(complete, set.length)} | ${(abs / Math.max(1, set.length)).toFixed(0)} |`)
  }
}

/** Runs the whole split (or one held-out fold) and prints its figures, with `misses` random misses per group. */
export function nutriBench (path: string, options: { fold?: number, misses?: number, seed?: number }): void {
  const all = loadNutriBench(path)
  const meals = options.fold === undefined ? all : all.filter((m) => m.fold === options.fold)
  const answers = new Map<BenchMeal, Answer>()
  for (const m of meals) answers.set(m, answer(m.text))
  report(meals, answers, options.fold === undefined ? `NutriBench v2 development split (${meals.length} meals)` : `NutriBench v2, held-out fold ${options.fold} (${meals.length} meals)`)
  const show = options.misses ?? 0
  if (show === 0) return
  // A seeded shuffle: the same misses on every run, so a change can be read against the last one.
  let state = options.seed ?? 1
  const random = (): number => { state = (state * 1103515245 + 12345) % 2147483648; return state / 2147483648 }
  for (const group of GROUPS) {
    const misses = meals.filter((m) => m.group === group && !kcalHit(answers.get(m) as Answer, m))
    console.log(`\n${show} random misses of ${misses.length} in ${group}:`)
    for (let i = 0; i < show && misses.length > 0; i++) {
      const m = misses.splice(Math.floor(random() * misses.length), 1)[0]
      const { items, unmatched } = parseMeal(m.text)
      console.log(`- "${m.text}" want ${m.kcal} kcal / ${m.carbs} g carbs`)
      for (const it of items) console.log(`    ${it.text} → ${it.food} [${it.source}] ${it.quantity} ${it.unit} = ${it.grams} g, ${it.kcal} kcal`)
      if (unmatched.length > 0) console.log(`    unmatched: ${unmatched.join(' / ')}`)
    }
  }
}
