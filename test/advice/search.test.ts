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

t.test('a user\'s own foods: each word asked starts a word of a name or alias; values per 100 g of the serving', async (t) => {
  const { searchUserFoods } = await import('../../src/advice/search.js')
  const unknown = { fiber_g: null, sugars_g: null, saturated_fat_g: null, sodium_mg: null, cholesterol_mg: null, potassium_mg: null, calcium_mg: null, iron_mg: null, vitamin_c_mg: null, vitamin_d_mcg: null, caffeine_mg: null, alcohol_g: null }
  // 160 kcal, 30 g protein, no carbs given, 2 g fat per 320 g bottle: 50, 9.38, null and 0.63 per 100 g.
  const shake = { id: 'f1', name: 'My Protein Shake', aliases: ['PS'], serving: { description: '1 bottle', grams: 320 }, per_serving: { kcal: 160, protein_g: 30, carbs_g: null, fat_g: 2, ...unknown } }
  const chili = { id: 'f2', name: 'Grandma\'s chili', aliases: [], serving: { description: '1 serving', grams: 225 }, per_serving: { kcal: 443.3, protein_g: null, carbs_g: null, fat_g: null, ...unknown } }
  t.same(searchUserFoods('prot sh', [shake, chili], 10), [{ id: 'f1', source: 'user food f1', description: 'My Protein Shake', kcal_per_100g: 50, protein_g: 9.38, carbs_g: null, fat_g: 0.63, portions: [{ description: '1 bottle', grams: 320 }] }])
  t.same(searchUserFoods('ps', [shake, chili], 10).map((r) => r.id), ['f1'], 'an alias finds it')
  t.same(searchUserFoods('grandma', [shake, chili], 10).map((r) => r.id), ['f2'], 'a possessive name')
  t.same(searchUserFoods('shake chili', [shake, chili], 10), [], 'every word must be found in one name')
  t.same(searchUserFoods('my', [shake, chili], 10), [], '"my" alone asks for nothing')
  t.same(searchUserFoods('', [shake, chili], 10), [])
  t.equal(searchUserFoods('s', [shake, { ...chili, name: 'soup' }], 1).length, 1, 'never more than the limit')
})
