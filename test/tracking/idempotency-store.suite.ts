import type { Test } from 'tap'
import { DatabaseUnavailableError, isUniqueViolation } from '../../src/tracking/errors.js'
import { entry, T0, type Backend } from './store.suite.js'

// The Idempotency-Key records, written once and run on each engine: SQLite in
// idempotency-store.test.ts (npm test), PostgreSQL in
// test/system/tracking/idempotency-store.test.ts. A record is first written
// with its entry (store.insertEntry), so these tests write entries too.

const HOUR = 3_600_000
const DAY = 24 * HOUR

/** Every Idempotency-Key test, on one engine. */
export function keyStoreSuite (t: Test, backend: Backend): void {
  t.test(backend.name, { skip: backend.skip }, async (t) => {
    const { fresh } = await backend.prepare(t)

    t.test('idempotency keys', async (t) => {
      const { store, database } = await fresh(t)

      t.test('absent, recorded with its entry, completed, replayed', async (t) => {
        t.equal(await store.keys.find('alice', 'k1', T0), undefined, 'an unused key')
        const stored = entry({ created_at: T0 })
        await store.insertEntry('alice', stored, { key: 'k1', hash: 'hash-a' })
        t.same(await store.keys.find('alice', 'k1', T0 + 1), { request_hash: 'hash-a', entry_id: stored.id, response: null }, 'in flight: the entry, no answer yet')
        t.same(await store.getEntry('alice', stored.id), stored, 'the entry was written with the key')
        const response = { message: 'ok', entry_id: stored.id, facts: { today: { water_l: 0.25 } } }
        await store.keys.complete('alice', 'k1', response)
        t.same(await store.keys.find('alice', 'k1', T0 + 2), { request_hash: 'hash-a', entry_id: stored.id, response }, 'the stored answer comes back')
      })

      t.test('a second entry under a used key is refused and writes nothing', async (t) => {
        await store.insertEntry('alice', entry(), { key: 'k2', hash: 'hash-a' })
        const second = entry()
        const err = await store.insertEntry('alice', second, { key: 'k2', hash: 'hash-b' }).then(() => undefined, (e: unknown) => e)
        t.ok(err instanceof Error, 'rejected')
        t.ok(isUniqueViolation(err), `a unique violation (got ${String(err)})`)
        t.notOk(err instanceof DatabaseUnavailableError)
        t.equal(await store.getEntry('alice', second.id), undefined, 'the transaction wrote no entry')
        t.equal((await store.keys.find('alice', 'k2', T0))?.request_hash, 'hash-a', 'the first record stands')
      })

      t.test('keys are per user', async (t) => {
        const mine = entry()
        const his = entry()
        await store.insertEntry('alice', mine, { key: 'shared', hash: 'hash-a' })
        await store.insertEntry('bob', his, { key: 'shared', hash: 'hash-b' })
        t.equal((await store.keys.find('alice', 'shared', T0))?.entry_id, mine.id)
        t.equal((await store.keys.find('bob', 'shared', T0))?.entry_id, his.id)
        t.equal(await store.keys.find('carol', 'shared', T0), undefined)
      })

      t.test('forget lets the key be used anew', async (t) => {
        await store.insertEntry('alice', entry(), { key: 'k3', hash: 'hash-a' })
        await store.keys.forget('alice', 'k3')
        t.equal(await store.keys.find('alice', 'k3', T0), undefined)
        const again = entry()
        await store.insertEntry('alice', again, { key: 'k3', hash: 'hash-b' })
        t.same(await store.keys.find('alice', 'k3', T0), { request_hash: 'hash-b', entry_id: again.id, response: null }, 'even with another body')
      })

      t.test('a key expires after 24 h', async (t) => {
        // The key's age counts from its entry's created_at (T0).
        await store.insertEntry('alice', entry({ created_at: T0 }), { key: 'k4', hash: 'hash-a' })
        await store.keys.complete('alice', 'k4', { n: 1 })
        t.same((await store.keys.find('alice', 'k4', T0 + DAY - 1))?.response, { n: 1 }, 'still held just before 24 h')
        t.equal(await store.keys.find('alice', 'k4', T0 + DAY + 1), undefined, 'gone after 24 h')
        const row = await database.db.selectFrom('idempotency_keys').select('key').where('key', '=', 'k4').executeTakeFirst()
        t.equal(row, undefined, 'the expired record was removed, so the key can be written again')
        const later = entry({ created_at: T0 + DAY + 1 })
        await store.insertEntry('alice', later, { key: 'k4', hash: 'hash-b' })
        t.equal((await store.keys.find('alice', 'k4', T0 + DAY + 2))?.entry_id, later.id)
      })
    })

    t.test('purgeExpired drops only keys older than 24 h', async (t) => {
      const { store, database } = await fresh(t)
      await store.insertEntry('alice', entry({ created_at: T0 }), { key: 'old-1', hash: 'h' })
      await store.insertEntry('bob', entry({ created_at: T0 + HOUR }), { key: 'old-2', hash: 'h' })
      await store.insertEntry('alice', entry({ created_at: T0 + 20 * HOUR }), { key: 'young', hash: 'h' })
      // At T0 + 25 h + 1 ms the cutoff is T0 + 1 h + 1 ms: both old keys are older.
      t.equal(await store.keys.purgeExpired(T0 + 25 * HOUR + 1), 2)
      const left = await database.db.selectFrom('idempotency_keys').select('key').execute()
      t.same(left.map((r) => r.key), ['young'])
      t.equal(await store.keys.purgeExpired(T0 + 25 * HOUR + 1), 0, 'nothing left to purge')
      t.equal((await store.listEntries('alice', { limit: 10 })).items.length, 2, 'entries are not touched')
    })
  })
}
