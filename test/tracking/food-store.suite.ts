import type { Test } from 'tap'
import { decodeFoodCursor, type StoredFood } from '../../src/tracking/food-store.js'
import { T0, type Backend } from './store.suite.js'

// The food store's behaviour, written once and run on each engine: SQLite in food-store.test.ts
// (npm test), PostgreSQL in test/system/tracking/food-store.test.ts.

let n = 0
/** A label food with defaults; `id` unique unless given. */
export function food (overrides: Partial<StoredFood> = {}): StoredFood {
  return {
    id: `food-${++n}`,
    name: 'protein shake',
    aliases: [],
    serving: { description: '1 bottle', grams: 330 },
    per_serving: { kcal: 160, protein_g: 30 },
    recipe: null,
    servings: null,
    items: null,
    unmatched: null,
    created_at: T0,
    updated_at: T0,
    ...overrides
  }
}

/** Every food-store test, on one engine. */
export function foodStoreSuite (t: Test, backend: Backend): void {
  t.test(`${backend.name}: foods`, { skip: backend.skip }, async (t) => {
    const { fresh } = await backend.prepare(t)

    t.test('create, get, list newest first in pages, replace and delete, each scoped to its user', async (t) => {
      const { store } = await fresh(t)
      const foods = store.foods
      t.equal(await foods.version('ann'), undefined, 'no write yet: no version')
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        const f = food({ name: `food ${i}`, aliases: [`alias ${i}`] })
        ids.push(f.id)
        t.same(await foods.create('ann', f, [`food ${i}`, `alias ${i}`], 1000), { ok: true })
      }
      const v1 = await foods.version('ann')
      t.type(v1, 'string')
      t.match(await foods.get('ann', ids[0]), { id: ids[0], name: 'food 0', aliases: ['alias 0'], serving: { grams: 330 }, per_serving: { kcal: 160 }, recipe: null, items: null })
      t.equal(await foods.get('bob', ids[0]), undefined, 'another user does not see it')

      const first = await foods.list('ann', 2, undefined)
      t.same(first.items.map((f) => f.id), [ids[4], ids[3]], 'newest first')
      const second = await foods.list('ann', 2, decodeFoodCursor(first.next as string))
      t.same(second.items.map((f) => f.id), [ids[2], ids[1]])
      const last = await foods.list('ann', 2, decodeFoodCursor(second.next as string))
      t.same(last.items.map((f) => f.id), [ids[0]])
      t.equal(last.next, null)
      t.same((await foods.all('ann')).map((f) => f.id), ids, 'all: oldest first')
      t.same(await foods.list('bob', 10, undefined), { items: [], next: null })

      t.same(await foods.replace('ann', food({ id: ids[0], name: 'renamed', updated_at: T0 + 1 }), ['renamed']), { ok: true })
      t.match(await foods.get('ann', ids[0]), { name: 'renamed', aliases: [], created_at: T0, updated_at: T0 + 1 })
      t.not(await foods.version('ann'), v1, 'a write changes the version')
      t.same(await foods.create('ann', food({ name: 'food 0' }), ['food 0'], 1000), { ok: true }, 'the old name is free again')
      t.same(await foods.replace('bob', food({ id: ids[1] }), ['x']), { ok: false, reason: 'missing' }, 'another user cannot replace it')

      t.equal(await foods.delete('bob', ids[1]), false)
      t.equal(await foods.delete('ann', ids[1]), true)
      t.equal(await foods.delete('ann', ids[1]), false)
      t.same(await foods.create('ann', food({ name: 'alias 1' }), ['alias 1'], 1000), { ok: true }, 'a deleted food\'s names are free')
    })

    t.test('names are unique per user: a clash names the key and the food that holds it, and writes nothing', async (t) => {
      const { store } = await fresh(t)
      const shake = food()
      await store.foods.create('ann', shake, ['protein shake', 'shake'], 1000)
      const version = await store.foods.version('ann')
      t.same(await store.foods.create('ann', food({ name: 'Shake' }), ['x', 'shake'], 1000), { ok: false, reason: 'taken', key: 'shake', food: shake.id })
      t.equal((await store.foods.all('ann')).length, 1, 'the clashing food was not stored')
      t.equal(await store.foods.version('ann'), version, 'nor the version changed')
      t.same(await store.foods.create('bob', food(), ['protein shake', 'shake'], 1000), { ok: true }, 'another user may use the name')
      const other = food({ name: 'other' })
      await store.foods.create('ann', other, ['other'], 1000)
      t.same(await store.foods.replace('ann', { ...other, name: 'shake' }, ['shake']), { ok: false, reason: 'taken', key: 'shake', food: shake.id })
      t.match(await store.foods.get('ann', other.id), { name: 'other' }, 'a refused replace leaves the food as it was')
      t.same(await store.foods.replace('ann', { ...other, aliases: ['other too'] }, ['other', 'other too']), { ok: true }, 'a food keeps its own names on replace')
    })

    t.test('a concurrent create with the same name makes one food', async (t) => {
      const { store } = await fresh(t)
      const results = await Promise.all(Array.from({ length: 8 }, () => store.foods.create('ann', food({ name: 'chili' }), ['chili'], 1000)))
      t.equal(results.filter((r) => r.ok).length, 1, 'one wins')
      t.equal(results.filter((r) => !r.ok && r.reason === 'taken').length, 7, 'the others are told the name is taken')
      t.equal((await store.foods.all('ann')).length, 1)
    })

    t.test('at most `max` foods per user, even when creates race', async (t) => {
      const { store } = await fresh(t)
      for (let i = 0; i < 3; i++) await store.foods.create('ann', food({ name: `f${i}` }), [`f${i}`], 4)
      const results = await Promise.all(Array.from({ length: 4 }, (_, i) => store.foods.create('ann', food({ name: `g${i}` }), [`g${i}`], 4)))
      t.equal(results.filter((r) => r.ok).length, 1, 'one more fits')
      t.same(results.filter((r) => !r.ok), Array.from({ length: 3 }, () => ({ ok: false, reason: 'full' })))
      t.equal((await store.foods.all('ann')).length, 4)
      t.same(await store.foods.create('bob', food(), ['protein shake'], 4), { ok: true }, 'the cap is per user')
    })

    t.test('erasing the user erases their foods, names and version', async (t) => {
      const { store } = await fresh(t)
      await store.foods.create('ann', food({ name: 'chili' }), ['chili'], 1000)
      await store.foods.create('bob', food({ name: 'chili' }), ['chili'], 1000)
      await store.deleteUser('ann')
      t.same(await store.foods.all('ann'), [])
      t.equal(await store.foods.version('ann'), undefined)
      t.same(await store.foods.create('ann', food({ name: 'chili' }), ['chili'], 1000), { ok: true }, 'the name is free again')
      t.equal((await store.foods.all('bob')).length, 1, 'another user keeps theirs')
    })

    t.test('a recipe round-trips its items, unmatched parts and servings', async (t) => {
      const { store } = await fresh(t)
      const recipe = food({ name: 'chili', recipe: '500 g ground beef, blorft', servings: 4, items: [{ text: '500 g ground beef', kcal: 1065 }], unmatched: ['blorft'] })
      await store.foods.create('ann', recipe, ['chili'], 1000)
      t.match(await store.foods.get('ann', recipe.id), { recipe: '500 g ground beef, blorft', servings: 4, items: [{ text: '500 g ground beef', kcal: 1065 }], unmatched: ['blorft'] })
    })
  })
}
