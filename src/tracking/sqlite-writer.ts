import type { Tables } from './database.js'
import type { SqliteHandle } from './sqlite-driver.js'

/** An entry row as the writer stores it (JSON columns already serialized; `seq` is the database's). */
export type EntryRowInput = Omit<Tables['entries'], 'seq'>

type Write =
  | { kind: 'entry', row: EntryRowInput, key?: { key: string, hash: string } }
  | { kind: 'answer', userId: string, key: string, response: string }

interface Pending { write: Write, resolve: () => void, reject: (err: unknown) => void }

/**
 * Group commit for SQLite. With synchronous=FULL every commit waits for an
 * fsync, and the synchronous driver waits on the event loop: one commit per request
 * caps a process at a few hundred writes a second and stalls every other
 * request meanwhile. Writes that arrive in the same turn of the event loop
 * are committed together, in one transaction with one fsync; each write is
 * its own savepoint, so one failing (a reused Idempotency-Key) fails alone.
 * A write's promise settles only after the commit, so a 200 still means the
 * entry is on disk.
 *
 * `exclusive` runs the batch while holding Kysely's single connection, so a
 * batch never lands inside a Kysely transaction that is still open.
 */
export function createSqliteWriter (sqlite: SqliteHandle, exclusive: (fn: () => void) => Promise<void>) {
  const insertKey = sqlite.prepare('insert into idempotency_keys (user_id, key, request_hash, entry_id, response, created_at) values (?, ?, ?, ?, null, ?)')
  const insertEntry = sqlite.prepare('insert into entries (id, user_id, topic, time_ms, body, facts, water_l, kcal_in, kcal_out, created_at) values (@id, @user_id, @topic, @time_ms, @body, @facts, @water_l, @kcal_in, @kcal_out, @created_at)')
  const storeAnswer = sqlite.prepare('update idempotency_keys set response = ? where user_id = ? and key = ?')

  // A transaction function called inside another runs as a savepoint.
  const one = sqlite.transaction((w: Write) => {
    if (w.kind === 'answer') {
      storeAnswer.run(w.response, w.userId, w.key)
      return
    }
    if (w.key !== undefined) insertKey.run(w.row.user_id, w.key.key, w.key.hash, w.row.id, w.row.created_at)
    insertEntry.run(w.row)
  })
  const batch = sqlite.transaction((items: Pending[]) => items.map((p) => {
    try {
      one(p.write)
      return undefined
    } catch (err) {
      return err
    }
  }))

  let queue: Pending[] = []
  let scheduled = false

  async function flush (): Promise<void> {
    scheduled = false
    const items = queue
    queue = []
    let outcomes: unknown[] = []
    try {
      await exclusive(() => { outcomes = batch(items) })
    } catch (err) {
      // The commit itself failed: nothing of this batch is stored.
      for (const p of items) p.reject(err)
      return
    }
    items.forEach((p, i) => { if (outcomes[i] === undefined) p.resolve(); else p.reject(outcomes[i]) })
  }

  async function write (w: Write): Promise<void> {
    return await new Promise<void>((resolve, reject) => {
      queue.push({ write: w, resolve, reject })
      if (!scheduled) {
        scheduled = true
        // flush settles every write's promise itself and never rejects.
        setImmediate(flush)
      }
    })
  }

  return {
    insertEntry: async (row: EntryRowInput, key?: { key: string, hash: string }) => { await write({ kind: 'entry', row, key }) },
    storeAnswer: async (userId: string, key: string, response: string) => { await write({ kind: 'answer', userId, key, response }) }
  }
}

/** The SQLite group-commit writer. */
export type SqliteWriter = ReturnType<typeof createSqliteWriter>
