import t from 'tap'
import type { FoodFacts } from '../../../../schemas/food.js'
import type { GymFacts } from '../../../../schemas/gym.js'
import type { WaterFacts } from '../../../../schemas/water.js'
import { computeFoodFacts } from '../../../../src/advice/facts/food.js'
import { computeGymFacts } from '../../../../src/advice/facts/gym.js'
import { countWords, guardMessage, MAX_WORDS } from '../../../../src/advice/upstream/guard.js'
import { waterMessage } from '../../../../src/advice/topics/water.js'
import { gymMessage } from '../../../../src/advice/topics/gym.js'
import { foodMessage } from '../../../../src/advice/topics/food.js'
import { createLocalProvider } from '../../../../src/advice/upstream/providers/local.js'
import { prepare } from '../../../../src/advice/topics/index.js'
import type { EntryOf, ProviderRequest, Topic } from '../../../../src/advice/types.js'
import { assertClean, foodFacts, variants, water } from '../../../helpers/local-words.js'

t.test('the provider: named local, one message per topic, seeded by the entry', async (t) => {
  const provider = createLocalProvider()
  t.equal(provider.name, 'local')
  t.equal(provider.close, undefined)
  const signal = new AbortController().signal
  const write = async (request: ProviderRequest) => (await provider.write(request, signal)).text
  // The phrasing is picked by FNV-1a (32-bit) of JSON.stringify(entry), modulo the number of
  // phrasings; each pair below was hashed outside this code base and lands on the other phrasing.
  // Water without a weight: 1.8 L target (EFSA 2.25 L × 80 % from drinks).
  const w1 = { amount_liters: 1 }
  const w2 = { amount_liters: 1.1 }
  t.equal(await write({ topic: 'water', entry: w1, context: {}, facts: water(w1) }),
    '0.8 L to go to reach 1.8 L today. Good progress; keep a bottle handy and sip steadily.')
  t.equal(await write({ topic: 'water', entry: w2, context: {}, facts: water(w2) }),
    'Halfway habits pay off: 0.7 L left of your 1.8 L target today. A glass with each meal gets you there.')
  // Running 12050, 9.3 MET at the assumed 70 kg: 45 min → 488.25 kcal, 60 min → 651 kcal; 9.3 MET is vigorous.
  const g1 = { activity: 'running', duration_minutes: 45 }
  const g2 = { activity: 'running', duration_minutes: 60 }
  t.equal(await write({ topic: 'gym', entry: g1, context: {}, facts: computeGymFacts(g1) }),
    'Nice running: about 488 kcal in 45 minutes. Keep the next session easy to recover; eat protein and vegetables.')
  t.equal(await write({ topic: 'gym', entry: g2, context: {}, facts: computeGymFacts(g2) }),
    'Great 60-minute running session: about 651 kcal burned. Keep the next session easy to recover; eat a protein-rich meal.')
  // The meal's facts are given, so this test does not depend on the meal reader; the meal names the label.
  const f1 = { food: 'a bagel with cream cheese', meal: 'breakfast' as const }
  const f2 = { food: 'a bagel with cream cheese', meal: 'lunch' as const }
  const facts = foodFacts({ kcal: 500, items: [{ text: 'a bagel', food: 'Bagel', quantity: 1, unit: '1 regular', grams: 189, kcal: 500, protein_g: null, carbs_g: null, fat_g: null, nutrients: foodFacts({}).nutrients, confidence: 1, source: 'FNDDS 51180010' }] })
  t.equal(await write({ topic: 'food', entry: f1, context: {}, facts }),
    'About 500 kcal for this breakfast. A side of vegetables would add fiber for very few calories.')
  t.equal(await write({ topic: 'food', entry: f2, context: {}, facts }),
    'Roughly 500 kcal. Solid lunch; swap refined grains for whole grains to add fiber.')
})

t.test('deterministic: the same input gives the same text; different inputs differ', async (t) => {
  const provider = createLocalProvider()
  const signal = new AbortController().signal
  const ask = async (amount: number) => {
    const entry = { amount_liters: amount }
    return (await provider.write({ topic: 'water', entry, context: {}, facts: water(entry) }, signal)).text
  }
  t.equal(await ask(0.5), await ask(0.5))
  const low = await ask(0.5)
  const high = await ask(3)
  t.not(low, high)
  t.match(low, '1.3 L')
  t.match(high, '3 L')
  t.notMatch(high, /to go/)
})

// A deterministic generator (Numerical Recipes LCG) so a failure is reproducible.
function lcg (seed: number) {
  let state = seed >>> 0
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 2 ** 32
  }
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    of: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]
  }
}

const ACTIVITY_WORDS = [
  'running', 'walking', 'cycling', 'swimming', 'yoga', 'pilates', 'weight lifting', 'hiit', 'rowing', 'elliptical', 'hiking',
  'soccer', 'basketball', 'tennis', 'dancing', 'gardening', 'runing', 'quidditch', 'went for a run in the park', 'see example.com', '**lifting**',
  'Morning jog', 'I did a really long and tiring session of something', 'hatha yoga class', 'zorb 3000', 'swimming laps'
]
const FOODS = [
  '2 eggs', 'a slice of toast', 'an apple', 'oatmeal with berries', '200g chicken breast', 'rice', 'broccoli', 'large pizza', 'a can of coke',
  'fries', 'ice cream', 'a banana', '1 cup of milk', 'zorblax', 'qwxyz stew', 'salad', '3 pancakes', 'a bowl of soup', 'peanut butter sandwich',
  'a cup of tap water', '171 grams of boiled groundnuts', 'a large decaf latte'
]
const MEALS = [undefined, 'breakfast', 'lunch', 'dinner', 'snack'] as const
const LEVELS = [undefined, 'low', 'moderate', 'high'] as const

function generate (rand: ReturnType<typeof lcg>, topic: Exclude<Topic, 'day'>): EntryOf<Exclude<Topic, 'day'>> {
  const extra: Record<string, unknown> = rand.chance(0.3) ? { note: 'just woke up', mood: rand.int(1, 10) } : {}
  if (topic === 'water') {
    const hh = String(rand.int(0, 23)).padStart(2, '0')
    const mm = String(rand.int(0, 59)).padStart(2, '0')
    const body: Record<string, unknown> = { amount_liters: rand.int(1, 1000) / 100, ...extra }
    if (rand.chance(0.5)) body.weight_kg = rand.int(20, 400)
    if (rand.chance(0.4)) body.temperature = rand.int(-40, 60)
    if (rand.chance(0.4)) body.exercise_duration = rand.int(0, 1440)
    if (rand.chance(0.3)) body.activity_level = rand.of(LEVELS.slice(1))
    if (rand.chance(0.6)) body.time = `2024-06-01T${hh}:${mm}:00${rand.of(['', 'Z', '+02:00', '-05:30'])}`
    return body as EntryOf<'water'>
  }
  if (topic === 'gym') {
    const body: Record<string, unknown> = { activity: rand.of(ACTIVITY_WORDS), ...extra }
    if (rand.chance(0.8)) body.duration_minutes = rand.int(1, 600)
    if (rand.chance(0.5)) body.intensity = rand.of(LEVELS.slice(1))
    if (rand.chance(0.4)) body.weight_kg = rand.int(20, 400)
    if (rand.chance(0.2)) body.calories_burned = rand.int(0, 2000)
    return body as EntryOf<'gym'>
  }
  const parts = Array.from({ length: rand.int(1, 4) }, () => rand.of(FOODS))
  const body: Record<string, unknown> = { food: parts.join(rand.of([' and ', ', ', ' with '])), ...extra }
  const meal = rand.of(MEALS)
  if (meal !== undefined) body.meal = meal
  if (rand.chance(0.2)) body.estimated_calories = rand.int(0, 3000)
  return body as EntryOf<'food'>
}

/**
 * The figure a message must carry for its facts: litres (the amount drunk once a warning fires or
 * the target is met, else what is left) or kcal, whole. Litres are shown rounded, so the check is
 * numeric: some "N L" in the text lies within half a display step (0.05 L) of the fact, and is not
 * "0 L" for an amount above zero. The exact format is pinned by the litres test above.
 */
function keyNumber (request: ProviderRequest): { litres: number } | { kcal: string } | null {
  if (request.topic === 'water') {
    const facts = request.facts as WaterFacts
    return { litres: facts.warnings.length > 0 || facts.remaining_l === 0 ? facts.intake_l : facts.remaining_l }
  }
  if (request.topic === 'gym') {
    const kcal = (request.facts as GymFacts).kcal_burned
    return kcal === null ? null : { kcal: `${Math.round(kcal)} kcal` }
  }
  const kcal = (request.facts as FoodFacts).kcal
  return kcal === null ? null : { kcal: `${kcal} kcal` }
}

/** Whether `text` carries the key figure. */
function carries (text: string, key: { litres: number } | { kcal: string }): boolean {
  if ('kcal' in key) return text.includes(key.kcal)
  const shown = [...text.matchAll(/(\d+(?:\.\d+)?) L\b/g)].map((m) => Number(m[1]))
  return shown.some((l) => Math.abs(l - key.litres) <= 0.05 + 1e-9 && (key.litres === 0 || l > 0))
}

t.test('property: 200 generated entries give short, plain advice carrying the key number', async (t) => {
  const rand = lcg(20240601)
  const provider = createLocalProvider()
  const signal = new AbortController().signal
  const seen = { water: 0, gym: 0, food: 0 }
  const texts = new Set<string>()
  let numbered = 0
  for (let i = 0; i < 200; i++) {
    const topic = (['water', 'gym', 'food'] as const)[i % 3]
    const body = generate(rand, topic)
    const request: ProviderRequest = prepare(topic, body)
    const { text } = await provider.write(request, signal)
    const label = `#${i} ${topic} ${JSON.stringify(body)} → ${text}`
    seen[topic]++
    texts.add(text)
    if (countWords(text) > MAX_WORDS) t.fail(`countWords ${countWords(text)}: ${label}`)
    if (text.trim().split(/\s+/).length > MAX_WORDS) t.fail(`whitespace split: ${label}`)
    if (/https?:|www\.|\.(com|org|net|io)\b/i.test(text)) t.fail(`link: ${label}`)
    if (/\*|`|#|__|~~|\[|\]|<|>|^\s*[-+]\s/.test(text)) t.fail(`markdown: ${label}`)
    const guarded = guardMessage(text)
    if (!guarded.ok || guarded.text !== text || guarded.trimmed) t.fail(`the guard changed it: ${label}`)
    const key = keyNumber(request)
    if (key !== null) {
      numbered++
      if (!carries(text, key)) t.fail(`missing ${JSON.stringify(key)}: ${label}`)
    }
    const again = await provider.write(request, signal)
    if (again.text !== text) t.fail(`not deterministic: ${label}`)
  }
  t.same(seen, { water: 67, gym: 67, food: 66 })
  t.ok(numbered > 150, `${numbered} messages carry a key number`)
  t.ok(texts.size > 150, `${texts.size} distinct messages`)
})

t.test('the pinned messages above are all clean', async (t) => {
  const samples = [
    waterMessage(water({ amount_liters: 10 }), 's'),
    waterMessage(water({ amount_liters: 1.2, weight_kg: 70, time: '2024-06-01T01:00:00' }), 's'),
    ...variants((s) => waterMessage(water({ amount_liters: 0.5, weight_kg: 70, exercise_duration: 60, temperature: 32 }), s)),
    ...variants((s) => waterMessage(water({ amount_liters: 2, weight_kg: 70, exercise_duration: 60, temperature: 32 }), s)),
    gymMessage(computeGymFacts({ activity: 'quidditch', duration_minutes: 60 }), 'quidditch', 's'),
    ...variants((s) => gymMessage(computeGymFacts({ activity: 'yoga', duration_minutes: 60 }), 'yoga', s)),
    ...variants((s) => gymMessage(computeGymFacts({ activity: 'weight lifting', duration_minutes: 120 }), 'weight lifting', s)),
    foodMessage(computeFoodFacts({ food: 'zorblax' }), 'lunch', 's'),
    foodMessage(computeFoodFacts({ food: 'a banana and zorblax' }), 'lunch', 's')
  ]
  for (const text of samples) assertClean(t, text)
})
