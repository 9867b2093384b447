import t from 'tap'
import { round } from '../../../src/advice/facts/round.js'
import {
  ARMY_L_PER_H, DANGEROUS_DAY_L, DRINKS_SHARE, EFSA_DEFAULT_L, EXERCISE_HEAT_L_PER_H, EXERCISE_L_PER_H, HEAT_DAY_L, HOT_C,
  KIDNEY_L_PER_H, ML_PER_KG, UNSAFE_DAY_L, computeWaterFacts, hoursIntoDay
} from '../../../src/advice/facts/water.js'

const SRC = {
  drinks: 'Jéquier E, Constant F. Eur J Clin Nutr 2010;64:115-123 (70–80 % of water from drinks)',
  weight: 'Total water 35 mL/kg/day, adults 18–60 y (PMC11614447)',
  efsa: 'EFSA NDA Panel, Dietary Reference Values for water, EFSA J 2010;8(3):1459',
  acsm: 'ACSM Position Stand: Exercise and fluid replacement, Med Sci Sports Exerc 2007;39:377-390',
  iom: 'IOM Dietary Reference Intakes for Water, 2004 (NAP 10925)',
  kidney: 'Joo MA, Kim EY. Ann Pediatr Endocrinol Metab 2013;18:95 (kidney limit ~1 L/h)',
  army: 'US Army hot-weather fluid replacement guide; Montain SJ et al. Mil Med 1999;164:502',
  cases: 'Rangan GK et al. BMJ Open 2021;11:e046539 (water-intoxication cases, median 8 L/day)'
}
const BASIS_70 = '35 mL per kg of body weight (70 kg) for total water; drinks are 80 % of it'
const BASIS_EFSA = 'EFSA adequate intake of total water, 2.25 L (midpoint of 2.0 L women and 2.5 L men, as sex is not given); drinks are 80 % of it'
const SPREAD = 'spread the rest out: no more than 1 L in any hour'
const NO_WEIGHT = 'weight_kg not given: target from the EFSA adequate intake'
const ACTIVITY_ONLY = 'activity_level is context only: send exercise_duration (minutes) to add water for exercise'

t.test('round keeps decimals exact', async (t) => {
  t.equal(round(2.45, 2), 2.45)
  t.equal(round(2.45), 2.5, 'one decimal by default, half up')
  t.equal(round(1.005, 2), 1.01, 'binary 1.00499… still rounds up')
  t.equal(round(70 * 35 / 1000 * 0.8, 2), 1.96)
  t.equal(round(488.25), 488.3)
  t.equal(round(220.1, 0), 220)
  t.equal(round(0), 0)
})

t.test('the constants are the cited values', async (t) => {
  t.same(
    [ML_PER_KG, EFSA_DEFAULT_L, DRINKS_SHARE, EXERCISE_L_PER_H, EXERCISE_HEAT_L_PER_H, HEAT_DAY_L, HOT_C, KIDNEY_L_PER_H, ARMY_L_PER_H, UNSAFE_DAY_L, DANGEROUS_DAY_L],
    [35, 2.25, 0.8, 0.5, 0.75, 0.5, 30, 1.0, 1.4, 6, 10]
  )
})

t.test('the worked example of docs/data-and-pipeline.md: 70 kg, one hour of exercise, mild weather', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 1.2, weight_kg: 70, exercise_duration: 60, temperature: 20 })
  t.same(facts, {
    intake_l: 1.2,
    target_l: 2.46,
    remaining_l: 1.26,
    basis: `${BASIS_70}; plus 0.5 L per hour of exercise`,
    baseline_l: 1.96,
    exercise_extra_l: 0.5,
    heat_extra_l: 0,
    warnings: [],
    notes: [SPREAD],
    sources: [SRC.drinks, SRC.weight, SRC.acsm, SRC.kidney]
  })
})

t.test('without weight: EFSA 2.25 L total water, 80 % from drinks, and a note', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 1 })
  t.same(facts, {
    intake_l: 1,
    target_l: 1.8,
    remaining_l: 0.8,
    basis: BASIS_EFSA,
    baseline_l: 1.8,
    exercise_extra_l: 0,
    heat_extra_l: 0,
    warnings: [],
    notes: [NO_WEIGHT],
    sources: [SRC.drinks, SRC.efsa]
  })
})

t.test('the seed request: 2 L at 10:00, no weight', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 2.0, time: '2024-06-01T10:00:00' })
  t.equal(facts.target_l, 1.8)
  t.equal(facts.remaining_l, 0)
  t.same(facts.warnings, [])
})

t.test('heat (30 °C or more) adds 0.5 L and exercise at 0.75 L/h', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 1, weight_kg: 70, exercise_duration: 60, temperature: 32 })
  t.same(facts, {
    intake_l: 1,
    target_l: 3.21,
    remaining_l: 2.21,
    basis: `${BASIS_70}; plus 0.75 L per hour of exercise; plus 0.5 L for heat (30 °C or more)`,
    baseline_l: 1.96,
    exercise_extra_l: 0.75,
    heat_extra_l: 0.5,
    warnings: [],
    notes: [SPREAD],
    sources: [SRC.drinks, SRC.weight, SRC.acsm, SRC.iom, SRC.kidney]
  })
  const at30 = computeWaterFacts({ amount_liters: 1, temperature: 30 })
  t.equal(at30.heat_extra_l, 0.5, 'exactly 30 °C counts as hot')
  t.equal(at30.target_l, 2.3)
  t.equal(at30.basis, `${BASIS_EFSA}; plus 0.5 L for heat (30 °C or more)`)
  t.same(at30.sources, [SRC.drinks, SRC.efsa, SRC.iom, SRC.kidney])
  const below = computeWaterFacts({ amount_liters: 1, temperature: 29.9, exercise_duration: 30 })
  t.equal(below.heat_extra_l, 0)
  t.equal(below.exercise_extra_l, 0.25, 'half an hour at 0.5 L/h')
  t.equal(below.target_l, 2.05)
})

t.test('remaining is never negative', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 5, weight_kg: 70 })
  t.equal(facts.remaining_l, 0)
  t.equal(facts.target_l, 1.96)
  t.same(facts.notes, [])
  t.same(computeWaterFacts({ amount_liters: 1.96, weight_kg: 70 }).remaining_l, 0, 'exactly met')
})

t.test('daily warnings', async (t) => {
  const ten = computeWaterFacts({ amount_liters: 10 })
  t.same(ten.warnings, ['dangerous: 10 L in a day risks water intoxication (hyponatraemia); reported cases had a median of 8 L/day'])
  t.same(ten.sources, [SRC.drinks, SRC.efsa, SRC.cases])

  const tenWithExercise = computeWaterFacts({ amount_liters: 10, exercise_duration: 120, temperature: 35 })
  t.equal(tenWithExercise.warnings.length, 1, '10 L is dangerous even with heat and exercise')
  t.match(tenWithExercise.warnings[0], /^dangerous: 10 L in a day/)

  const unsafe = computeWaterFacts({ amount_liters: 6.5 })
  t.same(unsafe.warnings, ['unsafe: over 6 L in a day without heat or exercise risks hyponatraemia'])
  t.same(unsafe.sources, [SRC.drinks, SRC.efsa, SRC.cases])

  t.same(computeWaterFacts({ amount_liters: 6.5, exercise_duration: 60 }).warnings, [], '6.5 L with exercise: no day warning')
  t.same(computeWaterFacts({ amount_liters: 6.5, temperature: 35 }).warnings, [], '6.5 L in heat: no day warning')
  t.same(computeWaterFacts({ amount_liters: 6 }).warnings, [], 'exactly 6 L is not over 6 L')
  t.same(computeWaterFacts({ amount_liters: 9.9, exercise_duration: 60 }).warnings, [], 'under 10 L with exercise')
})

t.test('a warning can come with litres still to go when the target is large', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 6.5, weight_kg: 250 })
  t.equal(facts.target_l, 7)
  t.equal(facts.remaining_l, 0.5)
  t.same(facts.warnings, ['unsafe: over 6 L in a day without heat or exercise risks hyponatraemia'])
})

t.test('hoursIntoDay reads the clock digits, with or without an offset', async (t) => {
  t.equal(hoursIntoDay(undefined), null)
  t.equal(hoursIntoDay('2024-06-01'), null)
  t.equal(hoursIntoDay('2024-06-01T10:00:00'), 10)
  t.equal(hoursIntoDay('2024-06-01T10:30'), 10.5)
  t.equal(hoursIntoDay('2024-06-01 02:15:00'), 2.25)
  t.equal(hoursIntoDay('2024-06-01T02:00:00+05:30'), 2, 'the client\'s own clock, not UTC')
  t.equal(hoursIntoDay('2024-06-01T02:00:00Z'), 2)
  t.equal(hoursIntoDay('2024-06-01T23:45:00.123-0800'), 23.75)
  t.equal(hoursIntoDay('2024-06-01T00:00:00'), 0)
})

t.test('rate warnings from time', async (t) => {
  const fast = computeWaterFacts({ amount_liters: 4, time: '2024-06-01T02:00:00' })
  t.same(fast.warnings, ['dangerous: at least 2 L per hour since midnight; keep under 1 L per hour'])
  t.same(fast.sources, [SRC.drinks, SRC.efsa, SRC.army, SRC.kidney])
  t.equal(fast.remaining_l, 0)

  const unsafe = computeWaterFacts({ amount_liters: 2.5, time: '2024-06-01T02:00:00' })
  t.same(unsafe.warnings, ['unsafe: at least 1.3 L per hour since midnight; kidneys clear about 1 L per hour'])
  t.same(unsafe.sources, [SRC.drinks, SRC.efsa, SRC.kidney])

  for (const time of ['2024-06-01T02:00:00+02:00', '2024-06-01T02:00:00Z', '2024-06-01T02:00', '2024-06-01 02:00:00-05:00']) {
    t.same(computeWaterFacts({ amount_liters: 2.5, time }).warnings, unsafe.warnings, time)
    t.same(computeWaterFacts({ amount_liters: 4, time }).warnings, fast.warnings, time)
  }

  t.same(computeWaterFacts({ amount_liters: 4, time: '2024-06-01T00:00:00' }).warnings, [], 'midnight: no rate')
  t.same(computeWaterFacts({ amount_liters: 4, time: '2024-06-01T00:00:00+09:00' }).warnings, [], 'midnight with offset')
  t.same(computeWaterFacts({ amount_liters: 2.8, time: '2024-06-01T02:00:00' }).warnings,
    ['dangerous: at least 1.4 L per hour since midnight; keep under 1 L per hour'], '1.4 L/h is dangerous')
  t.same(computeWaterFacts({ amount_liters: 2, time: '2024-06-01T02:00:00' }).warnings, [], 'exactly 1 L/h is not over it')
  t.same(computeWaterFacts({ amount_liters: 1.5, time: '2024-06-01T00:30:00' }).warnings,
    ['dangerous: at least 1.5 L per hour since midnight; keep under 1 L per hour'], 'the first hour counts as one hour')
  t.same(computeWaterFacts({ amount_liters: 3, time: '2024-06-01T18:00:00' }).warnings, [], 'a slow day')
})

t.test('a day warning and a rate warning together', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 10, time: '2024-06-01T05:00:00' })
  t.same(facts.warnings, [
    'dangerous: 10 L in a day risks water intoxication (hyponatraemia); reported cases had a median of 8 L/day',
    'dangerous: at least 2 L per hour since midnight; keep under 1 L per hour'
  ])
  t.same(facts.sources, [SRC.drinks, SRC.efsa, SRC.cases, SRC.army, SRC.kidney])
})

t.test('the kidney source is cited once, for a pace warning and the spread note together', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 1.2, weight_kg: 100, time: '2024-06-01T01:00:00' })
  t.equal(facts.target_l, 2.8)
  t.equal(facts.remaining_l, 1.6)
  t.same(facts.warnings, ['unsafe: at least 1.2 L per hour since midnight; kidneys clear about 1 L per hour'])
  t.same(facts.notes, [SPREAD])
  t.same(facts.sources, [SRC.drinks, SRC.weight, SRC.kidney])
})

t.test('activity_level without exercise_duration adds a note and no water', async (t) => {
  const high = computeWaterFacts({ amount_liters: 1, weight_kg: 70, activity_level: 'high' })
  t.equal(high.exercise_extra_l, 0)
  t.equal(high.target_l, 1.96)
  t.same(high.notes, [ACTIVITY_ONLY])
  t.same(high.sources, [SRC.drinks, SRC.weight])
  t.same(computeWaterFacts({ amount_liters: 1, weight_kg: 70, activity_level: 'low', exercise_duration: 0 }).notes, [ACTIVITY_ONLY])
  const withMinutes = computeWaterFacts({ amount_liters: 1, weight_kg: 70, activity_level: 'high', exercise_duration: 90 })
  t.equal(withMinutes.exercise_extra_l, 0.75)
  t.equal(withMinutes.target_l, 2.71)
  t.same(withMinutes.notes, [SPREAD], 'exercise_duration given: no activity note')
})

t.test('the spread note appears only above 1 L remaining', async (t) => {
  t.same(computeWaterFacts({ amount_liters: 0.8 }).notes, [NO_WEIGHT], 'exactly 1 L to go')
  t.same(computeWaterFacts({ amount_liters: 0.79 }).notes, [NO_WEIGHT, SPREAD])
  t.same(computeWaterFacts({ amount_liters: 0.79 }).sources, [SRC.drinks, SRC.efsa, SRC.kidney])
})

t.test('the target never exceeds the 11.4 L/day Army cap', async (t) => {
  const facts = computeWaterFacts({ amount_liters: 1, exercise_duration: 1440, temperature: 35 })
  t.equal(facts.target_l, 11.4)
  t.ok(facts.notes.some((n) => n.includes('capped at 11.4 L/day')))
  t.ok(facts.sources.some((s) => s.includes('Montain')))
  const normal = computeWaterFacts({ amount_liters: 1, exercise_duration: 60 })
  t.notOk(normal.notes.some((n) => n.includes('capped')))
})
