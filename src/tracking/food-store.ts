import { randomUUID } from 'node:crypto'
import { sql, type Transaction } from 'kysely'
import type { Dialect, Tables } from './database.js'
import { isUniqueViolation } from './errors.js'
import type { Run } from './operations.js'

/** A stored food or recipe, JSON columns parsed. */
export interface StoredFood {
  id: string
  name: string
  aliases: string[]
  serving: { description: string, grams: number }
  per_serving: Record<string, number | null> & { kcal: number }
  recipe: string | null
  servings: number | null
  items: Array<Record<string, unknown>> | null
  unmatched: string[] | null
  created_at: number
  updated_at: number
}

/** What a write of a food may run into: the user's cap, or a name another of their foods has. */
export type FoodWrite = { ok: true } | { ok: false, reason: 'full' } | { ok: false, reason: 'taken', key: string, food: string } | { ok: false, reason: 'missing' }

type FoodRow = Omit<Tables['user_foods'], 'seq'> & { seq: number }

function toFood (row: FoodRow): StoredFood {
  return {
    id: row.id,
    name: row.name,
    aliases: JSON.parse(row.aliases),
    serving: JSON.parse(row.serving),
    per_serving: JSON.parse(row.per_serving),
    recipe: row.recipe,
    servings: row.servings,
    items: row.items === null ? null : JSON.parse(row.items),
    unmatched: row.unmatched === null ? null : JSON.parse(row.unmatched),
    created_at: row.created_at,
    updated_at: row.updated_at
  }
}

const encode = (seq: number): string => Buffer.from(JSON.stringify([seq])).toString('base64url')

/** The position in a `cursor` parameter, or undefined when it is not one of ours. */
export function decodeFoodCursor (value: string): number | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 1 && Number.isSafeInteger(parsed[0])) return parsed[0]
  } catch {
    // Not base64url JSON: the caller answers 400.
  }
  return undefined
}

/**
 * The user's foods in the tracking database. A food, its names and the user's version token are
 * written in one transaction; on Postgres a transaction-scoped advisory lock per user makes a
 * user's food writes take turns, so the count checked against the cap is the count written under
 * (SQLite has one writer anyway). Name uniqueness itself rests on user_food_names' primary key.
 */
export function createFoodStore (run: Run, dialect: Dialect) {
  const columns = (userId: string, food: StoredFood) => ({
    user_id: userId,
    name: food.name,
    aliases: JSON.stringify(food.aliases),
    serving: JSON.stringify(food.serving),
    per_serving: JSON.stringify(food.per_serving),
    recipe: food.recipe,
    servings: food.servings,
    items: food.items === null ? null : JSON.stringify(food.items),
    unmatched: food.unmatched === null ? null : JSON.stringify(food.unmatched),
    updated_at: food.updated_at
  })

  async function lock (trx: Transaction<Tables>, userId: string): Promise<void> {
    if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(hashtextextended(${`user_foods:${userId}`}, 0))`.execute(trx)
  }

  async function bump (trx: Transaction<Tables>, userId: string): Promise<void> {
    const version = randomUUID()
    await trx.insertInto('user_food_versions').values({ user_id: userId, version })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ version })).execute()
  }

  /** Which of the keys another food of the user holds (after a unique violation, outside its rolled-back transaction). */
  async function clash (userId: string, keys: string[], except: string | undefined): Promise<FoodWrite> {
    const row = await run('food_names', async (q) => {
      const named = q.selectFrom('user_food_names').select(['name_key', 'food_id']).where('user_id', '=', userId).where('name_key', 'in', keys)
      return await (except === undefined ? named : named.where('food_id', '!=', except)).executeTakeFirst()
    })
    // A clash gone by now (the other food was deleted meanwhile) is still this request's conflict.
    return { ok: false, reason: 'taken', key: row?.name_key ?? keys[0], food: row?.food_id ?? 'another food' }
  }

  /** Runs a food's write and then writes its names and the user's new version token, all in one transaction. */
  async function write (operation: string, userId: string, foodId: string, keys: string[], replacing: boolean, body: (trx: Transaction<Tables>) => Promise<FoodWrite>): Promise<FoodWrite> {
    try {
      return await run(operation, async (q) => await q.transaction().execute(async (trx) => {
        await lock(trx, userId)
        const result = await body(trx)
        if (!result.ok) return result
        await trx.insertInto('user_food_names').values(keys.map((key) => ({ user_id: userId, name_key: key, food_id: foodId }))).execute()
        await bump(trx, userId)
        return { ok: true }
      }))
    } catch (err) {
      if (isUniqueViolation(err)) return await clash(userId, keys, replacing ? foodId : undefined)
      throw err
    }
  }

  return {
    /** Stores a new food under its name keys, unless the user has `max` foods already. */
    create: async (userId: string, food: StoredFood, keys: string[], max: number): Promise<FoodWrite> => await write('food_create', userId, food.id, keys, false, async (trx) => {
      const { n } = await trx.selectFrom('user_foods').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow()
      if (Number(n) >= max) return { ok: false, reason: 'full' }
      await trx.insertInto('user_foods').values({ id: food.id, created_at: food.created_at, ...columns(userId, food) }).execute()
      return { ok: true }
    }),

    /** Replaces a food and its names; its id and creation time stay. */
    replace: async (userId: string, food: StoredFood, keys: string[]): Promise<FoodWrite> => await write('food_replace', userId, food.id, keys, true, async (trx) => {
      const updated = await trx.updateTable('user_foods').set(columns(userId, food)).where('user_id', '=', userId).where('id', '=', food.id).executeTakeFirst()
      if (updated.numUpdatedRows === 0n) return { ok: false, reason: 'missing' }
      await trx.deleteFrom('user_food_names').where('user_id', '=', userId).where('food_id', '=', food.id).execute()
      return { ok: true }
    }),

    get: async (userId: string, id: string): Promise<StoredFood | undefined> => await run('food_get', async (q) => {
      const row = await q.selectFrom('user_foods').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toFood(row)
    }),

    delete: async (userId: string, id: string): Promise<boolean> => await run('food_delete', async (q) => await q.transaction().execute(async (trx) => {
      await lock(trx, userId)
      const deleted = await trx.deleteFrom('user_foods').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      if (deleted.numDeletedRows === 0n) return false
      await trx.deleteFrom('user_food_names').where('user_id', '=', userId).where('food_id', '=', id).execute()
      await bump(trx, userId)
      return true
    })),

    /** One page of foods, newest first. */
    list: async (userId: string, limit: number, before: number | undefined): Promise<{ items: StoredFood[], next: string | null }> => await run('food_list', async (q) => {
      const all = q.selectFrom('user_foods').selectAll().where('user_id', '=', userId)
      const rows = await (before === undefined ? all : all.where('seq', '<', before)).orderBy('seq', 'desc').limit(limit + 1).execute()
      const page = rows.slice(0, limit)
      const last = page.at(-1)
      return { items: page.map(toFood), next: rows.length > limit && last !== undefined ? encode(last.seq) : null }
    }),

    /** Every food of the user, oldest first (at most the cap, so one result set). */
    all: async (userId: string): Promise<StoredFood[]> => await run('food_all', async (q) =>
      (await q.selectFrom('user_foods').selectAll().where('user_id', '=', userId).orderBy('seq', 'asc').execute()).map(toFood)),

    /** The token of the user's last food write; undefined when they have never saved one (or were erased). */
    version: async (userId: string): Promise<string | undefined> => await run('food_version', async (q) =>
      (await q.selectFrom('user_food_versions').select('version').where('user_id', '=', userId).executeTakeFirst())?.version)
  }
}

/** The food store. */
export type FoodStore = ReturnType<typeof createFoodStore>
