import t from 'tap'
import { matchActivity } from '../../src/advice/text/activities.js'
import { searchActivities, searchFoods } from '../../src/advice/search.js'

t.test('an activity text no row is trusted for still lists the rows that say its words', async (t) => {
  // "fast" alone names no activity, so no row leads; the index's rows each say it.
  t.equal(matchActivity('fast'), null)
  const rows = searchActivities('fast', 5)
  t.equal(rows.length, 5)
  t.ok(rows.every((r) => /\bfast\b/i.test(r.description)), JSON.stringify(rows))
})

t.test('the row a workout text matches leads, as the Compendium gives it', async (t) => {
  // adult-compendium-2024.csv: Conditioning Exercise,02071,5.0,"Rowing, stationary ergometer, general, <100 watts, moderate effort"
  t.same(searchActivities('rowing machine', 1), [{ code: '02071', heading: 'Conditioning Exercise', description: 'Rowing, stationary ergometer, general, <100 watts, moderate effort', met: 5 }])
})

t.test('each row once, and never more than the limit', async (t) => {
  const rows = searchFoods('orange juice', 20)
  t.equal(rows.length, 20)
  t.equal(new Set(rows.map((r) => r.id)).size, 20)
  // fndds_2021_2023_foods.csv: 61210000,"Orange juice, 100%, NFS" — the generic row a text without more words is matched to.
  t.equal(rows[0].source, 'FNDDS 61210000')
  t.same(searchFoods('the of', 5), [])
})
