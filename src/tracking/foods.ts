import { randomUUID } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { NUTRIENT_KEYS } from '../../schemas/nutrients.js'
import { MAX_USER_FOODS, type PerServing, type UserFood, type UserFoodInput, type UserFoodPage } from '../../schemas/user-foods.js'
import { computeFoodFacts } from '../advice/facts/food.js'
import { round } from '../advice/facts/round.js'
import { createUserFoodIndex, nameKey, type MatchableFood, type UserFoodIndex } from '../advice/text/meal/user-foods.js'
import { FieldValueError, TrackingError } from './errors.js'
import { decodeFoodCursor, type FoodWrite, type StoredFood } from './food-store.js'
import type { Store } from './store.js'

/** Page size of `GET /foods` when none is asked for. */
export const DEFAULT_FOOD_LIMIT = 50
// Users whose matcher is kept built; one is a few hundred kilobytes at the 1,000-food cap.
const USERS_CACHED = 200
// Most ingredients the meal reader reads from one text: a recipe that reaches it may have lost some.
const MAX_INGREDIENTS = 50
// Energy per gram of a serving, at most: fat's 9 kcal/g, plus the 5 kcal a label may round up by.
const KCAL_PER_GRAM = 9

/** A food on the wire: a label food's fields, and a recipe's too when it is one. */
export function foodWire (food: StoredFood): UserFood {
  return {
    id: food.id,
    name: food.name,
    aliases: food.aliases,
    serving: food.serving,
    // Stored rows hold what labelFood and recipeFood wrote: every PerServing key, null where unknown;
    // and the items the meal reader wrote, FoodItems.
    per_serving: food.per_serving as PerServing,
    ...(food.recipe === null ? {} : { recipe: food.recipe, servings: food.servings ?? 1, items: (food.items ?? []) as UserFood['items'], unmatched: food.unmatched ?? [] }),
    created_at: new Date(food.created_at).toISOString(),
    updated_at: new Date(food.updated_at).toISOString()
  }
}

// per_serving: every PerServing key, as foodWire says.
const matchable = (food: StoredFood): MatchableFood => ({ id: food.id, name: food.name, aliases: food.aliases, serving: food.serving, per_serving: food.per_serving as PerServing })

/** The name keys of a food, checked: each must say something, and none may repeat another. */
function keysOf (input: UserFoodInput): string[] {
  const keys = [input.name, ...(input.aliases ?? [])].map(nameKey)
  keys.forEach((key, i) => {
    const field = i === 0 ? 'name' : `aliases/${i - 1}`
    if (!/\p{L}/u.test(key)) throw new FieldValueError('body', field, 'must name the food in words (a leading "my" does not count)')
    if (keys.indexOf(key) < i) throw new FieldValueError('body', field, `is the same name as ${keys.indexOf(key) === 0 ? 'name' : `aliases/${keys.indexOf(key) - 1}`} (names compare without case, "my" or a possessive 's)`)
  })
  return keys
}

/** A label food's serving and values, checked for what a label cannot say. */
function labelFood (input: UserFoodInput): Pick<StoredFood, 'serving' | 'per_serving'> {
  if (input.serving === undefined) throw new FieldValueError('body', 'serving', 'is required with per_serving')
  if (input.per_serving === undefined) throw new FieldValueError('body', 'per_serving', 'is required with serving')
  const sent = input.per_serving
  const grams = input.serving.grams
  if (sent.kcal > KCAL_PER_GRAM * grams + 5) throw new FieldValueError('body', 'per_serving/kcal', `is more than ${KCAL_PER_GRAM} kcal per gram of a ${grams} g serving (pure fat has 9)`)
  const macros = (sent.protein_g ?? 0) + (sent.carbs_g ?? 0) + (sent.fat_g ?? 0)
  if (macros > grams) throw new FieldValueError('body', 'per_serving', `protein_g, carbs_g and fat_g add up to ${macros} g, more than the ${grams} g serving`)
  const perServing: Record<string, number | null> & { kcal: number } = { kcal: sent.kcal, protein_g: sent.protein_g ?? null, carbs_g: sent.carbs_g ?? null, fat_g: sent.fat_g ?? null }
  for (const key of NUTRIENT_KEYS) perServing[key] = sent[key] ?? null
  return { serving: input.serving, per_serving: perServing }
}

/**
 * A recipe read once by the meal reader (the user's other foods first, as in a meal): its items for
 * the whole pot, and one serving as the total over `servings`.
 */
function recipeFood (recipe: string, servings: number, others: UserFoodIndex): Pick<StoredFood, 'serving' | 'per_serving' | 'items' | 'unmatched'> {
  const facts = computeFoodFacts({ food: recipe }, others)
  if (facts.items.length === 0 || facts.kcal === null) {
    const named = facts.unmatched.length > 0 ? `: ${facts.unmatched.map((u) => `"${u}"`).join(', ')}` : ''
    throw new FieldValueError('body', 'recipe', `names no food this service recognizes${named}; name each ingredient with its amount, e.g. "500 g ground beef, 1 can kidney beans"`, 'unprocessable')
  }
  if (facts.items.length >= MAX_INGREDIENTS) throw new FieldValueError('body', 'recipe', `reads as ${MAX_INGREDIENTS} or more ingredients, more than one recipe may have; save part of it as a recipe of its own and name that`, 'unprocessable')
  const per = (v: number | null): number | null => v === null ? null : round(v / servings, 1)
  const grams = facts.items.reduce((acc, i) => acc + i.grams, 0)
  const perServing: Record<string, number | null> & { kcal: number } = { kcal: round(facts.kcal / servings, 1), protein_g: per(facts.protein_g), carbs_g: per(facts.carbs_g), fat_g: per(facts.fat_g) }
  for (const key of NUTRIENT_KEYS) perServing[key] = per(facts.nutrients[key])
  return { serving: { description: '1 serving', grams: round(grams / servings, 1) }, per_serving: perServing, items: facts.items, unmatched: facts.unmatched }
}

/** The user's own foods and recipes, and the matcher a meal text of theirs is read with. Free of HTTP. */
export function createFoods (deps: { store: Store, now?: () => number }) {
  const foods = deps.store.foods
  const now = deps.now ?? Date.now
  const matchers = new LRUCache<string, { version: string, index: UserFoodIndex }>({ max: USERS_CACHED })

  /** The matcher of the user's foods, rebuilt only when their version token has changed (a write here or on another replica). */
  async function matcher (userId: string, except?: string): Promise<UserFoodIndex | undefined> {
    const version = await foods.version(userId)
    if (version === undefined) return undefined
    const cached = matchers.get(userId)
    if (except === undefined && cached?.version === version) return cached.index
    const all = (await foods.all(userId)).filter((f) => f.id !== except).map(matchable)
    const index = createUserFoodIndex(all)
    if (except === undefined) matchers.set(userId, { version, index })
    return index
  }

  /** The stored record of a food as sent: a label food's values, or a recipe read now. */
  async function recordOf (userId: string, input: UserFoodInput, id: string, createdAt: number): Promise<StoredFood> {
    const recipe = input.recipe !== undefined || input.servings !== undefined
    const label = input.serving !== undefined || input.per_serving !== undefined
    if (recipe && label) throw new FieldValueError('body', input.recipe === undefined ? 'servings' : 'recipe', 'makes this a recipe, so serving and per_serving must not be sent (a recipe\'s serving is its total over servings)')
    if (!recipe && !label) throw new FieldValueError('body', 'per_serving', 'is required: send serving and per_serving for a food from its label, or recipe and servings for a recipe')
    const base = { id, name: input.name, aliases: input.aliases ?? [], created_at: createdAt, updated_at: now() }
    if (label) return { ...base, ...labelFood(input), recipe: null, servings: null, items: null, unmatched: null }
    if (input.recipe === undefined) throw new FieldValueError('body', 'recipe', 'is required with servings')
    if (input.servings === undefined) throw new FieldValueError('body', 'servings', 'is required with recipe')
    const others = await matcher(userId, id) ?? createUserFoodIndex([])
    return { ...base, ...recipeFood(input.recipe, input.servings, others), recipe: input.recipe, servings: input.servings }
  }

  /** The answer for a write that did not happen. */
  function refused (result: Exclude<FoodWrite, { ok: true }>, input: UserFoodInput, keys: string[]): never {
    if (result.reason === 'full') throw new TrackingError('conflict', `you already have ${MAX_USER_FOODS} foods, the most one user may keep; delete one to save another`)
    if (result.reason === 'missing') throw new TrackingError('not_found', 'no such food')
    const i = Math.max(0, keys.indexOf(result.key))
    const said = i === 0 ? input.name : (input.aliases ?? [])[i - 1]
    throw new TrackingError('conflict', `the name "${said}" is already used by your food ${result.food}; names and aliases are unique per user, compared without case, "my" or a possessive 's`)
  }

  return {
    matcher: async (userId: string): Promise<UserFoodIndex | undefined> => await matcher(userId),

    create: async (userId: string, input: UserFoodInput): Promise<UserFood> => {
      const keys = keysOf(input)
      const record = await recordOf(userId, input, randomUUID(), now())
      const result = await foods.create(userId, record, keys, MAX_USER_FOODS)
      if (!result.ok) refused(result, input, keys)
      matchers.delete(userId)
      return foodWire(record)
    },

    replace: async (userId: string, id: string, input: UserFoodInput): Promise<UserFood> => {
      const keys = keysOf(input)
      const stored = await foods.get(userId, id)
      if (stored === undefined) throw new TrackingError('not_found', 'no such food')
      const record = await recordOf(userId, input, id, stored.created_at)
      const result = await foods.replace(userId, record, keys)
      if (!result.ok) refused(result, input, keys)
      matchers.delete(userId)
      return foodWire(record)
    },

    get: async (userId: string, id: string): Promise<UserFood> => {
      const food = await foods.get(userId, id)
      if (food === undefined) throw new TrackingError('not_found', 'no such food')
      return foodWire(food)
    },

    delete: async (userId: string, id: string): Promise<void> => {
      if (!await foods.delete(userId, id)) throw new TrackingError('not_found', 'no such food')
      matchers.delete(userId)
    },

    list: async (userId: string, q: { limit?: number, cursor?: string }): Promise<UserFoodPage> => {
      const before = q.cursor === undefined ? undefined : decodeFoodCursor(q.cursor)
      if (q.cursor !== undefined && before === undefined) throw new FieldValueError('query', 'cursor', 'is not a next_cursor this API issued')
      const page = await foods.list(userId, q.limit ?? DEFAULT_FOOD_LIMIT, before)
      return { items: page.items.map(foodWire), next_cursor: page.next }
    },

    /** Every food of the user, oldest first, for the export. */
    all: async (userId: string): Promise<UserFood[]> => (await foods.all(userId)).map(foodWire),

    /** Forgets a user's matcher (after they are erased). */
    forget: (userId: string): void => { matchers.delete(userId) }
  }
}

/** The user's foods service. */
export type Foods = ReturnType<typeof createFoods>
