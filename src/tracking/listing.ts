import type { EntryPage } from '../../schemas/tracking.js'
import { TrackingError } from './errors.js'
import { decodeCursor, type Store } from './store.js'
import { toWire } from './records.js'
import type { Tracker } from './tracker.js'

/** Page size when none is asked for. */
export const DEFAULT_LIMIT = 50

/** Which entries to list: `GET /entries`'s query with `limit` as a number. */
export interface EntryQuery {
  from?: string
  to?: string
  topic?: 'water' | 'gym' | 'food'
  limit?: number
  cursor?: string
}

/**
 * One page of a user's entries, newest first: the one implementation behind
 * `GET /entries` and the `list_entries` tool. `from`/`to` without an offset
 * are read in the profile's time zone.
 */
export async function listEntries (deps: { store: Store, tracker: Tracker }, user: string, q: EntryQuery): Promise<EntryPage> {
  const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
  if (q.cursor !== undefined && cursor === undefined) throw new TrackingError('invalid', 'cursor is not a next_cursor this API issued')
  const zone = (q.from ?? q.to) === undefined ? 'UTC' : (await deps.tracker.profile(user)).timezone
  const page = await deps.store.listEntries(user, {
    from: q.from === undefined ? undefined : deps.tracker.instantOf(q.from, zone, 'from', 'query'),
    to: q.to === undefined ? undefined : deps.tracker.instantOf(q.to, zone, 'to', 'query'),
    topic: q.topic,
    limit: q.limit ?? DEFAULT_LIMIT,
    cursor
  })
  return { items: page.items.map(toWire), next_cursor: page.next }
}
