// The user's own foods on the compiled server (SQLite in a temp file): the cost of matching a
// user's 1,000 saved foods in every tracked POST /food, as server CPU per request against a
// user with none on the same server in the same run; and GET /foods/search latency over 1,000
// distinct queries.
import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Result } from 'autocannon'
import { pacedPost } from './load.js'
import { API_KEY, cpuMs, root, server, stop } from './proc.js'
import { ms, percentile, times, type Report } from './report.js'

const SECONDS = Number(process.env.BENCH_USER_FOODS_SECONDS ?? 15)
const ROUNDS = 2
const RATE = 100
const CONNECTIONS = 10
const FOODS = 1000
const QUERIES = 1000
const RATIO_TARGET = 1.2
// Meals as people log them, none naming a saved food: the figure is what matching costs every meal.
const MEALS = ['2 eggs and a slice of toast with butter', 'chicken caesar salad and a diet coke', 'oatmeal with berries and coffee', 'a turkey sandwich, an apple and chips']
// 1,000 distinct names of two or three words with varied first words, as a real list would have.
const FIRST = ['homemade', 'protein', 'morning', 'green', 'spicy', 'vanilla', 'chocolate', 'grandma', 'office', 'weekend']
const SECOND = ['shake', 'smoothie', 'bowl', 'chili', 'stew', 'salad', 'wrap', 'bar', 'muffin', 'soup']

const headers = (user: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${API_KEY}`, 'x-user-id': user })

const nameOf = (i: number): string => `${FIRST[i % 10]} ${SECOND[Math.floor(i / 10) % 10]} ${Math.floor(i / 100) === 0 ? '' : `no ${Math.floor(i / 100)}`}`.trim()
const foodOf = (i: number) => ({ name: nameOf(i), aliases: [`${nameOf(i)} ${i}`], serving: { description: '1 serving', grams: 250 }, per_serving: { kcal: 300, protein_g: 20 } })

/** Saves the user's foods through the API, as a client would. */
async function saveFoods (url: string, user: string): Promise<void> {
  for (let i = 0; i < FOODS; i++) {
    const body = foodOf(i)
    let res = await fetch(`${url}/foods`, { method: 'POST', headers: headers(user), body: JSON.stringify(body) })
    // The machine is shared: an overloaded moment sheds a request (503), which is retried after its delay.
    for (let tries = 0; res.status === 503 && tries < 5; tries++) {
      await new Promise((resolve) => setTimeout(resolve, Number(res.headers.get('retry-after') ?? 1) * 1000))
      res = await fetch(`${url}/foods`, { method: 'POST', headers: headers(user), body: JSON.stringify(body) })
    }
    if (res.status !== 201) throw new Error(`saving food ${i}: ${res.status} ${await res.text()}`)
  }
}

/** Tracked POST /food at a fixed rate as one user; each meal on its own day, so no day's sum grows with the run. */
async function meals (url: string, user: string, seconds: number): Promise<Result> {
  return await pacedPost({
    url: `${url}/food`,
    rate: RATE,
    connections: CONNECTIONS,
    seconds,
    request: (n) => {
      const day = new Date(Date.UTC(2020, 0, 1) + (n % 2000) * 86_400_000).toISOString().slice(0, 10)
      return { headers: { 'x-user-id': user }, body: JSON.stringify({ food: MEALS[n % MEALS.length], meal_time: `${day}T12:00:00Z` }) }
    }
  })
}

/** 1,000 distinct search queries: the first two words of every fifth FNDDS description. */
function queries (): string[] {
  const table = JSON.parse(readFileSync(new URL('src/advice/data/fndds.json', root), 'utf8')) as { foods: unknown[][] }
  const seen = new Set<string>()
  for (const row of table.foods) {
    const q = String(row[1]).toLowerCase().replace(/[^a-z ]+/g, ' ').split(/\s+/).filter((w) => w !== '').slice(0, 2).join(' ')
    if (q !== '') seen.add(q)
    if (seen.size === QUERIES) break
  }
  return [...seen]
}

/** The matcher alone, in the bench's own process: reading a meal text against 1,000 foods, in µs. */
async function matcherAlone (): Promise<number> {
  const { createUserFoodIndex } = await import('../src/advice/text/meal/user-foods.js')
  const unknown = { protein_g: null, carbs_g: null, fat_g: null, fiber_g: null, sugars_g: null, saturated_fat_g: null, sodium_mg: null, cholesterol_mg: null, potassium_mg: null, calcium_mg: null, iron_mg: null, vitamin_c_mg: null, vitamin_d_mcg: null, caffeine_mg: null, alcohol_g: null }
  const index = createUserFoodIndex(Array.from({ length: FOODS }, (_, i) => ({ id: String(i), ...foodOf(i), per_serving: { ...unknown, kcal: 300 } })))
  const times: number[] = []
  for (let n = 0; n < 20_000; n++) {
    const t0 = performance.now()
    index.read(MEALS[n % MEALS.length])
    times.push((performance.now() - t0) * 1000)
  }
  return percentile(times.sort((a, b) => a - b), 0.5)
}

/** Adds the user-food figures to the report. */
export async function userFoodsSection (report: Report): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'health-tracker-foods-'))
  // No overload shedding: a shed request costs less CPU than a served one and would skew the per-request figure.
  const p = await server({ DATABASE_URL: `sqlite:${join(dir, 'bench.db')}`, MAX_EVENT_LOOP_DELAY_MS: '0' })
  try {
    await saveFoods(p.url, 'rich')
    // Warm both paths: the index, the rich user's matcher, the parses of the meals.
    await meals(p.url, 'none', 2)
    await meals(p.url, 'rich', 2)
    const cpu = { none: 0, rich: 0 }
    const answered = { none: 0, rich: 0 }
    const p99 = { none: 0, rich: 0 }
    // In ABBA order, so a steady drift over the run (a warmer JIT, a busier machine) falls on both alike.
    for (let round = 0; round < ROUNDS; round++) {
      for (const user of round % 2 === 0 ? ['none', 'rich'] as const : ['rich', 'none'] as const) {
        const before = cpuMs(p.pid)
        const run = await meals(p.url, user, SECONDS)
        cpu[user] += cpuMs(p.pid) - before
        answered[user] += run.requests.total
        p99[user] = Math.max(p99[user], run.latency.p99)
        if (run.non2xx + run.errors > 0) report.notes.push(`user foods, ${user}: ${run.non2xx} non-2xx and ${run.errors} errors in round ${round + 1}.`)
      }
    }
    const perNone = cpu.none / answered.none
    const perRich = cpu.rich / answered.rich
    report.figures.push({
      name: `tracked POST /food, a user with ${FOODS} saved foods (server CPU per request)`,
      measured: ms(perRich),
      baseline: `${ms(perNone)} (a user with none)`,
      ratio: times(perRich / perNone),
      target: `≤ ${RATIO_TARGET}×`,
      met: perRich / perNone <= RATIO_TARGET
    })
    report.notes.push(`user foods: reading a meal text against ${FOODS} saved foods takes ${(await matcherAlone()).toFixed(1)} µs (median, this process, tsx), the whole of what matching adds to a meal besides one indexed query for the user's version token.`)
    report.notes.push(`user foods: ${ROUNDS} rounds (ABBA) of ${SECONDS} s per user at ${RATE} req/s; ${answered.rich} and ${answered.none} meals answered; worst p99 ${p99.rich} ms with ${FOODS} foods, ${p99.none} ms with none.`)

    const latencies: number[] = []
    const asked = queries()
    for (const q of asked) {
      const started = performance.now()
      const res = await fetch(`${p.url}/foods/search?q=${encodeURIComponent(q)}&limit=10`, { headers: { authorization: `Bearer ${API_KEY}` } })
      await res.arrayBuffer()
      latencies.push(performance.now() - started)
      if (res.status !== 200) throw new Error(`search "${q}": ${res.status}`)
    }
    latencies.sort((a, b) => a - b)
    report.figures.push({ name: `GET /foods/search, ${asked.length} distinct queries one at a time, p50`, measured: ms(percentile(latencies, 0.5)), baseline: '—', ratio: '—', target: '—', met: undefined })
    report.figures.push({ name: `GET /foods/search, ${asked.length} distinct queries one at a time, p99`, measured: ms(percentile(latencies, 0.99)), baseline: '—', ratio: '—', target: '—', met: undefined })
  } finally {
    await stop(p)
    await rm(dir, { recursive: true, force: true })
  }
}
