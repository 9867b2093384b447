import t from 'tap'
import { activities, INTENSITIES } from '../../../src/advice/text/activities.js'
import { computeGymFacts } from '../../../src/advice/facts/gym.js'
import { countWords, MAX_WORDS } from '../../../src/advice/upstream/guard.js'
import { gymMessage, workoutKind } from '../../../src/advice/topics/gym.js'
import { assertClean, gymFacts, variants } from '../../helpers/local-words.js'

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
