import { readFileSync } from 'node:fs'
import t, { type Test } from 'tap'
import { foods } from '../../../src/advice/data/foods.js'
import { activityIndexEntries } from '../../../src/advice/text/activities.js'
import { foodIndexEntries } from '../../../src/advice/text/meal/lookup.js'
import { prebuiltIndex } from '../../../src/advice/text/prebuilt.js'
import { createTextIndex, openTextIndex, textIndexData, type IndexEntry, type TextIndexData } from '../../../src/advice/text/text-index.js'
import { tokens } from '../../../src/advice/text/tokens.js'

// The production bundle opens indexes built at build time (textIndexData, written as JSON); from
// source they are built at start-up (createTextIndex). Both must answer every query the same.
const evalTexts = (file: string, field: 'text' | 'words'): string[] => {
  const set = JSON.parse(readFileSync(new URL(`../../../eval/${file}`, import.meta.url), 'utf8')) as Record<string, unknown>
  const cases = (set.cases ?? Object.values(set.platforms as Record<string, unknown[]>).flat()) as Array<Record<string, unknown>>
  return cases.flatMap((c) => [String(c[field]), ...((c.items as Array<{ phrase: string }> | undefined) ?? []).map((i) => i.phrase)])
}

/** Every query on which the two differ (none expected), and how many were asked. */
function differences (entries: readonly IndexEntry[], texts: readonly string[]): { asked: number, differ: string[] } {
  const built = createTextIndex(entries)
  const opened = openTextIndex(JSON.parse(JSON.stringify(textIndexData(entries))) as TextIndexData)
  const differ: string[] = []
  let asked = 0
  const check = (what: string, a: unknown, b: unknown) => {
    asked++
    if (JSON.stringify(a) !== JSON.stringify(b)) differ.push(what)
  }
  for (const text of texts) {
    const words = tokens(text)
    // Whole texts, each word alone, each neighbouring pair, and each word misspelled (one letter doubled).
    for (const q of [words, ...words.map((w) => [w]), ...words.slice(1).map((w, i) => [words[i], w])]) {
      check(`search ${q.join(' ')}`, opened.search(q, 10), built.search(q, 10))
      check(`aliasOf ${q.join(' ')}`, opened.aliasOf(q), built.aliasOf(q))
    }
    const typos = words.map((w) => w.length > 4 ? w.slice(0, 3) + w[2] + w.slice(3) : w)
    check(`correct ${typos.join(' ')}`, opened.correct(typos), built.correct(typos))
    for (const w of words) check(`knows ${w}`, opened.knows(w), built.knows(w))
  }
  return { asked, differ }
}

function sameAnswers (t: Test, entries: readonly IndexEntry[], texts: readonly string[], atLeast: number) {
  const { asked, differ } = differences(entries, texts)
  t.same(differ, [], 'no query answered differently')
  t.ok(asked > atLeast, `${asked} queries compared`)
}

t.test('the food index opened from its data answers as the one built from the table', async (t) => {
  const texts = [...evalTexts('meals-us-household.json', 'text'), ...evalTexts('meals-us-grams.json', 'text'), ...evalTexts('meals-international.json', 'text')]
  sameAnswers(t, foodIndexEntries(), texts, 10_000)
})

t.test('the activity index opened from its data answers as the one built from the table', async (t) => {
  sameAnswers(t, activityIndexEntries(), evalTexts('activities-platforms.json', 'words'), 1000)
})

t.test('from source there is no prebuilt index', async (t) => {
  t.equal(prebuiltIndex('foods'), undefined)
  t.equal(prebuiltIndex('activities'), undefined)
})

// A marker name only the prebuilt data has, so an answer shows which index answered.
const marked = (entries: readonly IndexEntry[]): IndexEntry[] =>
  entries.map((e, i) => i === 0 ? { ...e, aliases: [...(e.aliases ?? []), 'zzqx marker'] } : e)

t.test('the food lookup opens the prebuilt index for the full table, and only an index built for as many rows', async (t) => {
  const entries = foodIndexEntries()
  for (const [data, opened] of [[textIndexData(marked(entries)), true], [{ ...textIndexData(marked(entries)), entries: 1 }, false]] as const) {
    const asked: string[] = []
    const { createFoodLookup } = await t.mockImport<typeof import('../../../src/advice/text/meal/lookup.js')>('../../../src/advice/text/meal/lookup.js', {
      '../../../src/advice/text/prebuilt.js': { prebuiltIndex: (name: string) => { asked.push(name); return data } }
    })
    const lookup = createFoodLookup()
    t.same(asked, ['foods'])
    const found = lookup.find(lookup.words('zzqx marker'))
    t.equal(found?.food.code ?? null, opened ? foods[0].code : null, opened ? 'the prebuilt index answered' : 'an index for other rows is not opened')
    const own = createFoodLookup([])
    t.equal(own.find(['zzqx', 'marker']), null, 'other rows than the full table get their own index')
    t.same(asked, ['foods'], 'and never ask for the prebuilt one')
  }
})

t.test('the activity match opens the prebuilt index, and only an index built for as many rows', async (t) => {
  const entries = activityIndexEntries()
  for (const [data, opened] of [[textIndexData(marked(entries)), true], [{ ...textIndexData(marked(entries)), entries: 1 }, false]] as const) {
    const { matchActivity, activities } = await t.mockImport<typeof import('../../../src/advice/text/activities.js')>('../../../src/advice/text/activities.js', {
      '../../../src/advice/text/prebuilt.js': { prebuiltIndex: (name: string) => name === 'activities' ? data : undefined }
    })
    t.equal(matchActivity('zzqx marker')?.code ?? null, opened ? activities[0].code : null)
  }
})
