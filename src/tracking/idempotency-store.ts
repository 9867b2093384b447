import type { Run } from './operations.js'
import type { SqliteWriter } from './sqlite-writer.js'

/** What is stored under an Idempotency-Key. */
export interface KeyRecord { request_hash: string, entry_id: string | null, response: unknown }

/** How long a key is honoured: a retry within it replays the first answer. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000

/**
 * The Idempotency-Key records of one store: found, completed with their
 * answer, forgotten and purged. A record is first written with its entry, in
 * the same transaction (the store's insertEntry); these are what follows.
 * SQLite writes go through the store's group-commit writer.
 */
export function createKeyStore (run: Run, sqliteWriter: () => SqliteWriter | undefined) {
  return {
    /** The live record of a key (a key lives 24 h; an expired one is removed and reads as absent). */
    find: async (userId: string, key: string, now: number): Promise<KeyRecord | undefined> => await run('idempotency_find', async (q) => {
      const row = await q.selectFrom('idempotency_keys').select(['request_hash', 'entry_id', 'response', 'created_at']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst()
      if (row === undefined) return undefined
      if (row.created_at < now - IDEMPOTENCY_TTL_MS) {
        // Expired: removed here, so the key can be used afresh at once.
        await q.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).where('created_at', '<', now - IDEMPOTENCY_TTL_MS).execute()
        return undefined
      }
      return { request_hash: row.request_hash, entry_id: row.entry_id, response: row.response === null ? null : JSON.parse(row.response) }
    }),

    /** Stores the answer given for a key, so a retry replays it. */
    complete: async (userId: string, key: string, response: unknown): Promise<void> => await run('idempotency_complete', async (q) => {
      const sqlite = sqliteWriter()
      if (sqlite !== undefined) return await sqlite.storeAnswer(userId, key, JSON.stringify(response))
      await q.updateTable('idempotency_keys').set({ response: JSON.stringify(response) }).where('user_id', '=', userId).where('key', '=', key).execute()
    }),

    /** Forgets a key whose request was undone, so a retry runs afresh. */
    forget: async (userId: string, key: string): Promise<void> => await run('idempotency_forget', async (q) => {
      await q.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute()
    }),

    /** Drops expired records. */
    purgeExpired: async (now: number): Promise<number> => await run('idempotency_purge', async (q) => {
      const result = await q.deleteFrom('idempotency_keys').where('created_at', '<', now - IDEMPOTENCY_TTL_MS).executeTakeFirst()
      return Number(result.numDeletedRows)
    })
  }
}

/** A store's Idempotency-Key records. */
export type KeyStore = ReturnType<typeof createKeyStore>
