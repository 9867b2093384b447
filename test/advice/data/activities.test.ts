import { readFileSync } from 'node:fs'
import t from 'tap'
import { Value } from '@sinclair/typebox/value'
import {
  ActivityGroup, ActivityRow, ActivityTable, INTENSITIES, activities, groups, matchActivity, normalizeActivityText
} from '../../../src/advice/data/activities.js'

const table: unknown = JSON.parse(readFileSync(new URL('../../../src/advice/data/activities.json', import.meta.url), 'utf8'))

const byCode = new Map(activities.map((a) => [a.code, a]))
const byGroup = new Map(groups.map((g) => [g.id, g]))

t.test('the file matches the ActivityTable schema', async (t) => {
  const errors = [...Value.Errors(ActivityTable, table)].slice(0, 10).map((e) => `${e.path}: ${e.message}`)
  t.same(errors, [], 'no schema errors')
  t.ok(Value.Check(ActivityTable, table), 'Value.Check passes')
  t.ok(activities.every((a) => Value.Check(ActivityRow, a)), 'every row is an ActivityRow')
  t.ok(groups.every((g) => Value.Check(ActivityGroup, g)), 'every group is an ActivityGroup')
})

t.test('the schema rejects rows the table must never hold', async (t) => {
  const good = { code: '12050', met: 9.3, description: 'running', group: 'running' }
  t.ok(Value.Check(ActivityRow, good))
  t.notOk(Value.Check(ActivityRow, { ...good, code: '1205' }), 'four-digit code')
  t.notOk(Value.Check(ActivityRow, { ...good, met: 0.9 }), 'MET below 1.0')
  t.notOk(Value.Check(ActivityRow, { ...good, met: 25.1 }), 'MET above 25')
  t.notOk(Value.Check(ActivityRow, { ...good, intensity: 'extreme' }), 'unknown intensity')
  t.notOk(Value.Check(ActivityRow, { ...good, kcal: 1 }), 'extra property')
})

t.test('the typed exports are the file', async (t) => {
  const file = table as { activities: unknown[], groups: unknown[] }
  t.same(activities, file.activities)
  t.same(groups, file.groups)
})

t.test('the header names source, terms and retrieval date', async (t) => {
  const file = table as { source: string, terms: string, retrieved: string }
  t.match(file.source, /Herrmann SD.*2024 Adult Compendium of Physical Activities.*J Sport Health Sci 2024;13\(1\):6-12.*pacompendium\.com/)
  t.match(file.terms, /commercial use/)
  t.match(file.terms, /no MET values changed or combined/)
  t.match(file.retrieved, /^\d{4}-\d{2}-\d{2}$/)
})

t.test('rows: at least 60, unique five-digit codes, plausible METs', async (t) => {
  t.ok(activities.length >= 60, `${activities.length} rows`)
  t.equal(byCode.size, activities.length, 'codes are unique')
  t.ok(activities.every((a) => /^\d{5}$/.test(a.code)), 'every code has five digits')
  const outOfRange = activities.filter((a) => !(a.met >= 1 && a.met <= 25)).map((a) => a.code)
  t.same(outOfRange, [], 'every MET is within 1.0-25')
  const notOneDecimal = activities.filter((a) => Math.round(a.met * 10) / 10 !== a.met).map((a) => a.code)
  t.same(notOneDecimal, [], 'METs carry one decimal, as the Compendium prints them')
})

t.test('referential integrity between groups and rows', async (t) => {
  t.equal(byGroup.size, groups.length, 'group ids are unique')
  const orphanRows = activities.filter((a) => !byGroup.has(a.group)).map((a) => a.code)
  t.same(orphanRows, [], 'every row names an existing group')
  for (const g of groups) {
    t.equal(byCode.get(g.default)?.group, g.id, `${g.id}: default ${g.default} is a row of the group`)
    for (const [level, code] of Object.entries(g.byIntensity ?? {})) {
      const row = byCode.get(code)
      t.equal(row?.group, g.id, `${g.id}: ${level} ${code} is a row of the group`)
      t.equal(row?.intensity, level, `${g.id}: row ${code} is labelled ${level}`)
    }
  }
  for (const a of activities) {
    if (a.intensity === undefined) continue
    t.equal(byGroup.get(a.group)?.byIntensity?.[a.intensity], a.code, `${a.code}: its intensity label is the one its group uses`)
  }
  const emptyGroups = groups.filter((g) => !activities.some((a) => a.group === g.id)).map((g) => g.id)
  t.same(emptyGroups, [], 'every group has rows')
})

t.test('aliases: normalised, unique across groups', async (t) => {
  const owner = new Map<string, string>()
  const clashes: string[] = []
  for (const g of groups) {
    for (const alias of g.aliases) {
      const other = owner.get(alias)
      if (other !== undefined) clashes.push(`${alias}: ${other} and ${g.id}`)
      owner.set(alias, g.id)
    }
  }
  t.same(clashes, [], 'no alias in two groups')
  const unnormalised = [...owner.keys()].filter((a) => normalizeActivityText(a) !== a)
  t.same(unnormalised, [], 'aliases are stored the way user text is normalised')
  t.notOk(owner.has('gym'), '"gym" is too vague to be an alias')
})

t.test('2024 values, not the 2011 values many copies still carry', async (t) => {
  const expected: Array<[string, number, string]> = [
    ['12050', 9.3, 'running 6 mph (2011: 9.8)'],
    ['12020', 7.5, 'jogging, general (2011: 7.0)'],
    ['12080', 11.8, 'running 7.5 mph (2011: 11.5)'],
    ['12140', 9.3, 'running, cross country (2011: 9.0)'],
    ['02054', 3.5, 'weight training, 8-15 reps'],
    ['02052', 5.0, 'squats, deadlift'],
    ['02050', 6.0, 'power lifting or body building'],
    ['02020', 7.5, 'vigorous calisthenics (2011: 8.0)'],
    ['02065', 9.3, 'stair treadmill (2011: 9.0)'],
    ['02071', 5.0, 'rowing machine <100 W (2011: 4.8)'],
    ['02105', 2.8, 'Pilates (2011: 3.0)'],
    ['02150', 2.3, 'yoga, Hatha (2011: 2.5)'],
    ['17200', 4.8, 'walking 3.5-3.9 mph (2011 3.5 mph: 4.3)'],
    ['17220', 5.5, 'walking 4.0-4.4 mph (2011 4.0 mph: 5.0)'],
    ['17190', 3.8, 'walking 2.8-3.4 mph'],
    ['18310', 6.0, 'swimming, leisurely'],
    ['18290', 8.0, 'swimming, crawl, medium speed (2011: 8.3)'],
    ['01014', 7.0, 'bicycling, general (2011 01015: 7.5)'],
    ['15100', 12.3, 'boxing in ring (2011: 12.8)'],
    ['15110', 5.8, 'boxing, punching bag (2011: 5.5)'],
    ['15552', 8.3, 'rope jumping, slow (2011: 8.8)'],
    ['19160', 6.3, 'downhill skiing, moderate (2011: 5.3)'],
    ['19090', 8.5, 'cross-country skiing, moderate (2011: 9.0)'],
    ['03031', 9.8, 'nightclub or folk dancing, vigorous (2011: 7.8)']
  ]
  for (const [code, met, label] of expected) t.equal(byCode.get(code)?.met, met, `${code} ${label}`)
})

t.test('the DATA-SOURCES worked example is exact with the table value', async (t) => {
  const met = byCode.get('12050')?.met ?? NaN
  t.equal(met * 70 * 0.5, 325.5, '9.3 MET × 70 kg × 0.5 h = 325.5 kcal')
  t.equal(matchActivity('running')?.met, met)
})

t.test('normalisation', async (t) => {
  t.equal(normalizeActivityText('  Weight-Lifting!! '), 'weight lifting')
  t.equal(normalizeActivityText('ＲＵＮＮＩＮＧ'), 'running', 'NFKC folds full-width letters')
  t.equal(normalizeActivityText('morning\t\tjog'), 'morning jog')
  t.equal(normalizeActivityText('?!'), '')
})

t.test('"running" resolves to the 6 mph row by default', async (t) => {
  t.same(matchActivity('running'), {
    group: 'running',
    name: 'running',
    code: '12050',
    met: 9.3,
    description: 'running, 6-6.3 mph (10 min/mile)',
    matchedBy: 'alias',
    intensityUsed: null
  })
  t.equal(matchActivity('  RUNNING. ')?.code, '12050', 'case, whitespace and punctuation do not matter')
})

t.test('an intensity picks the group variant', async (t) => {
  const high = matchActivity('running', 'high')
  t.equal(high?.code, '12080')
  t.equal(high?.met, 11.8)
  t.equal(high?.intensityUsed, 'high')
  t.equal(matchActivity('running', 'low')?.code, '12028')
  t.equal(matchActivity('running', 'moderate')?.intensityUsed, 'moderate')
  t.equal(matchActivity('weight training', 'high')?.code, '02050')
  t.equal(matchActivity('stationary bike', 'low')?.code, '01214')
})

t.test('an intensity without a variant falls back to the default row', async (t) => {
  const m = matchActivity('weight training', 'moderate')
  t.equal(m?.code, '02054')
  t.equal(m?.intensityUsed, null)
  const squash = matchActivity('squash', 'high')
  t.equal(squash?.code, '15652', 'a group without byIntensity uses its default')
  t.equal(squash?.intensityUsed, null)
})

t.test('every intensity of every group resolves to a row of that group', async (t) => {
  for (const g of groups) {
    for (const level of INTENSITIES) {
      const m = matchActivity(g.aliases[0], level)
      t.equal(m?.group, g.id, `${g.aliases[0]} (${level})`)
      t.equal(m?.code, g.byIntensity?.[level] ?? g.default)
    }
  }
})

t.test('every alias resolves to its own group', async (t) => {
  const wrong = groups.flatMap((g) => g.aliases.filter((a) => matchActivity(a)?.group !== g.id).map((a) => `${a} -> ${matchActivity(a)?.group}`))
  t.same(wrong, [])
})

t.test('jogging and weight-training words', async (t) => {
  const jog = matchActivity('Jogging')
  t.equal(jog?.code, '12020')
  t.equal(byCode.get(jog?.code ?? '')?.description.startsWith('jogging'), true)
  t.equal(matchActivity('morning jog')?.group, 'jogging', 'an alias inside a sentence')
  for (const text of ['lifting', 'weight training', 'Weight lifting', 'strength training', 'resistance training', 'weightlifting']) {
    const m = matchActivity(text)
    t.equal(m?.group, 'weight-training', text)
    t.equal(m?.code, '02054', text)
    t.equal(m?.matchedBy, 'alias', text)
  }
})

t.test('the longest alias contained in the text wins', async (t) => {
  t.equal(matchActivity('stationary bike')?.group, 'stationary-cycling')
  t.equal(matchActivity('bike')?.group, 'cycling')
  t.equal(matchActivity('40 min on the stationary bike at the gym')?.group, 'stationary-cycling')
  t.equal(matchActivity('bike ride to the lake')?.group, 'cycling')
  t.equal(matchActivity('walking the dog in the park')?.group, 'dog-walking')
  t.equal(matchActivity('cross country skiing holiday')?.group, 'cross-country-skiing')
  t.equal(matchActivity('stair climbing')?.group, 'stair-climbing', 'not "climbing"')
  t.equal(matchActivity('biked')?.matchedBy, 'fuzzy', 'aliases match whole words only, so "biked" is not "bike" + "d"')
})

t.test('typos resolve through the fuzzy step', async (t) => {
  const m = matchActivity('runing')
  t.equal(m?.group, 'running')
  t.equal(m?.code, '12050')
  t.equal(m?.matchedBy, 'fuzzy')
  t.equal(matchActivity('runnign')?.group, 'running', 'a swapped pair')
  t.equal(matchActivity('morning runing')?.group, 'running', 'a typo inside a sentence')
  t.equal(matchActivity('weightlifitng')?.group, 'weight-training')
  t.equal(matchActivity('badmington')?.group, 'badminton')
  t.equal(matchActivity('runing', 'high')?.code, '12080', 'fuzzy hits honour the intensity')
})

t.test('nothing matches: null', async (t) => {
  for (const text of ['quidditch', '', '   ', '?!', 'asdfgh', 'xyz', 'sleeping', 'reading']) {
    t.equal(matchActivity(text), null, JSON.stringify(text))
  }
  t.equal(matchActivity('shopping'), null, 'two letters from "skipping" is too far for an 8-letter word')
  t.equal(matchActivity('zumba'), null, '"rumba" starts with another letter')
  t.equal(matchActivity('ball'), null, 'a word inside a longer alias is not a typo of it')
  t.equal(matchActivity('gym'), null, '"gym" is too vague')
})
