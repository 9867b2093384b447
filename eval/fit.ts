// Fits the food ranking's weights (src/advice/text/meal/lookup.ts FOOD_WEIGHTS) on NutriBench v2 by
// coordinate ascent: each weight in turn is scaled (or, for the acceptance thresholds, shifted), and a
// step is kept when it raises the number of meals within ±20 % kcal on the training folds plus, ten
// times over, the project's own hand-labelled sets (eval/meals-*.json): NutriBench's narrative style
// is not how everyone types, and a weight that helps it and hurts app-style text is not kept. The
// held-out fold is scored before and after with the same code, so the figure reported is not the one tuned.
// `npm run eval -- --nutribench <csv> --fit [--fold k] [--passes n]`
import { createFoodLookup, FOOD_WEIGHTS, type FoodWeights } from '../src/advice/text/meal/lookup.js'
import { createMealParser } from '../src/advice/text/meal/parse.js'
import { readdirSync, readFileSync } from 'node:fs'
import { answer, GROUPS, kcalHit, carbHit, loadNutriBench, type BenchMeal } from './nutribench.js'

type Key = keyof FoodWeights
// Thresholds move by steps of the share of words explained; the rest scale (0 switches a feature off).
const SHIFTS: ReadonlySet<Key> = new Set(['accept', 'acceptWithHead'])
const STEPS = [-0.05, 0.05]
const SCALES = [0, 0.5, 1.5, 2]
// One hand-labelled case counts as this many NutriBench meals: the two sides weigh about the same.
const OWN_WEIGHT = 10

interface OwnCase { text: string, kcal: number }
const dir = new URL('./', import.meta.url)
const own: OwnCase[] = readdirSync(dir).filter((f) => /^meals-.*\.json$/.test(f))
  .flatMap((f) => (JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as { cases: OwnCase[] }).cases)

type Parse = ReturnType<typeof createMealParser>
// One parser per weight set: building the food index is most of a step's cost.
const parserFor = (weights: Readonly<FoodWeights>): Parse => createMealParser(createFoodLookup(undefined, weights))

/** How many of the project's own cases land within ±20 % kcal with these weights. */
function ownHits (weights: Readonly<FoodWeights>, parse: Parse = parserFor(weights)): number {
  return own.filter((c) => {
    const kcal = answer(c.text, parse).kcal
    return kcal !== null && Math.abs(kcal - c.kcal) <= 0.2 * c.kcal
  }).length
}

function objective (meals: readonly BenchMeal[], weights: Readonly<FoodWeights>): number {
  const parse = parserFor(weights)
  return score(meals, weights, parse).hits + OWN_WEIGHT * ownHits(weights, parse)
}

/** Meals within ±20 % kcal and carbohydrate within 7.5 g, by group, for one weight set. */
function score (meals: readonly BenchMeal[], weights: Readonly<FoodWeights>, parse: Parse = parserFor(weights)): { hits: number, byGroup: Record<string, [number, number, number]> } {
  const byGroup: Record<string, [number, number, number]> = {}
  let hits = 0
  for (const m of meals) {
    const a = answer(m.text, parse)
    const g = (byGroup[m.group] ??= [0, 0, 0])
    g[2]++
    if (kcalHit(a, m)) { hits++; g[0]++ }
    if (carbHit(a, m)) g[1]++
  }
  return { hits, byGroup }
}

const line = (label: string, s: ReturnType<typeof score>): string => `${label}: ` + GROUPS.map((g) => {
  const [k, c, n] = s.byGroup[g] ?? [0, 0, 0]
  return `${g} ${(100 * k / Math.max(1, n)).toFixed(1)} % kcal, ${(100 * c / Math.max(1, n)).toFixed(1)} % carbs`
}).join(' | ')

/** Fits on every fold but `heldOut` and prints the fitted weights with both folds' figures. */
export function fit (path: string, heldOut: number, passes: number): void {
  const all = loadNutriBench(path)
  const train = all.filter((m) => m.fold !== heldOut)
  const test = all.filter((m) => m.fold === heldOut)
  let best: FoodWeights = { ...FOOD_WEIGHTS }
  let bestHits = objective(train, best)
  console.log(`training folds (${train.length} meals) + ${OWN_WEIGHT} × own sets (${own.length} cases): ${bestHits} with the current weights (${ownHits(best)} own)`)
  for (let pass = 0; pass < passes; pass++) {
    let moved = false
    for (const key of Object.keys(best) as Key[]) {
      const tries = SHIFTS.has(key) ? STEPS.map((d) => Math.round((best[key] + d) * 100) / 100) : SCALES.map((f) => Math.round(best[key] * f * 1000) / 1000)
      for (const value of tries) {
        if (value < 0 || value === best[key]) continue
        const hits = objective(train, { ...best, [key]: value })
        if (hits > bestHits) { best = { ...best, [key]: value }; bestHits = hits; moved = true }
      }
      console.log(`pass ${pass + 1} ${key} = ${best[key]}: ${bestHits}`)
    }
    if (!moved) break
  }
  console.log(`fitted: ${JSON.stringify(best)}; own sets ${ownHits(FOOD_WEIGHTS)} → ${ownHits(best)} of ${own.length}`)
  console.log(line(`held-out fold ${heldOut}, current weights`, score(test, FOOD_WEIGHTS)))
  console.log(line(`held-out fold ${heldOut}, fitted weights`, score(test, best)))
}
