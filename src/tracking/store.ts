import type { Kysely, Transaction } from 'kysely'
import type { Database, PoolStats, Tables } from './database.js'
import { createFoodStore } from './food-store.js'
import { createKeyStore } from './idempotency-store.js'
import { createOperations, type QueryObserver } from './operations.js'
import { createSqliteWriter, type SqliteWriter } from './sqlite-writer.js'

/** A stored entry, as the store returns it. */
export interface StoredEntry {
  id: string
  topic: 'water' | 'gym' | 'food'
  time_ms: number
  body: Record<string, unknown>
  facts: Record<string, unknown>
  water_l: number
  kcal_in: number
  kcal_out: number
  created_at: number
}

/** A user's profile, as its table row holds it; null fields are unset. */
export type StoredProfile = Omit<Tables['users'], 'user_id' | 'created_at' | 'updated_at'>

/** Sums over a set of entries. */
export interface Totals { water_l: number, kcal_in: number, kcal_out: number, entries: number }

/** Page position: the last entry's instant and creation order. */
interface Cursor { t: number, s: number }

export const encodeCursor = (c: Cursor): string => Buffer.from(JSON.stringify([c.t, c.s])).toString('base64url')

/** The cursor in a `cursor` parameter, or undefined when it is not one of ours. */
export function decodeCursor (value: string): Cursor | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'))
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((n) => Number.isSafeInteger(n))) return { t: parsed[0], s: parsed[1] }
  } catch {
    // Not base64url JSON: the caller answers 400.
  }
  return undefined
}

type EntryRow = Omit<Tables['entries'], 'seq'> & { seq: number }

const ENTRY_TOPICS: ReadonlySet<string> = new Set(['water', 'gym', 'food'] satisfies Array<StoredEntry['topic']>)
const isEntryTopic = (topic: string): topic is StoredEntry['topic'] => ENTRY_TOPICS.has(topic)

function toEntry (row: EntryRow): StoredEntry {
  // The column holds only topics this service wrote; anything else is a database edited by hand.
  if (!isEntryTopic(row.topic)) throw new Error(`stored entry ${row.id} has an unknown topic`)
  return {
    id: row.id,
    topic: row.topic,
    time_ms: row.time_ms,
    body: JSON.parse(row.body),
    facts: JSON.parse(row.facts),
    water_l: row.water_l,
    kcal_in: row.kcal_in,
    kcal_out: row.kcal_out,
    created_at: row.created_at
  }
}

/**
 * The tracking store: every query, scoped to one user, run as an operation
 * (createOperations: awaits `ready`, timed for `observe`, failures classified).
 */
export function createStore (database: Database, observe: QueryObserver = () => {}, ready: () => Promise<void> = async () => {}) {
  const { db } = database
  // SQLite writes go through the group-commit writer, made once the tables exist.
  let writer: SqliteWriter | undefined
  const sqliteWriter = (): SqliteWriter | undefined => {
    if (database.sqlite !== undefined) writer ??= createSqliteWriter(database.sqlite.handle, database.sqlite.exclusive)
    return writer
  }
  const { run, drain } = createOperations(db, observe, ready)

  const sums = (q: Kysely<Tables> | Transaction<Tables>, userId: string, start: number, end: number) => q.selectFrom('entries')
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>('water_l'), eb.lit(0)).as('water_l'),
      eb.fn.coalesce(eb.fn.sum<number>('kcal_in'), eb.lit(0)).as('kcal_in'),
      eb.fn.coalesce(eb.fn.sum<number>('kcal_out'), eb.lit(0)).as('kcal_out'),
      eb.fn.countAll<number>().as('entries')
    ])
    .where('user_id', '=', userId).where('time_ms', '>=', start).where('time_ms', '<', end)

  return {
    dialect: database.dialect,
    pool: (): PoolStats => database.pool(),
    close: database.close,

    /** Waits until no operation is in progress, or `timeoutMs` passes. */
    drain,

    /** The user's own foods and recipes. */
    foods: createFoodStore(run, database.dialect),

    /** Idempotency-Key records (each first written with its entry, by insertEntry). */
    keys: createKeyStore(run, sqliteWriter),

    ping: async () => await run('ping', async (q) => { await q.selectFrom('users').select('user_id').limit(1).execute() }),

    getProfile: async (userId: string): Promise<StoredProfile | undefined> => await run('get_profile', async (q) =>
      await q.selectFrom('users').select(['weight_kg', 'timezone', 'water_target_l', 'kcal_goal', 'fiber_g_goal', 'sodium_mg_limit', 'sugars_g_limit']).where('user_id', '=', userId).executeTakeFirst()),

    putProfile: async (userId: string, profile: StoredProfile, now: number): Promise<void> => await run('put_profile', async (q) => {
      await q.insertInto('users').values({ user_id: userId, ...profile, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...profile, updated_at: now }))
        .execute()
    }),

    /** Erases the user: entries, foods, idempotency records and profile, in one transaction. */
    deleteUser: async (userId: string): Promise<number> => await run('delete_user', async (q) => await q.transaction().execute(async (trx) => {
      const deleted = await trx.deleteFrom('entries').where('user_id', '=', userId).executeTakeFirst()
      for (const table of ['user_foods', 'user_food_names', 'user_food_versions'] as const) await trx.deleteFrom(table).where('user_id', '=', userId).execute()
      await trx.deleteFrom('idempotency_keys').where('user_id', '=', userId).execute()
      await trx.deleteFrom('users').where('user_id', '=', userId).execute()
      return Number(deleted.numDeletedRows)
    })),

    totals: async (userId: string, start: number, end: number): Promise<Totals> => await run('totals', async (q) => {
      const row = await sums(q, userId, start, end).executeTakeFirstOrThrow()
      return { water_l: Number(row.water_l), kcal_in: Number(row.kcal_in), kcal_out: Number(row.kcal_out), entries: Number(row.entries) }
    }),

    /**
     * Stores an entry. With an Idempotency-Key, the key's record is written in
     * the same transaction, first: a second request with the key fails on the
     * key's primary key and writes no entry, and a crash leaves either both or
     * neither.
     */
    insertEntry: async (userId: string, entry: StoredEntry, idempotency?: { key: string, hash: string }): Promise<void> => await run('insert_entry', async (q) => {
      const row = {
        id: entry.id,
        user_id: userId,
        topic: entry.topic,
        time_ms: entry.time_ms,
        body: JSON.stringify(entry.body),
        facts: JSON.stringify(entry.facts),
        water_l: entry.water_l,
        kcal_in: entry.kcal_in,
        kcal_out: entry.kcal_out,
        created_at: entry.created_at
      }
      const sqlite = sqliteWriter()
      if (sqlite !== undefined) return await sqlite.insertEntry(row, idempotency)
      if (idempotency === undefined) {
        await q.insertInto('entries').values(row).execute()
        return
      }
      // Postgres: one statement, so one round trip, and atomic by itself; a
      // data-modifying CTE fails whole when the key's primary key is taken.
      await q.with('k', (db) => db.insertInto('idempotency_keys')
        .values({ user_id: userId, key: idempotency.key, request_hash: idempotency.hash, entry_id: entry.id, response: null, created_at: entry.created_at }))
        .insertInto('entries').values(row).execute()
    }),

    getEntry: async (userId: string, id: string): Promise<StoredEntry | undefined> => await run('get_entry', async (q) => {
      const row = await q.selectFrom('entries').selectAll().where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return row === undefined ? undefined : toEntry(row)
    }),

    deleteEntry: async (userId: string, id: string): Promise<boolean> => await run('delete_entry', async (q) => {
      const result = await q.deleteFrom('entries').where('user_id', '=', userId).where('id', '=', id).executeTakeFirst()
      return result.numDeletedRows > 0n
    }),

    /** One page of entries, newest first by time, ties by creation order. */
    listEntries: async (userId: string, filter: { from?: number, to?: number, topic?: string, limit: number, cursor?: Cursor }): Promise<{ items: StoredEntry[], next: string | null }> => await run('list_entries', async (q) => {
      let query = q.selectFrom('entries').selectAll().where('user_id', '=', userId)
      if (filter.from !== undefined) query = query.where('time_ms', '>=', filter.from)
      if (filter.to !== undefined) query = query.where('time_ms', '<', filter.to)
      if (filter.topic !== undefined) query = query.where('topic', '=', filter.topic)
      const c = filter.cursor
      if (c !== undefined) query = query.where((eb) => eb.or([eb('time_ms', '<', c.t), eb.and([eb('time_ms', '=', c.t), eb('seq', '<', c.s)])]))
      const rows = await query.orderBy('time_ms', 'desc').orderBy('seq', 'desc').limit(filter.limit + 1).execute()
      const page = rows.slice(0, filter.limit)
      const last = page.at(-1)
      return { items: page.map(toEntry), next: rows.length > filter.limit && last !== undefined ? encodeCursor({ t: last.time_ms, s: last.seq }) : null }
    }),

    /** The latest entry of a topic in a time range (by time, then creation order), or undefined. */
    lastEntry: async (userId: string, topic: string, start: number, end: number): Promise<StoredEntry | undefined> => await run('last_entry', async (q) => {
      const row = await q.selectFrom('entries').selectAll().where('user_id', '=', userId).where('topic', '=', topic)
        .where('time_ms', '>=', start).where('time_ms', '<', end)
        .orderBy('time_ms', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst()
      return row === undefined ? undefined : toEntry(row)
    }),

    /** Every entry of the user in a time range, oldest first. */
    entriesBetween: async (userId: string, start: number, end: number): Promise<StoredEntry[]> => await run('entries_between', async (q) => {
      const rows = await q.selectFrom('entries').selectAll().where('user_id', '=', userId)
        .where('time_ms', '>=', start).where('time_ms', '<', end)
        .orderBy('time_ms', 'asc').orderBy('seq', 'asc').execute()
      return rows.map(toEntry)
    }),

    /** Every entry of the user, oldest first, in pages so a large history is never one result set. */
    async * allEntries (userId: string, pageSize = 500): AsyncGenerator<StoredEntry> {
      let after = 0
      for (;;) {
        const rows = await run('export', async (q) => await q.selectFrom('entries').selectAll().where('user_id', '=', userId).where('seq', '>', after)
          .orderBy('seq', 'asc').limit(pageSize).execute())
        for (const row of rows) yield toEntry(row)
        if (rows.length < pageSize) return
        after = rows[rows.length - 1].seq
      }
    }
  }
}

/** The tracking store. */
export type Store = ReturnType<typeof createStore>
