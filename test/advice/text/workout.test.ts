import fc from 'fast-check'
import t from 'tap'
import {
  EFFORT_WORDS, KM_PER_METRE, KM_PER_MILE, KM_PER_YARD, MINUTES_PER_HOUR, readEffort, readSpeed, readWorkout, speedOf
} from '../../../src/advice/text/workout.js'
import { FUZZ_SEED, fuzzRuns } from '../../helpers/fuzz-seed.js'

// Every expected value below is worked by hand from the text and the unit definitions
// (international mile 1.609344 km, yard 0.9144 m), never computed by the reader.

t.test('the unit constants are the definitions', async (t) => {
  t.equal(KM_PER_MILE, 1.609344)
  t.equal(KM_PER_METRE, 0.001)
  t.equal(KM_PER_YARD, 0.0009144)
  t.equal(MINUTES_PER_HOUR, 60)
})

t.test('durations as people write them', async (t) => {
  const cases: Array<[string, number | null]> = [
    ['30 min HIIT class', 30],
    ['90 minutes', 90],
    ['45-minute spin class', 45],
    ['20 mins easy', 20],
    ['30m run', 30], // a bare "m" below 100 is minutes
    ['an hour of yoga', 60],
    ['yoga 1hr', 60],
    ['2 hours of hiking', 120],
    ['1.5 hours', 90],
    ['1h15', 75],
    ['1h 15m', 75],
    ['1 hour 15 minutes cycling', 75],
    ['2 hrs and 30 min', 150],
    ['1:30', 90], // up to 3:59, hours and minutes
    ['ran a mile in 7:30', 7.5], // from 4:00, minutes and seconds
    ['25:30 min', 25.5],
    ['1:05 hours', 65],
    ['1:55:00', 115],
    ['half an hour', 30],
    ['half hour walk', 30],
    ['an hour and a half', 90],
    ['hour and a half of tennis', 90],
    ['one and a half hours', 90],
    ['2 and a half hours', 150],
    ['a quarter of an hour', 15],
    ['three quarters of an hour', 45],
    ['an hour-long class', 60],
    ['a couple of hours', 120],
    ['forty-five minutes of pilates', 45],
    ['twenty minutes', 20],
    ['30-40 min', 35], // a range is its middle
    ['1-2 hours', 90],
    ['3x10 min intervals', 30],
    ['20 min bike + 30 min run', 50], // durations add up
    ['ran at 7:15 am for 30 min', 30], // a time of day is not a duration
    ['at 6:30 yoga', null],
    ['running', null],
    ['0 min', null],
    ['700 minutes', null], // beyond the 600-minute bound of duration_minutes
    ['swam 1500m', null] // metres, not minutes
  ]
  for (const [text, minutes] of cases) t.equal(readWorkout(text).minutes, minutes, text)
})

t.test('distances, in km', async (t) => {
  const cases: Array<[string, number | null]> = [
    ['ran 10k', 10],
    ['biked 30 km', 30],
    ['10 kilometres', 10],
    ['5 miles', 8.047], // 5 × 1.609344 = 8.04672
    ['a mile', 1.609],
    ['half a mile', 0.805], // 0.804672
    ['swam 1500m', 1.5],
    ['400 meters', 0.4],
    ['swam 800 yards', 0.732], // 800 × 0.9144 m = 731.52 m
    ['half marathon', 21.098], // 21.0975 km, rounded to metres
    ['marathon', 42.195],
    ['walked 10k steps', null], // a step count
    ['12,000 steps', null],
    ['lifted 10 kg', null],
    ['yoga', null]
  ]
  for (const [text, km] of cases) t.equal(readWorkout(text).distanceKm, km, text)
})

t.test('speeds and paces, in mph', async (t) => {
  t.equal(readSpeed('walked at 5 mph'), 5)
  t.equal(readSpeed('5 miles per hour'), 5)
  t.equal(readSpeed('cycling 25 km/h'), 25 / 1.609344)
  t.equal(readSpeed('16 kph'), 16 / 1.609344)
  t.equal(readSpeed('ran at 6 min/km'), 60 / 6 / 1.609344, '6 min/km is 10 km/h')
  t.equal(readSpeed('8 minutes per mile'), 7.5)
  t.equal(readSpeed('5:30 min/km'), 60 / 5.5 / 1.609344)
  t.equal(readSpeed('0 min/mile'), null, 'no pace is zero minutes')
  t.equal(readSpeed('ran 10k in 50 minutes'), null, 'distance and time are the caller\'s to divide')
  t.equal(speedOf(10, 50), 10 / 1.609344 / (50 / 60), '10 km in 50 minutes is 12 km/h')
  t.equal(Math.round(speedOf(10, 50) * 100) / 100, 7.46)
})

t.test('the words left name the activity', async (t) => {
  t.equal(readWorkout('30 min HIIT class').activity, 'HIIT class', 'case is kept for identifiers')
  t.equal(readWorkout('ran 10k in 55 min').activity, 'ran in')
  t.equal(readWorkout('20 minutes on the treadmill at 5 mph').activity, 'on the treadmill at')
  t.equal(readWorkout('half marathon in 1:55:00').activity, 'half marathon in', 'a race name also names the activity')
  t.same(readWorkout('biked 30 km in 1h15'), { minutes: 75, distanceKm: 30, speedMph: null, effort: null, activity: 'biked in' })
})

t.test('effort words', async (t) => {
  t.equal(readEffort('easy jog'), 'low')
  t.equal(readEffort('Leisurely bike ride'), 'low')
  t.equal(readEffort('light stretching'), 'low')
  t.equal(readEffort('steady row'), 'moderate')
  t.equal(readEffort('brisk walk'), 'high')
  t.equal(readEffort('HARD intervals'), 'high')
  t.equal(readEffort('vigorous swim'), 'high')
  t.equal(readEffort('hardcore yoga'), null, 'whole words only')
  t.equal(readWorkout('easy 30 min jog').effort, 'low')
  t.same(EFFORT_WORDS.map(([, level]) => level), ['low', 'moderate', 'high'])
})

t.test('the reader is total: any text up to 100 characters gives an answer within bounds', async (t) => {
  const pieces = fc.constantFrom('30', '1:30', '1h15', ' min', ' minutes', ' hours', ' km', 'k', ' mi', ' mph', '/km', ' m', ' an hour', ' and a half',
    'half ', 'ran ', 'swim ', ' at ', ' in ', '-', ':', '.', 'x', ' steps', 'forty-five', 'twenty ', 'a ', ' ')
  const text = fc.oneof(
    fc.string({ maxLength: 100 }),
    fc.string({ unit: 'grapheme', maxLength: 100 }),
    fc.array(pieces, { maxLength: 30 }).map((p) => p.join('').slice(0, 100))
  )
  fc.assert(fc.property(text, (s) => {
    const r = readWorkout(s)
    if (r.minutes !== null && !(r.minutes > 0 && r.minutes <= 600)) return false
    if (r.distanceKm !== null && !(r.distanceKm > 0 && r.distanceKm <= 1000)) return false
    if (r.speedMph !== null && !(r.speedMph > 0 && Number.isFinite(r.speedMph))) return false
    return typeof r.activity === 'string' && r.activity.length <= s.length + 2
  }), { seed: FUZZ_SEED, numRuns: fuzzRuns(2000) })
  t.pass('no throw, every number within its bounds')
})
