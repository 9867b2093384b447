import t from 'tap'
import { createFoods } from '../../src/tracking/foods.js'
import { FieldValueError, TrackingError } from '../../src/tracking/errors.js'
import { open, T0 } from './store.suite.js'

const SHAKE = { name: 'protein shake', serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160 } }

t.test('the matcher is built once per version of the user\'s foods', async (t) => {
  const { store } = await open(t, 'sqlite::memory:')
  const foods = createFoods({ store, now: () => T0 })
  t.equal(await foods.matcher('ann'), undefined, 'no foods: no matcher')
  await foods.create('ann', SHAKE)
  const first = await foods.matcher('ann')
  t.equal(first?.size, 1)
  t.equal(await foods.matcher('ann'), first, 'unchanged: the same matcher')
  // A write by another replica: the same database, another service with its own cache.
  const elsewhere = createFoods({ store, now: () => T0 })
  await elsewhere.create('ann', { ...SHAKE, name: 'oat bar' })
  const second = await foods.matcher('ann')
  t.not(second, first, 'the version changed, so it is rebuilt')
  t.equal(second?.size, 2)
  foods.forget('ann')
  t.equal((await foods.matcher('ann'))?.size, 2)
})

t.test('a recipe names the user\'s other foods; one it reads as 50 ingredients or more is a 422', async (t) => {
  const { store } = await open(t, 'sqlite::memory:')
  const foods = createFoods({ store, now: () => T0 })
  const shake = await foods.create('ann', SHAKE)
  // Two bottles of a 160 kcal label over 2 servings: 160 kcal and 330 g a serving.
  const recipe = await foods.create('ann', { name: 'shake pair', recipe: '2 servings of my protein shake', servings: 2 })
  t.match(recipe, { serving: { description: '1 serving', grams: 330 }, per_serving: { kcal: 160 }, items: [{ source: `user food ${shake.id}` }] })
  // Replaced, the recipe does not read itself: its own name is not one of the other foods.
  const again = await foods.replace('ann', recipe.id, { name: 'shake pair', recipe: '2 servings of my protein shake', servings: 2 })
  t.equal(again.per_serving.kcal, 160)
  const long = Array.from({ length: 50 }, () => '1 egg').join(', ')
  const err = await foods.create('ann', { name: 'omelette', recipe: long, servings: 10 }).catch((e: unknown) => e)
  t.ok(err instanceof FieldValueError && err.kind === 'unprocessable' && err.field === 'recipe', 'a 422 naming recipe')
  t.match((err as Error).message, /50 or more ingredients/)
  await t.rejects(foods.replace('ann', 'nope', SHAKE), TrackingError, 'a missing food')
  await t.rejects(foods.delete('ann', 'nope'), /no such food/)
  await t.rejects(foods.get('bob', shake.id), /no such food/)
})
