import t from 'tap'
import { DEFAULT_WEIGHT_KG, computeGymFacts } from '../../../src/advice/facts/gym.js'

// METs, headings and descriptions below are the rows of
// src/advice/data/sources/compendium-2024/adult-compendium-2024.csv (grep ',<code>,'), and every
// kcal_burned is MET × kg × hours worked by hand, rounded to 0.1 kcal.

const COMPENDIUM = 'Herrmann SD et al. 2024 Adult Compendium of Physical Activities, J Sport Health Sci 2024;13(1):6-12, pacompendium.com'
const EFSA_WEIGHT = 'EFSA Scientific Committee, default body weight 70 kg, EFSA J 2012;10(3):2579'
const ACSM = 'ACSM Position Stand: Exercise and fluid replacement, Med Sci Sports Exerc 2007;39:377-390'
const ASSUMED = 'weight_kg not given: 70 kg assumed'
const NO_DURATION = 'no duration given (duration_minutes) or found in the activity text, so kcal_burned is unknown'
const RUNNING = 'Running, 6-6.3 mph (10 min/mile)'
const cite = (code: string) => `Compendium 2024 ${code}: ${COMPENDIUM}`

t.test('the default weight is the EFSA 70 kg', async (t) => {
  t.equal(DEFAULT_WEIGHT_KG, 70)
})

t.test('running, 45 minutes, no weight: 9.3 × 70 kg × 0.75 h = 488.25 → 488.3 kcal', async (t) => {
  // Running,12050,9.3,"Running, 6-6.3 mph (10 min/mile)"
  t.same(computeGymFacts({ activity: 'running', duration_minutes: 45 }), {
    activity: 'Running',
    compendium_heading: 'Running',
    met: 9.3,
    compendium_code: '12050',
    compendium_description: RUNNING,
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 45,
    kcal_burned: 488.3,
    kcal_net: 435.8, // (9.3 − 1) × 70 × 0.75 = 435.75
    reported_kcal: null,
    water_extra_l: 0.38,
    notes: [ASSUMED],
    sources: [EFSA_WEIGHT, cite('12050'), ACSM]
  })
})

t.test('worked example: 30 minutes of running (Compendium 12050, 9.3 MET) at 70 kg → 9.3 × 70 × 0.5 h = 325.5 kcal', async (t) => {
  t.equal(computeGymFacts({ activity: 'running', duration_minutes: 30 }).kcal_burned, 325.5)
})

t.test('a given weight is used and not assumed', async (t) => {
  const facts = computeGymFacts({ activity: 'Running', duration_minutes: 45, weight_kg: 80 })
  t.equal(facts.weight_kg, 80)
  t.equal(facts.weight_assumed, false)
  t.equal(facts.kcal_burned, 558, '9.3 × 80 × 0.75')
  t.same(facts.notes, [])
  t.same(facts.sources, [cite('12050'), ACSM])
})

t.test('the Compendium row, heading and MET for common workouts', async (t) => {
  const cases: Array<[string, number, string, string, number, string, number]> = [
    // [text, minutes, code, heading, MET, description, kcal = MET × 70 × h]
    ['yoga', 60, '02175', 'Conditioning Exercise', 2.3, 'Yoga, General', 161], // 2.3 × 70 × 1
    ['hatha yoga', 60, '02150', 'Conditioning Exercise', 2.3, 'Yoga, Hatha', 161],
    ['hot yoga', 30, '02155', 'Conditioning Exercise', 3, 'Yoga, Hot', 105], // 3 × 70 × 0.5
    // Our name for weight lifting is the general row, not 02050's vigorous power lifting (6.0 MET).
    ['weight lifting', 45, '02054', 'Conditioning Exercise', 3.5,
      'Resistance (weight) training, multiple exercises, 8-15 reps at varied resistance', 183.8], // 3.5 × 70 × 0.75 = 183.75
    ['walking', 30, '17190', 'Walking', 3.8, 'Walking, 2.8 to 3.4 mph, level, moderate pace, firm surface', 133], // 3.8 × 70 × 0.5
    ['soccer', 90, '15610', 'Sports', 7, 'Soccer, casual, general (Taylor Code 540)', 735], // 7 × 70 × 1.5
    ['swimming laps', 30, '18240', 'Water Activities', 5.8, 'Swimming laps, freestyle, slow, recreational', 203], // 5.8 × 70 × 0.5
    ['basketball', 60, '15055', 'Sports', 7.5, 'Basketball, general', 525] // 7.5 × 70 × 1
  ]
  for (const [activity, minutes, code, heading, met, description, kcal] of cases) {
    const facts = computeGymFacts({ activity, duration_minutes: minutes })
    t.same([facts.compendium_code, facts.compendium_heading, facts.met, facts.compendium_description, facts.kcal_burned],
      [code, heading, met, description, kcal], activity)
    t.same(facts.sources, [EFSA_WEIGHT, cite(code), ACSM], `${activity}: cites its Compendium code`)
  }
  t.equal(computeGymFacts({ activity: 'weight lifting' }).activity, 'Resistance', 'the name is the description up to its first comma or bracket')
})

t.test('a speed in the text picks the row whose range holds it', async (t) => {
  // Bicycling,01040,10.0,"Bicycling, 14-15.9 mph, racing or leisure, fast, vigorous effort": 10 × 80 × 1 = 800
  const cycling = computeGymFacts({ activity: 'cycling 14 mph', duration_minutes: 60, weight_kg: 80 })
  t.same([cycling.compendium_code, cycling.compendium_heading, cycling.met, cycling.kcal_burned], ['01040', 'Bicycling', 10, 800])
  t.same(cycling.notes, ['speed read as 14 mph'])
  // 25 km/h ÷ 1.609344 = 15.53 mph: the same row, 10 × 70 × 1 = 700.
  const metric = computeGymFacts({ activity: 'cycling 25 km/h', duration_minutes: 60 })
  t.same([metric.compendium_code, metric.kcal_burned], ['01040', 700])
  t.same(metric.notes, [ASSUMED, 'speed read as 15.5 mph'])
  t.same(computeGymFacts({ activity: 'running 6 mph', duration_minutes: 30 }).notes, [ASSUMED, 'speed read as 6 mph'])
})

t.test('a partial match says how the text was read', async (t) => {
  // Conditioning Exercise,02210,7.0,"High intensity interval exercise, moderate effort": 7 × 70 × 1/3 h = 163.33 → 163.3
  const facts = computeGymFacts({ activity: 'HighIntensityIntervalTraining', duration_minutes: 20 })
  t.same([facts.compendium_code, facts.compendium_heading, facts.kcal_burned, facts.water_extra_l], ['02210', 'Conditioning Exercise', 163.3, 0.17])
  // The identifier is one of our own names for 02210, so it is an exact match and needs no note.
  t.same(facts.notes, [ASSUMED])
  // Running,12050,9.3: 9.3 × 70 × 0.75 h = 488.25 → 488.3
  const typo = computeGymFacts({ activity: 'runing', duration_minutes: 45 })
  t.same([typo.compendium_code, typo.kcal_burned], ['12050', 488.3], 'a typo is corrected')
  t.same(typo.notes, [ASSUMED, '"runing" read as Compendium 12050: Running, 6-6.3 mph (10 min/mile)'], 'and the note says how it was read')
})

t.test('intensity picks a variant of the same activity', async (t) => {
  // Running,12050,9.3 is the default. The Compendium's running rows are by speed, not effort words.
  // Earlier in this change low gave 12200 "Running, marathon" (13.3) and moderate gave 14020
  // "General, moderate effort" (Sexual Activity): the heading checks guard that.
  for (const intensity of ['low', 'moderate', 'high'] as const) {
    const facts = computeGymFacts({ activity: 'running', duration_minutes: 60, intensity })
    t.equal(facts.compendium_heading, 'Running', `${intensity}: still running (${facts.compendium_description})`)
    t.equal(facts.kcal_burned, Math.round((facts.met as number) * 70 * 10) / 10, `${intensity}: kcal is MET × 70 kg × 1 h`)
  }
  const low = computeGymFacts({ activity: 'running', duration_minutes: 60, intensity: 'low' })
  const high = computeGymFacts({ activity: 'running', duration_minutes: 60, intensity: 'high' })
  // Policy: for running an effort stands for a speed: low 5 mph → Running,12030,8.5; high 7.5 mph → Running,12080,11.8.
  t.ok((low.met as number) < 9.3, `low: below the 9.3 default (got ${low.met})`)
  t.ok((high.met as number) > 9.3, `high: above the 9.3 default (got ${high.met})`)
  t.same([low.compendium_code, low.kcal_burned, high.compendium_code, high.kcal_burned], ['12030', 595, '12080', 826])
})

t.test('an unknown activity gives no numbers it cannot know', async (t) => {
  t.same(computeGymFacts({ activity: 'quidditch', duration_minutes: 60 }), {
    activity: null,
    compendium_heading: null,
    met: null,
    compendium_code: null,
    compendium_description: null,
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 60,
    kcal_burned: null,
    kcal_net: null,
    reported_kcal: null,
    water_extra_l: 0.5,
    notes: [ASSUMED, '"quidditch" matched no activity in the 2024 Compendium, so kcal_burned is unknown'],
    sources: [EFSA_WEIGHT, ACSM]
  })
  const run = computeGymFacts({ activity: 'went for a run in the park', duration_minutes: 30 })
  t.equal(run.compendium_code, '12050', 'a run in the park is running')
})

t.test('without a duration kcal_burned and water are null, with a note', async (t) => {
  const facts = computeGymFacts({ activity: 'running', weight_kg: 70 })
  t.equal(facts.kcal_burned, null)
  t.equal(facts.water_extra_l, null)
  t.equal(facts.duration_minutes, null)
  t.equal(facts.met, 9.3, 'the activity is still matched')
  t.equal(facts.compendium_heading, 'Running')
  t.same(facts.notes, [NO_DURATION])
  t.same(facts.sources, [cite('12050')], 'no ACSM without a duration')

  const neither = computeGymFacts({ activity: 'quidditch' })
  t.equal(neither.kcal_burned, null)
  t.equal(neither.water_extra_l, null)
  t.equal(neither.notes.length, 3)
  t.equal(neither.notes[2], NO_DURATION)
})

t.test('calories_burned is reported beside ours, never replacing it', async (t) => {
  const facts = computeGymFacts({ activity: 'running', duration_minutes: 45, calories_burned: 600 })
  t.equal(facts.kcal_burned, 488.3)
  t.equal(facts.reported_kcal, 600)
  t.same(facts.notes, [ASSUMED, 'your figure 600 kcal; ours 488.3 kcal (gross, MET × kg × h)'])

  const zero = computeGymFacts({ activity: 'running', duration_minutes: 45, calories_burned: 0 })
  t.equal(zero.reported_kcal, 0, 'zero is a figure, not a missing one')

  const unknown = computeGymFacts({ activity: 'running', calories_burned: 300 })
  t.equal(unknown.kcal_burned, null)
  t.equal(unknown.reported_kcal, 300)
  t.same(unknown.notes, [ASSUMED, NO_DURATION], 'no comparison without our figure')
})

t.test('extra water is 0.5 L per hour', async (t) => {
  t.equal(computeGymFacts({ activity: 'yoga', duration_minutes: 60 }).water_extra_l, 0.5)
  t.equal(computeGymFacts({ activity: 'yoga', duration_minutes: 90 }).water_extra_l, 0.75)
  t.equal(computeGymFacts({ activity: 'yoga', duration_minutes: 120 }).water_extra_l, 1)
  t.equal(computeGymFacts({ activity: 'yoga', duration_minutes: 10 }).water_extra_l, 0.08)
  t.equal(computeGymFacts({ activity: 'yoga', duration_minutes: 600 }).water_extra_l, 5)
})

t.test('other documented fields never change the numbers', async (t) => {
  const plain = computeGymFacts({ activity: 'cycling', duration_minutes: 40 })
  const rich = computeGymFacts({
    activity: 'cycling', duration_minutes: 40, heart_rate: 160, equipment_used: ['bike'], muscle_groups: ['legs'], rest_periods: 0
  })
  t.same(rich, plain)
  // Bicycling,01014,7.0,"Bicycling, general": 7 × 70 × 40/60 h = 326.67 → 326.7
  t.same([plain.compendium_code, plain.compendium_heading, plain.kcal_burned], ['01014', 'Bicycling', 326.7])
})

t.test('a duration in the text is used when duration_minutes is absent, with a note', async (t) => {
  // Bicycling,01030,8.0,"Bicycling, 12-13.9 mph, leisure, moderate effort": 10 km in 30 min = 20 km/h = 12.43 mph.
  // Gross 8.0 × 70 × 0.5 = 280 kcal; net (8.0 − 1) × 70 × 0.5 = 245 kcal.
  const ride = computeGymFacts({ activity: 'cycled 10 km in 30 min' })
  t.same([ride.duration_minutes, ride.compendium_code, ride.met, ride.kcal_burned, ride.kcal_net, ride.water_extra_l], [30, '01030', 8, 280, 245, 0.25])
  t.same(ride.notes, [ASSUMED, 'duration 30 min read from the activity text', 'speed 12.4 mph from 10 km in 30 min'])
  // Yoga,02175,2.3: an hour → 2.3 × 70 = 161 gross, 1.3 × 70 = 91 net.
  const yoga = computeGymFacts({ activity: 'an hour of yoga' })
  t.same([yoga.duration_minutes, yoga.compendium_code, yoga.kcal_burned, yoga.kcal_net], [60, '02175', 161, 91])
  t.same(yoga.notes, [ASSUMED, 'duration 60 min read from the activity text'], 'no speed note where no speed was read')
  // Running,12060,10.5,"Running, 6.7 mph (9 min/mile)": 10 km in 55 min = 6.78 mph; 10.5 × 70 × 55/60 = 673.75.
  const run = computeGymFacts({ activity: 'ran 10k in 55 min' })
  t.same([run.duration_minutes, run.compendium_code, run.kcal_burned, run.kcal_net], [55, '12060', 673.8, 609.6]) // 9.5 × 70 × 55/60 = 609.58
})

t.test('a field sent wins over the text', async (t) => {
  // High intensity interval exercise 02210, 7.0 MET: the 45 sent, not the text's 30: 7 × 70 × 0.75 = 367.5, 6 × 70 × 0.75 = 315.
  const hiit = computeGymFacts({ activity: '30 min HIIT class', duration_minutes: 45 })
  t.same([hiit.duration_minutes, hiit.compendium_code, hiit.kcal_burned, hiit.kcal_net], [45, '02210', 367.5, 315])
  t.same(hiit.notes, [ASSUMED, 'duration_minutes 45 used; the activity text says 30 min'])
  // The text's 10 km in 50 min is 7.46 mph (Running,12080,11.8, "7.5 mph"); the 8 km sent make it 5.97 mph
  // (Running,12050,9.3, "6-6.3 mph"): 9.3 × 70 × 50/60 = 542.5.
  t.equal(computeGymFacts({ activity: 'ran 10k in 50 min' }).compendium_code, '12080')
  const sent = computeGymFacts({ activity: 'ran 10k in 50 min', distance_km: 8 })
  t.same([sent.compendium_code, sent.kcal_burned], ['12050', 542.5])
  // A sent intensity wins over an effort word: "easy" would be 12030 at 5 mph; high is 12080 at 7.5 mph.
  t.equal(computeGymFacts({ activity: 'easy run', intensity: 'high', duration_minutes: 30 }).compendium_code, '12080')
})

t.test('distance and time give a speed; distance and speed give a time', async (t) => {
  // distance_km with a duration: 15 km in 40 min = 22.5 km/h = 13.98 mph → Bicycling,01040,10.0 "14-15.9 mph"
  // (0.02 mph below it; 01030 "12-13.9" is 0.08 above): 10 × 70 × 40/60 = 466.67.
  const ride = computeGymFacts({ activity: 'cycling', duration_minutes: 40, distance_km: 15 })
  t.same([ride.compendium_code, ride.kcal_burned], ['01040', 466.7])
  // 40 km at 25 km/h is 1.6 h = 96 min; 25 km/h = 15.53 mph → 01040: 10 × 70 × 1.6 = 1120; 9 × 70 × 1.6 = 1008.
  const far = computeGymFacts({ activity: 'cycled 40 km at 25 km/h' })
  t.same([far.duration_minutes, far.compendium_code, far.kcal_burned, far.kcal_net], [96, '01040', 1120, 1008])
  t.same(far.notes, [ASSUMED, 'duration 96 min worked out from 40 km at 15.5 mph', 'speed read as 15.5 mph'])
  // 30 km in 15 min would be 74.6 mph: no such ride, so the general row stands (Bicycling,01014,7.0): 7 × 70 × 0.25 = 122.5.
  const slip = computeGymFacts({ activity: 'biked 30 km in 15 min' })
  t.same([slip.compendium_code, slip.kcal_burned], ['01014', 122.5])
  t.same(slip.notes, [ASSUMED, 'duration 15 min read from the activity text', '30 km in 15 min is faster than 30 mph, so no speed was taken from it'])
  // A treadmill names no gait: at 6 mph it is a run (Running,12050,9.3), not a 5.5 mph walk.
  t.equal(computeGymFacts({ activity: 'treadmill 30 min at 6 mph' }).compendium_code, '12050')
})

t.test('kcal_net is null exactly when kcal_burned is', async (t) => {
  t.equal(computeGymFacts({ activity: 'running' }).kcal_net, null, 'no duration')
  t.equal(computeGymFacts({ activity: 'quidditch for an hour' }).kcal_net, null, 'no activity')
  // Running 12050 at 9.3 MET, 80 kg, 1 h: 744 gross, 664 net.
  t.same([computeGymFacts({ activity: 'running', duration_minutes: 60, weight_kg: 80 }).kcal_burned, computeGymFacts({ activity: 'running', duration_minutes: 60, weight_kg: 80 }).kcal_net], [744, 664])
})

t.test('an unknown qualifier keeps the activity it qualifies, with a note', async (t) => {
  // Walking,17088,4.5,"Marching, moderate speed, military, no pack": 4.5 × 70 × 2 = 630.
  const march = computeGymFacts({ activity: 'a zorbly march of 2 hours' })
  t.same([march.compendium_code, march.compendium_heading, march.kcal_burned], ['17088', 'Walking', 630])
  t.ok(march.notes.includes('"a zorbly march of 2 hours" read as Compendium 17088: Marching, moderate speed, military, no pack, from "marching" alone'), march.notes.join(' | '))
  // A qualifier the table knows is read: Occupation,11886,6.3,"Soldiers, military loaded marching, varying
  // terrain, 25-40 kg load": 6.3 × 70 × 2 = 882.
  const loaded = computeGymFacts({ activity: 'a loaded march of 2 hours' })
  t.same([loaded.compendium_code, loaded.compendium_heading, loaded.kcal_burned], ['11886', 'Occupation', 882])
  // Swimming,18310,6.0,"Swimming, leisurely, not lap swimming, general".
  t.equal(computeGymFacts({ activity: 'lunchtime swim' }).compendium_code, '18310')
})

t.test('without an effort word, the general or moderate row, not the vigorous one', async (t) => {
  // Water Activities,18240,5.8,"Swimming laps, freestyle, slow, recreational", not 18230 (9.8, vigorous).
  t.equal(computeGymFacts({ activity: 'swam laps' }).compendium_code, '18240')
  t.equal(computeGymFacts({ activity: 'swam laps hard' }).compendium_code, '18230')
  // Conditioning Exercise,02054,3.5, not 02050 (6.0, vigorous).
  t.equal(computeGymFacts({ activity: 'lifting weights' }).compendium_code, '02054')
  t.equal(computeGymFacts({ activity: 'lifting weights', intensity: 'high' }).compendium_code, '02050')
})
