import type { Test } from 'tap'
import { Export } from '../../schemas/tracking.js'
import { UserFood, UserFoodPage } from '../../schemas/user-foods.js'
import { food } from '../tracking/food-store.suite.js'
import { as, problem, valid, type Fresh } from './tracking.suite.js'

// The /foods routes and matching a user's foods in meal texts: run on SQLite by foods.test.ts
// (npm test) and on PostgreSQL by test/system/routes/foods.test.ts.

/** A label food as posted: 160 kcal, 30 g protein, 6 g carbs, 2 g fat and 220 mg sodium per 330 g bottle. */
export const SHAKE = { name: 'Protein Shake', aliases: ['PS'], serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160, protein_g: 30, carbs_g: 6, fat_g: 2, sodium_mg: 220 } }

/**
 * A recipe of 4 servings, worked by hand from the FNDDS 2021-2023 rows the meal reader matches:
 * 21500000 "Beef, ground, raw" (213 kcal, 18.44 g protein, 0 g carbs, 14.88 g fat, 373 mg sodium
 * per 100 g): 500 g is 1065 kcal, 92.2 g protein, 74.4 g fat, 1865 mg sodium; 41105990 "Kidney
 * beans, NFS" (177 kcal, 8.06 g protein, 21.19 g carbs, 6.97 g fat, 218 mg sodium per 100 g):
 * 400 g is 708 kcal, 32.2 g protein, 84.8 g carbs, 27.9 g fat, 872 mg sodium. Total 1773 kcal in
 * 900 g, so one serving is 443.3 kcal (1773 / 4 = 443.25), 225 g, 31.1 g protein (124.4 / 4),
 * 21.2 g carbs, 25.6 g fat (102.3 / 4 = 25.575) and 684.3 mg sodium (2737 / 4 = 684.25).
 */
export const CHILI = { name: 'Grandma\'s chili', recipe: '500 g ground beef, 400 g kidney beans, blorft', servings: 4 }

/** The route suite, on one engine. */
export function foodRoutes (t: Test, fresh: Fresh): void {
  t.test('a label food: 201 with its location, unknown values null, another user\'s is a 404', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const res = await ann.post('/foods', SHAKE)
    t.equal(res.statusCode, 201)
    const body = res.json()
    valid(t, UserFood, body, 'the food')
    t.equal(res.headers.location, `/foods/${String(body.id)}`)
    t.same(body.per_serving, { kcal: 160, protein_g: 30, carbs_g: 6, fat_g: 2, fiber_g: null, sugars_g: null, saturated_fat_g: null, sodium_mg: 220, cholesterol_mg: null, potassium_mg: null, calcium_mg: null, iron_mg: null, vitamin_c_mg: null, vitamin_d_mcg: null, caffeine_mg: null, alcohol_g: null })
    t.notOk('recipe' in body, 'a label food has no recipe fields')
    t.same((await ann.get(`/foods/${String(body.id)}`)).json(), body)
    const bob = as(app, 'bob')
    problem(t, await bob.get(`/foods/${String(body.id)}`), 404, /no such food/)
    problem(t, await bob.put(`/foods/${String(body.id)}`, SHAKE), 404)
    problem(t, await bob.del(`/foods/${String(body.id)}`), 404)
    problem(t, await as(app, 'ann', 'k2').get(`/foods/${String(body.id)}`), 404, undefined)
    t.same((await bob.get('/foods')).json(), { items: [], next_cursor: null })
    problem(t, await app.inject({ url: '/foods', headers: { authorization: 'Bearer k1' } }), 401, /needs a user/)
    problem(t, await app.inject({ method: 'POST', url: '/foods', payload: SHAKE, headers: { authorization: 'Bearer k1' } }), 401)
  })

  t.test('a recipe is read once: its items, unmatched parts and one serving of the total', async (t) => {
    const app = await fresh(t)
    const res = await as(app, 'ann').post('/foods', CHILI)
    t.equal(res.statusCode, 201)
    const body = res.json()
    valid(t, UserFood, body, 'the recipe')
    t.same(body.serving, { description: '1 serving', grams: 225 })
    t.match(body.per_serving, { kcal: 443.3, protein_g: 31.1, carbs_g: 21.2, fat_g: 25.6, sodium_mg: 684.3 })
    t.same(body.items.map((i: { source: string, kcal: number }) => [i.source, i.kcal]), [['FNDDS 21500000', 1065], ['FNDDS 41105990', 708]])
    t.same(body.unmatched, ['blorft'])
    t.equal(body.servings, 4)

    const none = problem(t, await as(app, 'ann').post('/foods', { name: 'mystery', recipe: 'blorft and zzqx', servings: 2 }), 422, /recipe names no food/)
    t.equal(none.type, '/problems/unprocessable')
    t.equal(none.errors[0].field, 'recipe')
    t.match(none.errors[0].message, /"blorft", "zzqx"/, 'the unrecognized parts are named')
  })

  t.test('bad input is a 400 naming the field', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const cases: Array<[object, string]> = [
      [{ ...SHAKE, name: 'x'.repeat(101) }, 'name'],
      [{ ...SHAKE, aliases: Array.from({ length: 11 }, (_, i) => `a${i}`) }, 'aliases'],
      [{ ...SHAKE, per_serving: { kcal: 160, protein_g: -1 } }, 'per_serving/protein_g'],
      [{ ...SHAKE, per_serving: { kcal: 160, sodium_mg: 100_001 } }, 'per_serving/sodium_mg'],
      [{ ...SHAKE, per_serving: { kcal: 10_001 } }, 'per_serving/kcal'],
      [{ ...SHAKE, serving: { description: '1 bottle', grams: 0 } }, 'serving/grams'],
      [{ name: 'r', recipe: 'x'.repeat(2001), servings: 2 }, 'recipe'],
      [{ name: 'r', recipe: 'toast', servings: 0 }, 'servings'],
      [{ ...SHAKE, colour: 'red' }, 'colour'],
      // Right shape, impossible values: more than 9 kcal per gram, macros heavier than the serving.
      [{ ...SHAKE, serving: { description: '1 g', grams: 10 }, per_serving: { kcal: 200 } }, 'per_serving/kcal'],
      [{ ...SHAKE, per_serving: { kcal: 160, protein_g: 300, carbs_g: 40 } }, 'per_serving'],
      [{ ...SHAKE, recipe: 'toast', servings: 2 }, 'recipe'],
      [{ name: 'r' }, 'per_serving'],
      [{ name: 'r', serving: SHAKE.serving }, 'per_serving'],
      [{ name: 'r', per_serving: SHAKE.per_serving }, 'serving'],
      [{ name: 'r', recipe: 'toast' }, 'servings'],
      [{ name: 'r', servings: 2 }, 'recipe'],
      [{ ...SHAKE, name: 'My' }, 'name'],
      [{ ...SHAKE, aliases: ['my protein shake'] }, 'aliases/0']
    ]
    for (const [payload, field] of cases) {
      const body = problem(t, await ann.post('/foods', payload), 400)
      t.ok(body.errors.some((e: { field: string }) => e.field === field), `${JSON.stringify(payload).slice(0, 80)}: names ${field} (got ${JSON.stringify(body.errors)})`)
    }
    t.same((await ann.get('/foods')).json().items, [], 'nothing was stored')
    problem(t, await ann.get('/foods?cursor=nope'), 400, /cursor/)
    problem(t, await ann.get('/foods?limit=201'), 400, /limit/)
  })

  t.test('names and aliases share one namespace per user, compared without case: a clash is a 409', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const shake = (await ann.post('/foods', SHAKE)).json()
    for (const clash of [{ ...SHAKE, aliases: [] }, { ...SHAKE, name: 'ps', aliases: [] }, { ...SHAKE, name: 'Other', aliases: ['PROTEIN SHAKE'] }, { ...SHAKE, name: 'my protein shake', aliases: [] }]) {
      problem(t, await ann.post('/foods', clash), 409, new RegExp(`already used by your food ${String(shake.id)}`))
    }
    t.equal((await as(app, 'bob').post('/foods', SHAKE)).statusCode, 201, 'another user may use the same names')
    const raced = await Promise.all(Array.from({ length: 5 }, async () => await as(app, 'cy').post('/foods', SHAKE)))
    t.same(raced.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409], 'concurrent creates with one name make one food')
    const other = (await ann.post('/foods', { ...SHAKE, name: 'oat shake', aliases: [] })).json()
    problem(t, await ann.put(`/foods/${String(other.id)}`, { ...SHAKE, name: 'oat shake', aliases: ['ps'] }), 409)
    const replaced = await ann.put(`/foods/${String(shake.id)}`, { ...SHAKE, aliases: ['shake'] })
    t.equal(replaced.statusCode, 200, 'a food may keep its own names')
    t.same(replaced.json().aliases, ['shake'])
    t.equal(replaced.json().created_at, shake.created_at, 'its creation time stays')
    t.equal((await ann.post('/foods', { ...SHAKE, name: 'ps', aliases: [] })).statusCode, 201, 'the alias it dropped is free')
    const page = await ann.get('/foods?limit=2')
    valid(t, UserFoodPage, page.json(), 'the page')
    t.same(page.json().items.map((f: { name: string }) => f.name), ['ps', 'oat shake'], 'newest first')
    t.same((await ann.get(`/foods?limit=2&cursor=${String(page.json().next_cursor)}`)).json().items.map((f: { name: string }) => f.name), ['Protein Shake'])
  })

  t.test('at most 1,000 foods per user: the 1,001st is a 409 that says so', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    // The first and last through the route; the 998 between straight into the store, as the user the route named.
    const { foods } = app.tracking.store
    const create = foods.create
    const calls = t.capture(foods, 'create', create)
    t.equal((await ann.post('/foods', { ...SHAKE, name: 'first', aliases: [] })).statusCode, 201)
    const user = String(calls()[0].args[0])
    for (let i = 0; i < 998; i++) await create(user, food({ name: `food ${i}` }), [`food ${i}`], 1000)
    t.equal((await ann.post('/foods', SHAKE)).statusCode, 201, 'the 1,000th')
    problem(t, await ann.post('/foods', { ...SHAKE, name: 'one more', aliases: [] }), 409, /already have 1000 foods/)
    t.equal((await as(app, 'bob').post('/foods', SHAKE)).statusCode, 201, 'another user is not affected')
  })

  t.test('meal texts match the user\'s own foods first, as whole phrases, sized by their serving', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const shake = (await ann.post('/foods', SHAKE)).json()
    const chili = (await ann.post('/foods', CHILI)).json()
    const res = await ann.post('/food', { food: '2 servings of my protein shake and half a grandma\'s chili' })
    t.equal(res.statusCode, 200)
    const facts = res.json().facts
    // 2 × 160 kcal, and half of 443.3 kcal: 320 + 221.7 = 541.7.
    t.same(facts.items.map((i: { source: string, kcal: number, grams: number }) => [i.source, i.kcal, i.grams]), [[`user food ${String(shake.id)}`, 320, 660], [`user food ${String(chili.id)}`, 221.7, 112.5]])
    t.equal(facts.kcal, 542)
    t.equal(facts.complete, true)
    t.equal(facts.today.kcal_in, 542, 'the day counts it')

    const possessive = (await ann.post('/food', { food: 'grandmas chili' })).json().facts
    t.equal(possessive.items[0].source, `user food ${String(chili.id)}`)
    // The FNDDS reader reads what is left: 63107010 "Banana, raw", 97 kcal per 100 g, "1 banana" 126 g = 122.2 kcal.
    const mixed = (await ann.post('/food', { food: 'PS and a banana' })).json().facts
    t.same(mixed.items.map((i: { source: string, kcal: number }) => [i.source, i.kcal]), [[`user food ${String(shake.id)}`, 160], ['FNDDS 63107010', 122.2]])

    const banana = (await ann.post('/foods', { name: 'banana', serving: { description: '1 banana', grams: 120 }, per_serving: { kcal: 100 } })).json()
    const bread = (await ann.post('/food', { food: 'banana bread' })).json().facts
    t.notOk(bread.items.some((i: { source: string }) => i.source === `user food ${String(banana.id)}`), '"banana" does not match "banana bread"')
    t.equal((await ann.post('/food', { food: 'a banana' })).json().facts.items[0].source, `user food ${String(banana.id)}`)

    const bob = await as(app, 'bob').post('/food', { food: '2 servings of my protein shake and half a grandma\'s chili' })
    t.notOk(bob.json().facts.items.some((i: { source: string }) => i.source.startsWith('user food')), 'another user\'s foods never match')
    const stateless = await as(app, undefined).post('/food', { food: 'my protein shake' })
    t.notOk(stateless.json().facts.items.some((i: { source: string }) => i.source.startsWith('user food')), 'nor does a request without a user')
  })

  t.test('search lists the user\'s own foods first, never another user\'s', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const shake = (await ann.post('/foods', SHAKE)).json()
    const found = (await ann.get('/foods/search?q=protein%20shake&limit=3')).json().items
    t.equal(found.length, 3)
    // 160 kcal, 30 g protein, 6 g carbs and 2 g fat in 330 g: 48.48, 9.09, 1.82 and 0.61 per 100 g.
    t.same(found[0], { id: shake.id, source: `user food ${String(shake.id)}`, description: 'Protein Shake', kcal_per_100g: 48.48, protein_g: 9.09, carbs_g: 1.82, fat_g: 0.61, portions: [{ description: '1 bottle', grams: 330 }] })
    t.ok(found.slice(1).every((r: { source: string }) => r.source.startsWith('FNDDS') || r.source.startsWith('SR Legacy')), 'then the USDA rows')
    t.same((await ann.get('/foods/search?q=ps&limit=1')).json().items.map((r: { id: string }) => r.id), [shake.id], 'a page of only the user\'s own')
    const bob = (await as(app, 'bob').get('/foods/search?q=protein%20shake&limit=3')).json().items
    t.notOk(bob.some((r: { source: string }) => r.source.startsWith('user food')), 'another user\'s foods are not listed')
    const anonymous = (await as(app, undefined).get('/foods/search?q=protein%20shake&limit=3')).json().items
    t.notOk(anonymous.some((r: { source: string }) => r.source.startsWith('user food')), 'nor without a user')
  })

  t.test('a change or delete never rewrites a logged meal; later meals use the new values', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const shake = (await ann.post('/foods', SHAKE)).json()
    const first = (await ann.post('/food', { food: 'my protein shake' })).json()
    t.equal(first.facts.kcal, 160)
    t.equal((await ann.put(`/foods/${String(shake.id)}`, { ...SHAKE, per_serving: { kcal: 200 } })).statusCode, 200)
    t.equal((await ann.get(`/entries/${String(first.entry_id)}`)).json().facts.kcal, 160, 'the logged meal keeps its values')
    t.equal((await ann.post('/food', { food: 'my protein shake' })).json().facts.kcal, 200, 'a later meal uses the new label')
    t.equal((await ann.del(`/foods/${String(shake.id)}`)).statusCode, 204)
    t.equal((await ann.get(`/entries/${String(first.entry_id)}`)).json().facts.items[0].source, `user food ${String(shake.id)}`)
    const after = (await ann.post('/food', { food: 'my protein shake' })).json().facts
    t.notOk(after.items.some((i: { source: string }) => i.source.startsWith('user food')), 'a deleted food no longer matches')
    problem(t, await ann.get(`/foods/${String(shake.id)}`), 404)
  })

  t.test('export includes the foods; erasing the profile erases them', async (t) => {
    const app = await fresh(t)
    const ann = as(app, 'ann')
    const shake = (await ann.post('/foods', SHAKE)).json()
    await ann.post('/food', { food: 'my protein shake' })
    const exported = (await ann.get('/export')).json()
    valid(t, Export, exported, 'the export')
    t.same(exported.foods, [shake])
    const lines = (await ann.get('/export', { accept: 'application/x-ndjson' })).body.trim().split('\n').map((l) => JSON.parse(l))
    t.same(lines[1], { food: shake }, 'NDJSON: a food line after the profile')
    t.equal(lines.length, 3)
    t.equal((await ann.del('/profile')).statusCode, 200)
    t.same((await ann.get('/foods')).json().items, [])
    problem(t, await ann.get(`/foods/${String(shake.id)}`), 404)
    t.notOk((await ann.post('/food', { food: 'my protein shake' })).json().facts.items.some((i: { source: string }) => i.source.startsWith('user food')), 'an erased food no longer matches')
    t.equal((await ann.post('/foods', SHAKE)).statusCode, 201, 'its names are free again')
  })
}
