import t from 'tap'
import { groups, matchActivity, type ActivityMatch } from '../../../src/advice/data/activities.js'
import { DEFAULT_WEIGHT_KG, computeGymFacts } from '../../../src/advice/facts/gym.js'

const COMPENDIUM = 'Herrmann SD et al. 2024 Adult Compendium of Physical Activities, J Sport Health Sci 2024;13(1):6-12, pacompendium.com'
const EFSA_WEIGHT = 'EFSA Scientific Committee, default body weight 70 kg, EFSA J 2012;10(3):2579'
const ACSM = 'ACSM Position Stand: Exercise and fluid replacement, Med Sci Sports Exerc 2007;39:377-390'
const ASSUMED = 'weight_kg not given: 70 kg assumed'
const NO_DURATION = 'duration_minutes not given, so kcal_burned is unknown'

/** The table's match for a text, failing the test when there is none. */
function match (text: string, intensity?: ActivityMatch['intensityUsed']): ActivityMatch {
  const found = matchActivity(text, intensity ?? undefined)
  if (found === null) throw new Error(`no activity matches "${text}"`)
  return found
}

t.test('the default weight is the EFSA 70 kg', async (t) => {
  t.equal(DEFAULT_WEIGHT_KG, 70)
})

t.test('running, 45 minutes, no weight: 9.3 × 70 kg × 0.75 h = 488.3 kcal', async (t) => {
  const running = match('running')
  t.equal(running.code, '12050', 'the Compendium default row for running')
  t.equal(running.met, 9.3)
  t.same(computeGymFacts({ activity: 'running', duration_minutes: 45 }), {
    activity: 'running',
    met: 9.3,
    compendium_code: '12050',
    compendium_description: running.description,
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 45,
    kcal_burned: 488.3,
    reported_kcal: null,
    water_extra_l: 0.38,
    notes: [ASSUMED],
    sources: [EFSA_WEIGHT, `Compendium 2024 12050: ${COMPENDIUM}`, ACSM]
  })
})

t.test('DATA-SOURCES worked example: 30 minutes at 9.3 MET, 70 kg → 325.5 kcal', async (t) => {
  t.equal(computeGymFacts({ activity: 'running', duration_minutes: 30 }).kcal_burned, 325.5)
})

t.test('a given weight is used and not assumed', async (t) => {
  const facts = computeGymFacts({ activity: 'Running', duration_minutes: 45, weight_kg: 80 })
  t.equal(facts.weight_kg, 80)
  t.equal(facts.weight_assumed, false)
  t.equal(facts.kcal_burned, 558)
  t.same(facts.notes, [])
  t.same(facts.sources, [`Compendium 2024 12050: ${COMPENDIUM}`, ACSM])
})

t.test('intensity picks the Compendium variant', async (t) => {
  for (const intensity of ['low', 'moderate', 'high'] as const) {
    const expected = match('running', intensity)
    t.equal(expected.intensityUsed, intensity)
    const facts = computeGymFacts({ activity: 'running', duration_minutes: 60, intensity })
    t.equal(facts.compendium_code, expected.code, intensity)
    t.equal(facts.met, expected.met)
    t.equal(facts.kcal_burned, Math.round(expected.met * 70 * 10) / 10, `${intensity}: MET × 70 kg × 1 h`)
    t.same(facts.notes, [ASSUMED], 'no variant note')
    t.equal(facts.sources[1], `Compendium 2024 ${expected.code}: ${COMPENDIUM}`)
  }
  t.not(match('running', 'high').code, match('running', 'low').code, 'the variants differ')
  t.ok(match('running', 'high').met > match('running', 'low').met)
})

t.test('an intensity the Compendium lacks falls back to the default row, with a note', async (t) => {
  const jogging = match('jogging')
  t.equal(match('jogging', 'high').intensityUsed, null, 'the table has no high-intensity jogging')
  const facts = computeGymFacts({ activity: 'jogging', duration_minutes: 30, intensity: 'high', weight_kg: 60 })
  t.equal(facts.compendium_code, jogging.code)
  t.equal(facts.kcal_burned, Math.round(jogging.met * 60 * 0.5 * 10) / 10)
  t.same(facts.notes, ['the Compendium has no high-intensity variant of jogging; its default row was used'])

  const pilates = match('pilates')
  t.equal(pilates.name, 'Pilates')
  t.same(computeGymFacts({ activity: 'pilates', duration_minutes: 30, intensity: 'low', weight_kg: 60 }).notes,
    ['the Compendium has no low-intensity variant of Pilates; its default row was used'])
})

t.test('a fuzzy match says how the text was read', async (t) => {
  const runing = match('runing')
  t.equal(runing.matchedBy, 'fuzzy')
  const facts = computeGymFacts({ activity: 'runing', duration_minutes: 45 })
  t.equal(facts.activity, 'running')
  t.equal(facts.kcal_burned, 488.3)
  t.same(facts.notes, [ASSUMED, '"runing" read as running'])
})

t.test('an unknown activity gives no numbers it cannot know', async (t) => {
  t.same(computeGymFacts({ activity: 'quidditch', duration_minutes: 60 }), {
    activity: null,
    met: null,
    compendium_code: null,
    compendium_description: null,
    weight_kg: 70,
    weight_assumed: true,
    duration_minutes: 60,
    kcal_burned: null,
    reported_kcal: null,
    water_extra_l: 0.5,
    notes: [ASSUMED, '"quidditch" matched no activity in the 2024 Compendium table, so kcal_burned is unknown'],
    sources: [EFSA_WEIGHT, ACSM]
  })
})

t.test('without a duration kcal_burned and water are null, with a note', async (t) => {
  const facts = computeGymFacts({ activity: 'running', weight_kg: 70 })
  t.equal(facts.kcal_burned, null)
  t.equal(facts.water_extra_l, null)
  t.equal(facts.duration_minutes, null)
  t.equal(facts.met, 9.3, 'the activity is still matched')
  t.same(facts.notes, [NO_DURATION])
  t.same(facts.sources, [`Compendium 2024 12050: ${COMPENDIUM}`], 'no ACSM without a duration')

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
    activity: 'cycling', duration_minutes: 40, heart_rate: 160, distance_km: 15, equipment_used: ['bike'], muscle_groups: ['legs'], rest_periods: 0
  })
  t.same(rich, plain)
})

t.test('every group: kcal = MET × kg × h to one decimal', async (t) => {
  for (const group of groups) {
    const expected = match(group.aliases[0])
    const facts = computeGymFacts({ activity: group.aliases[0], duration_minutes: 50, weight_kg: 65 })
    t.equal(facts.activity, group.name, group.id)
    t.equal(facts.compendium_code, group.default)
    t.equal(facts.met, expected.met)
    t.equal(facts.kcal_burned, Math.round(expected.met * 65 * (50 / 60) * 10 + 1e-9) / 10, `${group.id}: ${expected.met} MET`)
  }
})
