import t, { type Test } from 'tap'
import type { FoodFacts } from '../../../schemas/food.js'
import type { GymFacts } from '../../../schemas/gym.js'
import type { WaterFacts } from '../../../schemas/water.js'
import { groups, INTENSITIES } from '../../../src/advice/data/activities.js'
import { computeFoodFacts } from '../../../src/advice/facts/food.js'
import { computeGymFacts } from '../../../src/advice/facts/gym.js'
import { computeFacts, splitEntry } from '../../../src/advice/facts/index.js'
import { computeWaterFacts } from '../../../src/advice/facts/water.js'
import { MAX_WORDS, countWords, guardMessage } from '../../../src/advice/guard.js'
import { createLocalProvider, foodMessage, gymMessage, litres, pick, waterMessage } from '../../../src/advice/providers/local.js'
import type { EntryOf, ProviderRequest, Topic } from '../../../src/advice/types.js'

const SEEDS = Array.from({ length: 40 }, (_, i) => `seed-${i}`)

/** Every distinct message a writer gives over many seeds, sorted. */
function variants (write: (seed: string) => string): string[] {
  return [...new Set(SEEDS.map(write))].sort()
}

/** Fails unless a message is plain, within the limit by both counts, and unchanged by the guard. */
function assertClean (t: Test, text: string, label = text) {
  t.ok(countWords(text) <= MAX_WORDS, `${countWords(text)} words: ${label}`)
  t.ok(text.trim().split(/\s+/).length <= MAX_WORDS, `split on whitespace: ${label}`)
  t.same(guardMessage(text), { ok: true, text, trimmed: false }, `the guard leaves it alone: ${label}`)
}

const water = (entry: Parameters<typeof computeWaterFacts>[0]) => computeWaterFacts(entry)

function gymFacts (overrides: Partial<GymFacts>): GymFacts {
  return {
    activity: 'running',
    met: 9.3,
    compendium_code: '12050',
    compendium_description: 'running',
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 45,
    kcal_burned: 488.3,
    reported_kcal: null,
    water_extra_l: 0.38,
    notes: [],
    sources: [],
    ...overrides
  }
}

function foodFacts (overrides: Partial<FoodFacts>): FoodFacts {
  return { kcal: 500, protein_g: 20, carbs_g: 50, fat_g: 10, items: [], unmatched: [], reported_kcal: null, notes: [], sources: [], ...overrides }
}

t.test('litres speaks one decimal without a trailing zero', async (t) => {
  t.equal(litres(1.26), '1.3 L')
  t.equal(litres(2), '2 L')
  t.equal(litres(1.96), '2 L')
  t.equal(litres(0.75), '0.8 L')
  t.equal(litres(0), '0 L')
  t.equal(litres(0.04), '0.04 L', 'a small amount left is not "0 L"')
  t.equal(litres(0.01), '0.01 L')
  t.equal(litres(0.05), '0.1 L')
  t.equal(litres(10), '10 L')
})

t.test('pick is stable for a seed and reaches every option', async (t) => {
  const options = ['a', 'b', 'c'] as const
  t.equal(pick(options, 'same'), pick(options, 'same'))
  t.same(new Set(SEEDS.map((s) => pick(options, s))), new Set(options))
  t.equal(pick(['only'], 'anything'), 'only')
  t.equal(pick(options, ''), options[2166136261 % 3], 'the empty seed uses the FNV offset basis')
})

t.test('water: dangerous intake', async (t) => {
  const day = water({ amount_liters: 10 })
  t.equal(waterMessage(day, 's'), 'You\'ve logged 10 L today, which is risky. Stop drinking for now, as kidneys clear about 1 L an hour; seek care if unwell.')
  const pace = water({ amount_liters: 4, time: '2024-06-01T02:00:00' })
  t.match(pace.warnings[0], /^dangerous/)
  t.equal(waterMessage(pace, 's'), 'You\'ve logged 4 L today, which is risky. Stop drinking for now, as kidneys clear about 1 L an hour; seek care if unwell.')
})

t.test('water: unsafe intake above the target', async (t) => {
  const day = water({ amount_liters: 6.5 })
  t.equal(waterMessage(day, 's'), '6.5 L is more than you need today. Ease off and sip only to thirst; your 1.8 L target is already covered.')
  const pace = water({ amount_liters: 2.5, time: '2024-06-01T02:00:00' })
  t.match(pace.warnings[0], /^unsafe/)
  t.equal(waterMessage(pace, 's'), '2.5 L is more than you need today. Ease off and sip only to thirst; your 1.8 L target is already covered.')
})

t.test('water: a pace warning before the target is reached does not claim it is covered', async (t) => {
  const facts = water({ amount_liters: 1.2, weight_kg: 70, time: '2024-06-01T01:00:00' })
  t.equal(facts.remaining_l, 0.76)
  t.equal(facts.warnings.length, 1)
  t.equal(waterMessage(facts, 's'), '1.2 L is a lot of water so far. Pause, then spread the last 0.8 L slowly, under 1 L an hour.')
  const large = water({ amount_liters: 6.5, weight_kg: 250 })
  t.equal(waterMessage(large, 's'), '6.5 L is a lot of water so far. Pause, then spread the last 0.5 L slowly, under 1 L an hour.')
})

t.test('water: target met', async (t) => {
  const facts = water({ amount_liters: 2 })
  t.equal(facts.remaining_l, 0)
  t.same(variants((s) => waterMessage(facts, s)), [
    'Target met: 2 L of your 1.8 L goal. Sip to thirst for the rest of the day.',
    'Well done: 2 L drunk, so your 1.8 L target is reached. Keep water nearby and drink when thirsty.'
  ])
})

t.test('water: almost there', async (t) => {
  t.same(variants((s) => waterMessage(water({ amount_liters: 1.5 }), s)),
    ['Almost there: 0.3 L to go to reach 1.8 L today. One or two more glasses will do it.'])
  t.same(variants((s) => waterMessage(water({ amount_liters: 1.3 }), s)),
    ['Almost there: 0.5 L to go to reach 1.8 L today. One or two more glasses will do it.'], 'exactly 0.5 L left')
  t.same(variants((s) => waterMessage(water({ amount_liters: 2, weight_kg: 70, temperature: 35 }), s)),
    ['Almost there: 0.5 L to go to reach 2.5 L today. One or two more glasses will do it. It is hot, so keep sipping.'])
  t.same(variants((s) => waterMessage(water({ amount_liters: 2.42, weight_kg: 70, exercise_duration: 60 }), s)),
    ['Almost there: 0.04 L to go to reach 2.5 L today. One or two more glasses will do it.'])
})

t.test('water: far from the target (under 40 %)', async (t) => {
  t.same(variants((s) => waterMessage(water({ amount_liters: 0.5 }), s)), [
    '1.3 L to go today toward your 1.8 L target. Start now with a glass, then one every hour or so.',
    'You still need 1.3 L today to reach 1.8 L. Keep a bottle in sight and sip steadily.'
  ])
  t.same(variants((s) => waterMessage(water({ amount_liters: 0.5, weight_kg: 70, exercise_duration: 60, temperature: 32 }), s)), [
    '2.7 L to go today toward your 3.2 L target. Start now with a glass, then one every hour or so. Exercise adds 0.8 L.',
    'You still need 2.7 L today to reach 3.2 L. Keep a bottle in sight and sip steadily. It is hot, so keep sipping.'
  ])
})

t.test('water: part of the way', async (t) => {
  t.same(variants((s) => waterMessage(water({ amount_liters: 1 }), s)), [
    '0.8 L to go to reach 1.8 L today. Good progress; keep a bottle handy and sip steadily.',
    'Halfway habits pay off: 0.8 L left of your 1.8 L target today. A glass with each meal gets you there.'
  ])
  t.same(variants((s) => waterMessage(water({ amount_liters: 2, weight_kg: 70, exercise_duration: 60, temperature: 32 }), s)), [
    '1.2 L to go to reach 3.2 L today. Good progress; keep a bottle handy and sip steadily. It is hot, so keep sipping.',
    'Halfway habits pay off: 1.2 L left of your 3.2 L target today. A glass with each meal gets you there. Exercise adds 0.8 L.'
  ])
})

t.test('gym: unknown activity', async (t) => {
  const facts = computeGymFacts({ activity: 'quidditch', duration_minutes: 60 })
  t.equal(gymMessage(facts, 'quidditch', 's'),
    'Good work on your 60-minute quidditch session! Name a common activity for a calorie estimate, and refuel with protein and vegetables.')
  for (const said of ['I played quidditch with friends all afternoon', 'see example.com', '**quidditch**', 'a b c d', 'zorb 3000']) {
    t.equal(gymMessage(computeGymFacts({ activity: said, duration_minutes: 60 }), said, 's'),
      'Good work on your 60-minute workout session! Name a common activity for a calorie estimate, and refuel with protein and vegetables.', said)
  }
  t.equal(gymMessage(computeGymFacts({ activity: 'Quidditch' }), 'Quidditch', 's'),
    'Good work on your Quidditch session! Name a common activity for a calorie estimate, and refuel with protein and vegetables.')
})

t.test('gym: no duration', async (t) => {
  t.equal(gymMessage(computeGymFacts({ activity: 'running' }), 'running', 's'),
    'Good work on your running session! Add duration_minutes for a calorie estimate, and refuel with protein and vegetables.')
  t.equal(gymMessage(computeGymFacts({ activity: 'morning run' }), 'morning run', 's'),
    'Good work on your morning run session! Add duration_minutes for a calorie estimate, and refuel with protein and vegetables.')
  t.equal(gymMessage(computeGymFacts({ activity: 'went for a run in the park' }), 'went for a run in the park', 's'),
    'Good work on your running session! Add duration_minutes for a calorie estimate, and refuel with protein and vegetables.')
})

t.test('gym: short, long and normal sessions', async (t) => {
  const short = computeGymFacts({ activity: 'running', duration_minutes: 10 })
  t.equal(short.kcal_burned, 108.5)
  t.equal(gymMessage(short, 'running', 's'),
    'Short and sweet: 10 minutes of running burned about 109 kcal. Build towards 30 minutes, and have fruit or yogurt after.')
  t.match(gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 19 }), 'running', 's'), /^Short and sweet: 19 minutes/)

  t.equal(gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 120 }), 'running', 's'),
    'Long 120-minute running session: about 1302 kcal burned. Rehydrate, eat carbs and protein, and keep the next session easy to recover.')
  t.match(gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 91 }), 'running', 's'), /^Long 91-minute/)

  t.same(variants((s) => gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 45 }), 'running', s)), [
    'About 488 kcal burned on your 45-minute running. Great effort! Keep the next session easy to recover; eat a protein-rich meal.',
    'Nice running: about 488 kcal in 45 minutes. Keep the next session easy to recover, and refuel with protein and vegetables.'
  ])
  for (const minutes of [20, 90]) {
    for (const text of variants((s) => gymMessage(computeGymFacts({ activity: 'running', duration_minutes: minutes }), 'running', s))) {
      t.match(text, /^(Nice running|About \d+ kcal burned on your)/, `${minutes} minutes is a normal session`)
    }
  }
})

t.test('gym: the next-time intensity follows the MET', async (t) => {
  const yoga = computeGymFacts({ activity: 'yoga', duration_minutes: 45 })
  t.ok((yoga.met as number) < 4)
  for (const text of variants((s) => gymMessage(yoga, 'yoga', s))) {
    t.match(text, /try a brisker pace next time/i)
    t.match(text, `${Math.round(yoga.kcal_burned as number)} kcal`)
  }
  const ballet = computeGymFacts({ activity: 'ballet', duration_minutes: 45 })
  t.ok((ballet.met as number) >= 4 && (ballet.met as number) < 8)
  for (const text of variants((s) => gymMessage(ballet, 'ballet', s))) t.match(text, /add a short higher-intensity block next time/i)
  t.match(gymMessage(gymFacts({ met: 8, kcal_burned: 420 }), 'x', 's'), /keep the next session easy to recover/i, 'MET 8 is vigorous')
  t.match(gymMessage(gymFacts({ met: 4, kcal_burned: 210 }), 'x', 's'), /add a short higher-intensity block/i, 'MET 4 is moderate')
})

t.test('gym: defensive paths for facts the calculator never produces', async (t) => {
  const noMet = gymMessage(gymFacts({ activity: null, met: null, kcal_burned: 100, duration_minutes: null }), 'x', 's')
  t.match(noMet, /100 kcal/)
  t.match(noMet, /brisker pace/i, 'an unknown MET is treated as light')
  t.match(noMet, /workout/)
})

t.test('gym: every activity in the table, at every intensity and length, stays within 25 words', async (t) => {
  let checked = 0
  for (const group of groups) {
    for (const intensity of [undefined, ...INTENSITIES]) {
      for (const duration of [undefined, 5, 45, 600]) {
        const facts = computeGymFacts({ activity: group.aliases[0], intensity, duration_minutes: duration })
        for (const text of variants((s) => gymMessage(facts, group.aliases[0], s))) {
          checked++
          if (countWords(text) > MAX_WORDS) t.fail(`${countWords(text)} words: ${text}`)
          if (facts.kcal_burned !== null && !text.includes(`${Math.round(facts.kcal_burned)} kcal`)) t.fail(`no kcal: ${text}`)
        }
      }
    }
  }
  t.ok(checked > groups.length * 16, `${checked} messages checked`)
})

t.test('food: nothing matched', async (t) => {
  t.equal(foodMessage(computeFoodFacts({ food: 'zorblax' }), 'lunch', 's'),
    'No food here matched our table, so no calorie estimate. Try amounts like "2 eggs" or "1 cup rice", and include vegetables.')
})

t.test('food: light meals', async (t) => {
  t.equal(foodMessage(computeFoodFacts({ food: 'an apple' }), 'snack', 's'),
    'About 95 kcal: a light snack. Add protein, like eggs, yogurt or beans, to stay full longer.')
  t.equal(foodMessage(computeFoodFacts({ food: '2 eggs and a slice of toast' }), 'breakfast', 's'),
    'About 220 kcal: a light breakfast with some protein. Add fruit or vegetables for fibre.')
  t.equal(foodMessage(foodFacts({ kcal: 299, protein_g: 10 }), undefined, 's'),
    'About 299 kcal: a light meal with some protein. Add fruit or vegetables for fibre.', '10 g counts as some protein')
  t.equal(foodMessage(foodFacts({ kcal: 150, protein_g: null }), 'snack', 's'),
    'About 150 kcal: a light snack. Add protein, like eggs, yogurt or beans, to stay full longer.', 'unknown protein is not claimed')
})

t.test('food: partial match says so', async (t) => {
  t.equal(foodMessage(computeFoodFacts({ food: 'a banana and zorblax' }), undefined, 's'),
    'About 105 kcal for the foods recognised: a light meal. Add protein, like eggs, yogurt or beans, to stay full longer.')
  t.equal(foodMessage(foodFacts({ kcal: 900, unmatched: ['zorblax'] }), 'dinner', 's'),
    'About 900 kcal for the foods recognised, a hearty dinner. Balance the day with vegetables and lean protein at your next meal.')
})

t.test('food: normal and heavy meals', async (t) => {
  t.same(variants((s) => foodMessage(computeFoodFacts({ food: 'chicken breast and rice and broccoli' }), 'dinner', s)), [
    'About 378 kcal for this dinner. A side of vegetables would add fibre for very few calories.',
    'Roughly 378 kcal. Solid dinner; swap refined grains for whole grains to add fibre.'
  ])
  t.equal(foodMessage(computeFoodFacts({ food: 'large pizza and a can of coke and fries and ice cream' }), 'lunch', 's'),
    'About 983 kcal, a hearty lunch. Balance the day with vegetables and lean protein at your next meal.')
  for (const kcal of [300, 800]) {
    for (const text of variants((s) => foodMessage(foodFacts({ kcal }), undefined, s))) {
      t.match(text, new RegExp(`^(About|Roughly) ${kcal} kcal(\\.| for this meal)`), `${kcal} kcal is a normal meal`)
    }
  }
})

t.test('the provider: named local, one message per topic, seeded by the entry', async (t) => {
  const provider = createLocalProvider()
  t.equal(provider.name, 'local')
  t.equal(provider.close, undefined)
  const signal = new AbortController().signal
  const w = { amount_liters: 1 }
  const g = { activity: 'running', duration_minutes: 45 }
  const f = { food: '2 eggs and a slice of toast', meal: 'breakfast' as const }
  t.same(await provider.write({ topic: 'water', entry: w, context: {}, facts: water(w) }, signal),
    { text: waterMessage(water(w), JSON.stringify(w)) })
  t.same(await provider.write({ topic: 'gym', entry: g, context: {}, facts: computeGymFacts(g) }, signal),
    { text: gymMessage(computeGymFacts(g), 'running', JSON.stringify(g)) })
  t.same(await provider.write({ topic: 'food', entry: f, context: {}, facts: computeFoodFacts(f) }, signal),
    { text: foodMessage(computeFoodFacts(f), 'breakfast', JSON.stringify(f)) })
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
  ...groups.map((g) => g.aliases[0]), 'runing', 'quidditch', 'went for a run in the park', 'see example.com', '**lifting**',
  'Morning jog', 'I did a really long and tiring session of something', 'hatha yoga class', 'zorb 3000', 'swimming laps'
]
const FOODS = [
  '2 eggs', 'a slice of toast', 'an apple', 'oatmeal with berries', '200g chicken breast', 'rice', 'broccoli', 'large pizza', 'a can of coke',
  'fries', 'ice cream', 'a banana', '1 cup of milk', 'zorblax', 'qwxyz stew', 'salad', '3 pancakes', 'a bowl of soup', 'peanut butter sandwich'
]
const MEALS = [undefined, 'breakfast', 'lunch', 'dinner', 'snack'] as const
const LEVELS = [undefined, 'low', 'moderate', 'high'] as const

function generate (rand: ReturnType<typeof lcg>, topic: Topic): EntryOf<Topic> {
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

/** The number a message must carry for its facts. */
function keyNumber (request: ProviderRequest): string | null {
  if (request.topic === 'water') {
    const facts = request.facts as WaterFacts
    return facts.warnings.length > 0 || facts.remaining_l === 0 ? litres(facts.intake_l) : litres(facts.remaining_l)
  }
  if (request.topic === 'gym') {
    const kcal = (request.facts as GymFacts).kcal_burned
    return kcal === null ? null : `${Math.round(kcal)} kcal`
  }
  const kcal = (request.facts as FoodFacts).kcal
  return kcal === null ? null : `${kcal} kcal`
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
    const { entry, context } = splitEntry(topic, body)
    const facts = computeFacts(topic, entry, context)
    const request = { topic, entry, context, facts } as ProviderRequest
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
      if (!text.includes(key)) t.fail(`missing ${key}: ${label}`)
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
    foodMessage(computeFoodFacts({ food: 'zorblax' }), 'lunch', 's')
  ]
  for (const text of samples) assertClean(t, text)
})
