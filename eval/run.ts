// `npm run eval`: accuracy of the meal parser and the activity matcher on the project's own hand-labelled
// development sets (eval/*.json). A benchmark, not a test: it prints figures and never fails the build.
// `npm run eval -- --misses 10` also lists the worst misses; `--group us_grams` limits the meal sets;
// `--verbose` lists the activity and workout-text misses.
// `npm run eval -- --nutribench <csv>` scores NutriBench v2 by group instead (`--fold k` one held-out fold,
// `--misses n` n random misses per group).
import { readdirSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { matchActivity } from '../src/advice/text/activities.js'
import { computeGymFacts } from '../src/advice/facts/gym.js'
import { parseMeal } from '../src/advice/text/meal/parse.js'
import { fit } from './fit.js'
import { nutriBench } from './nutribench.js'

interface LabelledItem { phrase: string, food_code: string, description: string, grams: number, kcal: number }
interface MealCase { id: string, text: string, items: LabelledItem[], kcal: number }
interface MealSet { group: string, cases: MealCase[] }
interface PlatformType { id: string, words: string, codes: string[] }
interface WorkoutCase { id: string, text: string, duration_minutes: number | null, codes: string[] }

const { values } = parseArgs({
  options: {
    misses: { type: 'string', default: '0' },
    group: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    nutribench: { type: 'string' },
    fold: { type: 'string' },
    seed: { type: 'string', default: '1' },
    fit: { type: 'boolean', default: false },
    passes: { type: 'string', default: '2' }
  }
})
const dir = new URL('./', import.meta.url)
const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as T
const pct = (n: number, d: number): string => d === 0 ? 'n/a' : `${(100 * n / d).toFixed(1)} %`

interface Miss { id: string, text: string, want: number, got: number | null, error: number, detail: string }

function meals (): void {
  const sets = readdirSync(dir).filter((f) => /^meals-.*\.json$/.test(f)).map((f) => load<MealSet>(f))
    .filter((s) => values.group === undefined || s.group === values.group)
  const misses: Miss[] = []
  console.log('| meal set | cases | within ±20 % | answered | complete | MAE kcal |')
  console.log('|---|---:|---:|---:|---:|---:|')
  for (const set of sets) {
    let within = 0
    let answered = 0
    let complete = 0
    let absError = 0
    for (const c of set.cases) {
      const { items, unmatched } = parseMeal(c.text)
      const got = items.length === 0 ? null : items.reduce((sum, i) => sum + i.kcal, 0)
      if (got !== null) answered++
      if (got !== null && unmatched.length === 0) complete++
      const error = got === null ? c.kcal : Math.abs(got - c.kcal)
      absError += error
      const ok = got !== null && error <= 0.2 * c.kcal
      if (ok) within++
      else {
        const detail = items.map((i) => `${i.food} [${i.source}] ${i.grams} g (${i.unit}) ${i.kcal}`).join('; ') +
          (unmatched.length > 0 ? ` | unmatched: ${unmatched.join(' / ')}` : '') +
          ` | want: ${c.items.map((i) => `${i.description} ${i.grams} g ${i.kcal}`).join('; ')}`
        misses.push({ id: c.id, text: c.text, want: c.kcal, got, error, detail })
      }
    }
    const n = set.cases.length
    console.log(`| ${set.group} | ${n} | ${pct(within, n)} | ${pct(answered, n)} | ${pct(complete, n)} | ${(absError / n).toFixed(0)} |`)
  }
  const show = Number(values.misses)
  if (show > 0) {
    console.log(`\nWorst ${show} misses (by absolute kcal error):`)
    for (const m of misses.sort((a, b) => b.error - a.error).slice(0, show)) {
      console.log(`- ${m.id} "${m.text}" → ${m.got === null ? 'no total' : Math.round(m.got)} kcal, labelled ${Math.round(m.want)}\n    ${m.detail}`)
    }
  }
}

function activities (): void {
  const { platforms } = load<{ platforms: Record<string, PlatformType[]> }>('activities-platforms.json')
  console.log('\n| platform | types | sensible code (identifier) | sensible code (words) | no code |')
  console.log('|---|---:|---:|---:|---:|')
  const wrong: string[] = []
  for (const [platform, types] of Object.entries(platforms)) {
    const labelled = types.filter((t) => t.codes.length > 0)
    let byId = 0
    let byWords = 0
    let none = 0
    for (const t of labelled) {
      const id = matchActivity(t.id)
      const words = matchActivity(t.words)
      if (id !== null && t.codes.includes(id.code)) byId++
      else wrong.push(`${platform} ${t.id} → ${id === null ? 'none' : `${id.code} ${id.description}`} (want ${t.codes.join('/')})`)
      if (words !== null && t.codes.includes(words.code)) byWords++
      if (id === null) none++
    }
    console.log(`| ${platform} | ${labelled.length} | ${pct(byId, labelled.length)} | ${pct(byWords, labelled.length)} | ${none} |`)
  }
  if (values.verbose) for (const w of wrong) console.log(`  ${w}`)
}

// A workout text is read right when /gym would use its duration and an acceptable Compendium row.
function workouts (): void {
  const { cases } = load<{ cases: WorkoutCase[] }>('workouts-text.json')
  let duration = 0
  let code = 0
  let right = 0
  const wrong: string[] = []
  for (const c of cases) {
    const facts = computeGymFacts({ activity: c.text })
    const minutesOk = facts.duration_minutes === c.duration_minutes
    const codeOk = facts.compendium_code !== null && c.codes.includes(facts.compendium_code)
    if (minutesOk) duration++
    if (codeOk) code++
    if (minutesOk && codeOk) right++
    else wrong.push(`${c.id} "${c.text}" → ${facts.duration_minutes} min, ${facts.compendium_code ?? 'none'} ${facts.compendium_description ?? ''} (want ${c.duration_minutes} min, ${c.codes.join('/')})`)
  }
  console.log('\n| workout texts | cases | duration right | code acceptable | read right |')
  console.log('|---|---:|---:|---:|---:|')
  console.log(`| workouts-text | ${cases.length} | ${pct(duration, cases.length)} | ${pct(code, cases.length)} | ${pct(right, cases.length)} |`)
  if (values.verbose) for (const w of wrong) console.log(`  ${w}`)
}

if (values.nutribench !== undefined && values.fit) {
  fit(values.nutribench, values.fold === undefined ? 4 : Number(values.fold), Number(values.passes))
} else if (values.nutribench !== undefined) {
  nutriBench(values.nutribench, { fold: values.fold === undefined ? undefined : Number(values.fold), misses: Number(values.misses), seed: Number(values.seed) })
} else {
  meals()
  activities()
  workouts()
}
