import { sql } from 'kysely'
import type { Test } from 'tap'
import { openDatabase, type Database } from '../../src/tracking/database.js'
import { DatabaseUnavailableError, isUniqueViolation } from '../../src/tracking/errors.js'
import { migrate } from '../../src/tracking/migrations.js'
import { createStore, decodeCursor, encodeCursor, type Store, type StoredEntry, type StoredProfile } from '../../src/tracking/store.js'
import type { PostgresServer } from '../helpers/postgres-server.js'

// The store's behaviour, written once and run on each engine: SQLite in
// store.test.ts (npm test), PostgreSQL in test/system/tracking/store.test.ts.

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** A fixed clock origin: 2026-06-01T00:00:00Z. */
export const T0 = Date.parse('2026-06-01T00:00:00Z')

export interface Opened { database: Database, store: Store, calls: Array<{ operation: string, ok: boolean }> }

/** Opens a database at url, migrates it, and closes it when t ends. */
export async function open (t: Test, url: string): Promise<Opened> {
  const database = await openDatabase({ url, poolMax: 4, statementTimeoutMs: 2000, onPoolError: () => {} })
  t.teardown(database.close)
  await migrate(database.db, database.dialect)
  const calls: Opened['calls'] = []
  const store = createStore(database, (operation, _seconds, ok) => calls.push({ operation, ok }))
  return { database, store, calls }
}

/** One engine: how to get a fresh, migrated, empty database for one test. */
export interface Backend {
  name: string
  skip: string | false
  /** Prepares the engine once (e.g. starts Postgres) and returns the per-test opener. */
  prepare: (t: Test) => Promise<{ fresh: (t: Test) => Promise<Opened>, server?: PostgresServer }>
}

let idCounter = 0
/** An entry with defaults; `id` unique unless given. */
export function entry (overrides: Partial<StoredEntry> = {}): StoredEntry {
  return {
    id: `e-${++idCounter}`,
    topic: 'water',
    time_ms: T0,
    body: { amount_liters: 0.25 },
    facts: { intake_l: 0.25 },
    water_l: 0.25,
    kcal_in: 0,
    kcal_out: 0,
    created_at: T0,
    ...overrides
  }
}

/** Every store test, on one engine. */
export function storeSuite (t: Test, backend: Backend): void {
  t.test(backend.name, { skip: backend.skip }, async (t) => {
    const { fresh } = await backend.prepare(t)

    t.test('migrating again is a no-op', async (t) => {
      const { database, store } = await fresh(t)
      t.same(await migrate(database.db, database.dialect), [])
      t.same(await migrate(database.db, database.dialect), [])
      await store.insertEntry('u1', entry())
      t.equal((await store.totals('u1', T0, T0 + 1)).entries, 1, 'the tables still work')
    })

    t.test('migrating an empty database applies each migration once', async (t) => {
      const { database } = await fresh(t)
      // fresh() migrated already: a second Migrator run finds nothing pending,
      // and the migration table records each migration exactly once.
      const rows = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db)
      t.same(rows.rows.map((r) => r.name), ['0001_tracking', '0002_nutrient_goals', '0003_user_foods'])
    })

    t.test('profiles: absent, put, replace, per user', async (t) => {
      const { store } = await fresh(t)
      t.equal(await store.getProfile('alice'), undefined)
      const first: StoredProfile = { weight_kg: 70.5, timezone: 'Pacific/Auckland', water_target_l: 2.5, kcal_goal: 2000, fiber_g_goal: 30.5, sodium_mg_limit: 1500, sugars_g_limit: 50 }
      await store.putProfile('alice', first, T0)
      t.same(await store.getProfile('alice'), first)
      const second: StoredProfile = { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }
      await store.putProfile('alice', second, T0 + 1000)
      t.same(await store.getProfile('alice'), second, 'PUT replaces every field, nulls included')
      t.equal(await store.getProfile('bob'), undefined, 'another user has no profile')
    })

    t.test('insert, get and delete an entry', async (t) => {
      const { store } = await fresh(t)
      const stored = entry({
        topic: 'gym',
        time_ms: T0 + 1234,
        body: { activity: 'running', duration_minutes: 30, nested: { ok: true } },
        facts: { kcal_burned: 343, notes: ['a', 'b'] },
        water_l: 0,
        kcal_in: 0,
        kcal_out: 343.5,
        created_at: T0 + 99
      })
      await store.insertEntry('alice', stored)
      t.same(await store.getEntry('alice', stored.id), stored, 'every field round-trips, JSON included')
      t.equal(await store.getEntry('alice', 'no-such-id'), undefined)
      t.equal(await store.deleteEntry('alice', stored.id), true)
      t.equal(await store.getEntry('alice', stored.id), undefined)
      t.equal(await store.deleteEntry('alice', stored.id), false, 'a second delete finds nothing')
    })

    t.test('a duplicate entry id is an ordinary error, not "unavailable"', async (t) => {
      const { store } = await fresh(t)
      const stored = entry()
      await store.insertEntry('alice', stored)
      const err = await store.insertEntry('alice', { ...stored }).then(() => undefined, (e: unknown) => e)
      t.ok(err instanceof Error, 'rejected')
      t.notOk(err instanceof DatabaseUnavailableError, 'a constraint violation is not retryable')
      t.ok(isUniqueViolation(err), `the driver's unique-violation code (got ${String((err as { code?: unknown }).code)})`)
    })

    t.test('users are isolated', async (t) => {
      const { store } = await fresh(t)
      const mine = entry()
      await store.insertEntry('alice', mine)
      t.equal(await store.getEntry('bob', mine.id), undefined, 'bob cannot read alice\'s entry')
      t.equal(await store.deleteEntry('bob', mine.id), false, 'bob cannot delete it')
      t.ok(await store.getEntry('alice', mine.id), 'still there for alice')
      t.same(await store.listEntries('bob', { limit: 10 }), { items: [], next: null })
      t.same(await store.totals('bob', 0, T0 + DAY), { water_l: 0, kcal_in: 0, kcal_out: 0, entries: 0 })
      t.same(await store.entriesBetween('bob', 0, T0 + DAY), [])
    })

    t.test('listEntries', async (t) => {
      const { store } = await fresh(t)
      // Inserted in this order (creation order a..g); times in hours after T0.
      // Newest first by time; equal times (b, c, d at 4 h) newest-created first.
      const at = (h: number) => T0 + h * HOUR
      const made = {
        a: entry({ id: 'a', time_ms: at(1), topic: 'water' }),
        b: entry({ id: 'b', time_ms: at(4), topic: 'gym', water_l: 0, kcal_out: 100 }),
        c: entry({ id: 'c', time_ms: at(4), topic: 'water' }),
        d: entry({ id: 'd', time_ms: at(4), topic: 'food', water_l: 0, kcal_in: 250 }),
        e: entry({ id: 'e', time_ms: at(5), topic: 'water' }),
        f: entry({ id: 'f', time_ms: at(2), topic: 'gym', water_l: 0, kcal_out: 50 }),
        g: entry({ id: 'g', time_ms: at(3), topic: 'water' })
      }
      for (const e of Object.values(made)) await store.insertEntry('alice', e)
      await store.insertEntry('bob', entry({ id: 'bob-1', time_ms: at(4) }))
      const expectedOrder = ['e', 'd', 'c', 'b', 'g', 'f', 'a']

      t.test('one page: newest first, ties by creation order', async (t) => {
        const page = await store.listEntries('alice', { limit: 200 })
        t.same(page.items.map((e) => e.id), expectedOrder)
        t.equal(page.next, null)
        t.same(page.items[0], made.e, 'items are whole entries')
      })

      t.test('pages of 3 walk every entry once: 3, 3, 1', async (t) => {
        const sizes: number[] = []
        const seen: string[] = []
        let cursor: string | null = null
        for (let i = 0; i < 10; i++) {
          const decoded: ReturnType<typeof decodeCursor> = cursor === null ? undefined : decodeCursor(cursor)
          if (cursor !== null) t.ok(decoded, 'our own cursor decodes')
          const page: Awaited<ReturnType<Store['listEntries']>> = await store.listEntries('alice', { limit: 3, cursor: decoded })
          sizes.push(page.items.length)
          seen.push(...page.items.map((e) => e.id))
          cursor = page.next
          if (cursor === null) break
        }
        t.same(sizes, [3, 3, 1])
        t.same(seen, expectedOrder, 'no duplicates, none skipped, the tie across the page boundary kept in order')
        t.equal(cursor, null)
      })

      t.test('exactly a page left: the last full page says so with next = null', async (t) => {
        // 7 entries, limit 7: one page and no cursor (not a cursor to an empty page).
        const page = await store.listEntries('alice', { limit: 7 })
        t.equal(page.items.length, 7)
        t.equal(page.next, null)
        const six = await store.listEntries('alice', { limit: 6 })
        t.not(six.next, null)
        const rest = await store.listEntries('alice', { limit: 6, cursor: decodeCursor(six.next as string) })
        t.same(rest.items.map((e) => e.id), ['a'])
        t.equal(rest.next, null)
      })

      t.test('from is inclusive, to exclusive', async (t) => {
        // [2 h, 4 h): f (2 h) and g (3 h); the 4 h entries are excluded.
        const page = await store.listEntries('alice', { from: at(2), to: at(4), limit: 10 })
        t.same(page.items.map((e) => e.id), ['g', 'f'])
        t.same((await store.listEntries('alice', { from: at(4), limit: 10 })).items.map((e) => e.id), ['e', 'd', 'c', 'b'])
        t.same((await store.listEntries('alice', { to: at(2), limit: 10 })).items.map((e) => e.id), ['a'])
      })

      t.test('topic filter, also with a cursor', async (t) => {
        t.same((await store.listEntries('alice', { topic: 'gym', limit: 10 })).items.map((e) => e.id), ['b', 'f'])
        const first = await store.listEntries('alice', { topic: 'water', limit: 2 })
        t.same(first.items.map((e) => e.id), ['e', 'c'])
        const second = await store.listEntries('alice', { topic: 'water', limit: 2, cursor: decodeCursor(first.next as string) })
        t.same(second.items.map((e) => e.id), ['g', 'a'])
        t.equal(second.next, null)
        t.same((await store.listEntries('alice', { topic: 'food', from: at(5), limit: 10 })).items, [])
      })

      t.test('entriesBetween: the range oldest first, ties in creation order', async (t) => {
        t.same((await store.entriesBetween('alice', at(3), at(5))).map((e) => e.id), ['g', 'b', 'c', 'd'])
      })
    })

    t.test('decodeCursor accepts its own cursors and rejects garbage', async (t) => {
      t.same(decodeCursor(encodeCursor({ t: T0, s: 7 })), { t: T0, s: 7 })
      const b64 = (s: string) => Buffer.from(s).toString('base64url')
      for (const bad of ['', 'garbage', '!!!!', b64('{"t":1,"s":2}'), b64('[1]'), b64('[1,2,3]'), b64('[1.5,2]'), b64('["1",2]'), b64('[1e300,2]'), b64('null'), b64('[1,')]) {
        t.equal(decodeCursor(bad), undefined, JSON.stringify(bad))
      }
    })

    t.test('totals over a range', async (t) => {
      const { store } = await fresh(t)
      // Binary-exact amounts so the sums are exact on both engines.
      await store.insertEntry('alice', entry({ time_ms: T0, water_l: 0.25 }))
      await store.insertEntry('alice', entry({ time_ms: T0 + HOUR, water_l: 0.5 }))
      await store.insertEntry('alice', entry({ time_ms: T0 + 2 * HOUR, topic: 'food', water_l: 0, kcal_in: 512.5 }))
      await store.insertEntry('alice', entry({ time_ms: T0 + 3 * HOUR, topic: 'gym', water_l: 0, kcal_out: 300 }))
      // The next day, and another user: outside the sums.
      await store.insertEntry('alice', entry({ time_ms: T0 + DAY, water_l: 2 }))
      await store.insertEntry('bob', entry({ time_ms: T0, water_l: 4 }))
      t.same(await store.totals('alice', T0, T0 + DAY), { water_l: 0.75, kcal_in: 512.5, kcal_out: 300, entries: 4 })
      // [T0 + 1 h, T0 + 3 h): the 0.5 L drink and the meal.
      t.same(await store.totals('alice', T0 + HOUR, T0 + 3 * HOUR), { water_l: 0.5, kcal_in: 512.5, kcal_out: 0, entries: 2 })
      t.same(await store.totals('alice', T0 - DAY, T0), { water_l: 0, kcal_in: 0, kcal_out: 0, entries: 0 }, 'an empty range sums to zeros')
      for (const value of Object.values(await store.totals('alice', T0, T0 + DAY))) t.equal(typeof value, 'number')
    })

    t.test('deleteUser erases entries, keys and profile, and only that user\'s', async (t) => {
      const { store, database } = await fresh(t)
      for (const user of ['alice', 'bob']) {
        await store.putProfile(user, { weight_kg: 60, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }, T0)
        await store.insertEntry(user, entry(), { key: 'k', hash: 'h' })
        await store.insertEntry(user, entry())
      }
      await store.insertEntry('alice', entry())
      t.equal(await store.deleteUser('alice'), 3, 'the number of entries erased')
      t.equal(await store.getProfile('alice'), undefined)
      t.same(await store.listEntries('alice', { limit: 10 }), { items: [], next: null })
      t.equal(await store.keys.find('alice', 'k', T0), undefined, 'alice\'s key is gone')
      t.same(await store.getProfile('bob'), { weight_kg: 60, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null })
      t.equal((await store.listEntries('bob', { limit: 10 })).items.length, 2)
      t.equal((await store.keys.find('bob', 'k', T0))?.request_hash, 'h', 'bob\'s key is still there')
      const counts = await database.db.selectFrom('entries').select((eb) => eb.fn.countAll<number>().as('n')).where('user_id', '=', 'alice').executeTakeFirstOrThrow()
      t.equal(Number(counts.n), 0)
      t.equal(await store.deleteUser('nobody'), 0)
    })

    t.test('allEntries pages through the whole history, oldest first', async (t) => {
      const { store, calls } = await fresh(t)
      const ids: string[] = []
      // Times deliberately out of creation order: export follows creation order.
      for (let i = 0; i < 5; i++) {
        const e = entry({ time_ms: T0 + (5 - i) * HOUR })
        ids.push(e.id)
        await store.insertEntry('alice', e)
      }
      await store.insertEntry('bob', entry())
      calls.length = 0
      const seen: string[] = []
      for await (const e of store.allEntries('alice', 2)) seen.push(e.id)
      t.same(seen, ids)
      // 5 entries in pages of 2: 2, 2, 1 → three queries.
      t.equal(calls.filter((c) => c.operation === 'export').length, 3)
      calls.length = 0
      await store.insertEntry('alice', entry())
      calls.length = 0
      const six: string[] = []
      for await (const e of store.allEntries('alice', 2)) six.push(e.id)
      t.equal(six.length, 6)
      // 6 in pages of 2: 2, 2, 2, then an empty page ends it → four queries.
      t.equal(calls.filter((c) => c.operation === 'export').length, 4)
      const none: string[] = []
      for await (const e of store.allEntries('nobody')) none.push(e.id)
      t.same(none, [])
    })

    t.test('ping and the observer', async (t) => {
      const { store, calls } = await fresh(t)
      calls.length = 0
      await store.ping()
      await store.getProfile('x')
      t.same(calls, [{ operation: 'ping', ok: true }, { operation: 'get_profile', ok: true }])
      const pool = store.pool()
      t.equal(typeof pool.inUse, 'number')
      t.equal(typeof pool.waiting, 'number')
    })
  })
}
