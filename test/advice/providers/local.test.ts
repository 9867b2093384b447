import t, { type Test } from 'tap'
import type { FoodFacts } from '../../../schemas/food.js'
import { NUTRIENT_KEYS, type Nutrients } from '../../../schemas/nutrients.js'
import type { GymFacts } from '../../../schemas/gym.js'
import type { WaterFacts } from '../../../schemas/water.js'
import { activities, INTENSITIES } from '../../../src/advice/data/activities.js'
import { computeFoodFacts } from '../../../src/advice/facts/food.js'
import { computeGymFacts } from '../../../src/advice/facts/gym.js'
import { computeFacts, splitEntry } from '../../../src/advice/facts/index.js'
import { computeWaterFacts } from '../../../src/advice/facts/water.js'
import { MAX_WORDS, countWords, guardMessage } from '../../../src/advice/guard.js'
import { createLocalProvider, foodMessage, gymMessage, litres, pick, waterMessage, workoutKind } from '../../../src/advice/providers/local.js'
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
    activity: 'Running',
    compendium_heading: 'Running',
    met: 9.3,
    compendium_code: '12050',
    compendium_description: 'Running, 6-6.3 mph (10 min/mile)',
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 45,
    kcal_burned: 488.3,
    kcal_net: 435.8,
    reported_kcal: null,
    water_extra_l: 0.38,
    notes: [],
    sources: [],
    ...overrides
  }
}

const unknownNutrients = Object.fromEntries(NUTRIENT_KEYS.map((key) => [key, null])) as Nutrients

function foodFacts (overrides: Partial<FoodFacts>): FoodFacts {
  return { kcal: 500, complete: true, protein_g: 20, carbs_g: 50, fat_g: 10, nutrients: unknownNutrients, items: [], unmatched: [], reported_kcal: null, notes: [], sources: [], ...overrides }
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
  // The empty seed leaves FNV-1a at its offset basis: 2166136261 = 3 × 722045420 + 1.
  t.equal(pick(options, ''), 'b', 'the empty seed uses the FNV offset basis')
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
    'Good work on your running session! Tell me how long you trained for a calorie estimate, and refuel with protein and vegetables.')
  t.equal(gymMessage(computeGymFacts({ activity: 'Morning jog' }), 'Morning jog', 's'),
    'Good work on your Morning jog session! Tell me how long you trained for a calorie estimate, and refuel with protein and vegetables.')
  t.equal(gymMessage(computeGymFacts({ activity: 'HighIntensityIntervalTraining' }), 'HighIntensityIntervalTraining', 's'),
    'Good work on your HighIntensityIntervalTraining session! Tell me how long you trained for a calorie estimate, and refuel with protein and vegetables.')
  t.equal(gymMessage(computeGymFacts({ activity: 'running!!' }), 'running!!', 's'),
    'Good work on your running session! Tell me how long you trained for a calorie estimate, and refuel with protein and vegetables.',
    'text that is not a few plain words is not echoed: the matched name is used')
})

t.test('gym: a duration in the text is a duration, and no message names an API field', async (t) => {
  // High intensity interval exercise 02210, 7.0 MET: 7 × 70 × 0.5 h = 245 kcal.
  const facts = computeGymFacts({ activity: '30 min HIIT class' })
  t.same([facts.duration_minutes, facts.compendium_code, facts.kcal_burned], [30, '02210', 245])
  for (const text of variants((s) => gymMessage(facts, '30 min HIIT class', s))) {
    t.match(text, /245 kcal/, text)
    assertClean(t, text)
  }
  for (const activity of ['running', 'yoga', 'quidditch', 'swimming laps', 'a loaded march']) {
    for (const text of variants((s) => gymMessage(computeGymFacts({ activity }), activity, s))) {
      t.notMatch(text, /[a-z]+_[a-z]+/, `no field name: ${text}`)
      assertClean(t, text)
    }
  }
})

t.test('gym: short, long and normal sessions', async (t) => {
  // Running 12050, 9.3 MET: 10 min → 9.3 × 70 × 1/6 = 108.5 → "109 kcal"; 120 min → 1302 kcal; 45 min → 488.3 → "488 kcal".
  const short = computeGymFacts({ activity: 'running', duration_minutes: 10 })
  t.equal(short.kcal_burned, 108.5)
  t.equal(gymMessage(short, 'running', 's'),
    'Short and sweet: 10 minutes of running burned about 109 kcal. Build towards 30 minutes, and have fruit or yogurt after.')
  t.match(gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 19 }), 'running', 's'), /^Short and sweet: 19 minutes/)

  t.equal(gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 120 }), 'running', 's'),
    'Long 120-minute running session: about 1302 kcal burned. Rehydrate, eat carbs and protein, and keep the next session easy to recover.')
  t.match(gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 91 }), 'running', 's'), /^Long 91-minute/)

  t.same(variants((s) => gymMessage(computeGymFacts({ activity: 'running', duration_minutes: 45 }), 'running', s)), [
    'Great 45-minute running session: about 488 kcal burned. Keep the next session easy to recover; eat a protein-rich meal.',
    'Nice running: about 488 kcal in 45 minutes. Keep the next session easy to recover; eat protein and vegetables.'
  ])
  for (const minutes of [20, 90]) {
    for (const text of variants((s) => gymMessage(computeGymFacts({ activity: 'running', duration_minutes: minutes }), 'running', s))) {
      t.match(text, /^(Nice running|Great \d+-minute running session: about \d+ kcal burned)/, `${minutes} minutes is a normal session`)
    }
  }
})

t.test('gym: the next-time tip follows the Compendium heading and row', async (t) => {
  // [text, minutes, kcal shown, tip]; kcal = MET × 70 × h from the Compendium row, rounded to a whole kcal.
  const cases: Array<[string, number, string, string]> = [
    ['yoga', 60, '161 kcal', 'breathe steadily and ease deeper into holds'], // 02175 Yoga, General 2.3
    ['weight lifting', 45, '184 kcal', 'rest those muscles a day before training them again'], // 02054 Resistance (weight) training 3.5: 183.75
    ['walking', 30, '133 kcal', 'try a brisker pace next time'], // 17190 Walking 3.8: endurance under 4 MET
    ['cycling', 40, '327 kcal', 'add a short higher-intensity block next time'], // 01014 Bicycling, general 7.0: 326.7
    ['soccer', 60, '490 kcal', 'stretch and take an easy day after hard play'], // 15610 Soccer 7.0: sport at 7 MET or more
    ['bowling', 45, '200 kcal', 'mix in a faster drill or two next time'], // 15092 Bowling 3.8: sport under 7 MET, 199.5
    ['gardening', 60, '140 kcal', 'stretch afterwards and keep moving through the day'] // 08066 gardening, general 2.0 (Lawn & Garden)
  ]
  for (const [activity, minutes, kcal, tip] of cases) {
    for (const text of variants((s) => gymMessage(computeGymFacts({ activity, duration_minutes: minutes }), activity, s))) {
      t.ok(text.toLowerCase().includes(tip), `${activity}: ${text}`)
      t.ok(text.includes(kcal), `${activity}: ${kcal}`)
    }
  }
  const endurance = { compendium_heading: 'Running', compendium_description: 'Running, 6-6.3 mph (10 min/mile)' }
  t.match(gymMessage(gymFacts({ ...endurance, met: 8, kcal_burned: 420 }), 'x', 's'), /keep the next session easy to recover/i, 'MET 8 is vigorous')
  t.match(gymMessage(gymFacts({ ...endurance, met: 4, kcal_burned: 210 }), 'x', 's'), /add a short higher-intensity block/i, 'MET 4 is moderate')
  t.match(gymMessage(gymFacts({ ...endurance, met: 3.9, kcal_burned: 200 }), 'x', 's'), /try a brisker pace/i, 'under 4 MET is light')
})

t.test('gym: yoga and weight lifting never get "brisker pace"', async (t) => {
  let checked = 0
  // Earlier in this change an intensity could leave the activity altogether ("weightlifting" + high →
  // "Water walking, vigorous effort, brisk pace", whose tip was "brisker pace").
  const strayed: string[] = []
  for (const activity of ['yoga', 'hatha yoga', 'hot yoga', 'power yoga', 'vinyasa yoga', 'weight lifting', 'weightlifting', 'lifting weights', 'strength training', 'pilates', 'stretching']) {
    for (const intensity of [undefined, ...INTENSITIES]) {
      for (const minutes of [10, 45, 120]) {
        const facts = computeGymFacts({ activity, intensity, duration_minutes: minutes })
        const kind = workoutKind(facts)
        if (intensity === undefined) t.ok(['mind-body', 'strength'].includes(kind), `${activity}: ${facts.compendium_description} is ${kind}`)
        else if (!['mind-body', 'strength'].includes(kind) && minutes === 45) strayed.push(`${activity} (${intensity}) → ${facts.compendium_description}`)
        for (const text of variants((s) => gymMessage(facts, activity, s))) {
          checked++
          if (/brisker pace/i.test(text)) t.fail(`${activity} ${intensity ?? ''}: ${text}`)
        }
      }
    }
  }
  t.ok(checked > 100, `${checked} messages checked`)
  t.same(strayed, [], 'an intensity keeps the activity')
})

t.test('workoutKind reads the Compendium heading and row, not the user\'s word', async (t) => {
  const kind = (heading: string | null, description: string | null) => workoutKind(gymFacts({ compendium_heading: heading, compendium_description: description }))
  t.equal(kind('Conditioning Exercise', 'Yoga, Power'), 'mind-body')
  t.equal(kind('Sports', 'Tai chi, qi gong, general'), 'mind-body', 'the row beats the heading')
  t.equal(kind('Conditioning Exercise', 'Resistance (weight) training, multiple exercises, 8-15 reps at varied resistance'), 'strength')
  t.equal(kind('Conditioning Exercise', 'Circuit training, including kettlebells, some aerobic movement with minimal rest, general, vigorous intensity'), 'strength')
  t.equal(kind('Sports', 'Soccer, casual, general (Taylor Code 540)'), 'sport')
  for (const heading of ['Running', 'Walking', 'Bicycling', 'Water Activities', 'Winter Activities', 'Dancing', 'Conditioning Exercise']) {
    t.equal(kind(heading, 'Something, general'), 'endurance', heading)
  }
  t.equal(kind('Lawn & Garden', 'gardening, general'), 'other')
  t.equal(kind(null, null), 'other', 'no match at all')
})

t.test('gym: defensive paths for facts the calculator never produces', async (t) => {
  const noMet = gymMessage(gymFacts({ activity: null, compendium_heading: null, compendium_description: null, met: null, kcal_burned: 100, duration_minutes: 45 }), 'x', 's')
  t.match(noMet, /100 kcal/)
  t.match(noMet, /workout/)
  t.match(noMet, /stretch afterwards/i, 'no heading: the general tip')
})

t.test('gym: every Compendium row, at every length, stays within 25 words', async (t) => {
  // Facts built from each row of the 2024 Compendium as computeGymFacts reports a match: the name is
  // the description up to its first comma or bracket, which can be long ("Health club exercise
  // classes general").
  const over: string[] = []
  let checked = 0
  for (const row of activities) {
    for (const minutes of [10, 45, 120]) {
      const facts = gymFacts({
        activity: row.description.split(',')[0].replace(/\s*\(.*$/, ''),
        compendium_heading: row.heading,
        compendium_description: row.description,
        compendium_code: row.code,
        met: row.met,
        duration_minutes: minutes,
        kcal_burned: Math.round(row.met * 70 * minutes / 60 * 10) / 10
      })
      for (const text of variants((s) => gymMessage(facts, row.description, s))) {
        checked++
        if (countWords(text) > MAX_WORDS) over.push(`${row.code} ${countWords(text)} words: ${text}`)
        if (!text.includes(`${Math.round(facts.kcal_burned as number)} kcal`)) t.fail(`no kcal: ${text}`)
      }
    }
  }
  t.ok(checked > activities.length * 3, `${checked} messages checked`)
  t.same(over.slice(0, 5), [], `${over.length} messages over ${MAX_WORDS} words`)
  const taiChi = gymMessage(computeGymFacts({ activity: 'tai chi', duration_minutes: 30 }), 'tai chi', 's')
  t.ok(countWords(taiChi) <= MAX_WORDS, `${countWords(taiChi)} words: ${taiChi}`)
  const club = gymMessage(computeGymFacts({ activity: 'health club class', duration_minutes: 45 }), 'health club class', 's')
  t.ok(countWords(club) <= MAX_WORDS, `${countWords(club)} words: ${club}`)
})

t.test('food: nothing matched says so, without asking for amounts', async (t) => {
  const text = foodMessage(computeFoodFacts({ food: 'zorblax' }), 'lunch', 's')
  t.equal(text, 'We could not recognise "zorblax", so no calorie estimate. Name each food plainly, like "scrambled eggs" or "white rice".')
  t.notMatch(text, /amount/i)
  const hidden = foodMessage(foodFacts({ kcal: null, complete: false, protein_g: null, unmatched: ['see example.com'] }), undefined, 's')
  t.equal(hidden, 'We could not recognise these foods, so no calorie estimate. Name each food plainly, like "scrambled eggs" or "white rice".',
    'text that is not a few plain words is not quoted back')
  const none = foodMessage(computeFoodFacts({ food: '360 g' }), undefined, 's')
  t.equal(none, hidden, 'an amount with no food at all')
  for (const message of [text, hidden]) t.notMatch(message, /amount/i)
})

t.test('food: light meals', async (t) => {
  // Banana, raw 63107010: 126 g → 122.2 kcal, 0.9 g protein.
  t.equal(foodMessage(computeFoodFacts({ food: 'a banana' }), 'snack', 's'),
    'About 122 kcal: a light snack. Add protein, like eggs, yogurt or beans, to stay full longer.')
  t.equal(foodMessage(foodFacts({ kcal: 299, protein_g: 10 }), undefined, 's'),
    'About 299 kcal: a light meal with some protein. Add fruit or vegetables for fibre.', '10 g counts as some protein')
  t.equal(foodMessage(foodFacts({ kcal: 150, protein_g: null }), 'snack', 's'),
    'About 150 kcal: a light snack. Add protein, like eggs, yogurt or beans, to stay full longer.', 'unknown protein is not claimed')
})

t.test('food: an incomplete meal is never given as the whole meal\'s total', async (t) => {
  /** Fails unless a message gives its total as partial: it names the part left out and judges nothing. */
  const assertPartial = (text: string, part: string, label: string) => {
    t.ok(text.includes(part), `${label}: names ${part}`)
    t.match(text, /\bfull (?:\w+ )?total is unknown|\bnot (?:your \w+'s |the )?full total/i, `${label}: not the full total`)
    t.notMatch(text, /Add protein|light|hearty|Solid|^About|^Roughly/, `${label}: no judgement of a partial total`)
    t.ok(countWords(text) <= MAX_WORDS, `${label}: ${countWords(text)} words`)
  }
  const facts = computeFoodFacts({ food: 'a banana and zorblax' })
  t.equal(facts.complete, false)
  // Banana, raw 63107010: 126 g → 122.2 kcal → 122.
  const text = foodMessage(facts, undefined, 's')
  t.match(text, '122 kcal')
  assertPartial(text, '"zorblax"', 'a banana and zorblax')
  assertPartial(foodMessage(facts, 'lunch', 's'), '"zorblax"', 'lunch')
  t.match(foodMessage(facts, 'lunch', 's'), 'lunch')
  const two = foodMessage(computeFoodFacts({ food: 'a banana, zorblax, qwxyz' }), 'snack', 's')
  assertPartial(two, '"zorblax" and 1 more', 'two unmatched parts')
  // Toast 51000110: QNS 25 g → 73.3 kcal; the unmatched part is too long to quote, so it is described.
  const long = foodMessage(computeFoodFacts({ food: 'toast and a big bowl of mystery glorp qwxyz' }), undefined, 's')
  t.match(long, '73 kcal')
  assertPartial(long, 'part of it', 'a long unmatched part')
  for (const kcal of [150, 500, 900]) {
    assertPartial(foodMessage(foodFacts({ kcal, protein_g: 0, complete: false, unmatched: ['zorblax'] }), 'dinner', 's'), '"zorblax"', `${kcal} kcal`)
  }
})

t.test('food: normal and heavy meals', async (t) => {
  // The lunch: 141.6 + 148.8 + 446.6 = 737 kcal.
  t.same(variants((s) => foodMessage(computeFoodFacts({ food: 'a cup of plain tortilla chips, a can of caffeine-free fruit-flavored soft drink, and a small burrito with chicken and beans' }), 'lunch', s)), [
    'About 737 kcal for this lunch. A side of vegetables would add fibre for very few calories.',
    'Roughly 737 kcal. Solid lunch; swap refined grains for whole grains to add fibre.'
  ])
  t.equal(foodMessage(foodFacts({ kcal: 900 }), 'dinner', 's'),
    'About 900 kcal, a hearty dinner. Balance the day with vegetables and lean protein at your next meal.')
  for (const kcal of [300, 800]) {
    for (const text of variants((s) => foodMessage(foodFacts({ kcal }), undefined, s))) {
      t.match(text, new RegExp(`^(About|Roughly) ${kcal} kcal(\\.| for this meal)`), `${kcal} kcal is a normal meal`)
    }
  }
})

t.test('food: every message stays within 25 words', async (t) => {
  const over: string[] = []
  const meals = [undefined, 'breakfast', 'lunch', 'dinner', 'snack'] as const
  const unmatched = [[], ['zorblax'], ['zorblax', 'qwxyz'], ['the grey blorp wobble goo'], ['a big ol\' tub of mom zuzu goo'], ['zz yy xx ww vv uu tt ss qq pp']]
  for (const kcal of [null, 0, 150, 500, 900, 12345]) {
    for (const parts of unmatched) {
      for (const protein of [null, 0, 30]) {
        const facts = foodFacts({ kcal, protein_g: protein, complete: kcal !== null && parts.length === 0, unmatched: parts })
        for (const meal of meals) {
          for (const text of variants((s) => foodMessage(facts, meal, s))) {
            if (countWords(text) > MAX_WORDS) over.push(`${countWords(text)} words: ${text}`)
          }
        }
      }
    }
  }
  // An unmatched part is quoted back inside the template, so its length must be bounded in words.
  t.same(over.slice(0, 3), [], `${over.length} messages over ${MAX_WORDS} words`)
  const real = foodMessage(computeFoodFacts({ food: 'a banana and a big ol\' tub of mom\'s zuzu goo' }), undefined, 's')
  t.ok(countWords(real) <= MAX_WORDS, `${countWords(real)} words: ${real}`)
})

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
  t.equal(await write({ topic: 'food', entry: f1, context: {}, facts: foodFacts({ kcal: 500 }) }),
    'About 500 kcal for this breakfast. A side of vegetables would add fibre for very few calories.')
  t.equal(await write({ topic: 'food', entry: f2, context: {}, facts: foodFacts({ kcal: 500 }) }),
    'Roughly 500 kcal. Solid lunch; swap refined grains for whole grains to add fibre.')
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

t.test('food: a meal counted partly as near foods is an estimate, not judged', async (t) => {
  // "kasepa fish" is counted as 26100110 Fish, NFS, 238 kcal per 100 g: 150 g → 357.
  const text = foodMessage(computeFoodFacts({ food: '150 g of boiled kasepa fish' }), 'lunch', 's')
  t.equal(text, 'Roughly 357 kcal, counting part of it as the nearest food we know, so the lunch total is an estimate.')
})
