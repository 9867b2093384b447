import { createHash, randomUUID } from 'node:crypto'
import { stringify } from 'safe-stable-stringify'
import type { Profile, TrackedEntry } from '../../schemas/tracking.js'
import { ENTRY_TOPIC_DEFS, request, splitEntry } from '../advice/topics/index.js'
import type { EntryOf, EntryTopic, FactsOf, ProviderRequest } from '../advice/types.js'
import type { StoredEntry, StoredProfile } from './store.js'

/** A profile nobody has set: UTC days, nothing overridden. */
export const DEFAULT_PROFILE: StoredProfile = { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }

/**
 * The body's hash for Idempotency-Key: the same fields in any order are the same request.
 * Stored with the key for 24 h, so its input must not change form: the topic, a newline and
 * the body as JSON with sorted keys, as JSON.stringify writes each value.
 */
export function requestHash (topic: string, body: Record<string, unknown>): string {
  return createHash('sha256').update(`${topic}\n${stringify(body)}`).digest('hex')
}

/** An entry on the wire. */
export function toWire (entry: StoredEntry): TrackedEntry {
  return {
    id: entry.id,
    topic: entry.topic,
    time: new Date(entry.time_ms).toISOString(),
    body: entry.body,
    facts: entry.facts,
    created_at: new Date(entry.created_at).toISOString()
  }
}

/** A profile on the wire. */
export const profileWire = (p: StoredProfile): Profile => ({
  weight_kg: p.weight_kg,
  timezone: p.timezone,
  water_target_l: p.water_target_l,
  kcal_goal: p.kcal_goal,
  fiber_g_goal: p.fiber_g_goal,
  sodium_mg_limit: p.sodium_mg_limit,
  sugars_g_limit: p.sugars_g_limit
})

/** The record of a new entry: the body as sent, its facts, and what it adds to its day's sums (its topic says). */
export function newEntry<T extends EntryTopic> (topic: T, body: EntryOf<T>, facts: FactsOf<T>, instant: number, now: number): StoredEntry {
  const { entry } = splitEntry(topic, body)
  return { id: randomUUID(), topic, time_ms: instant, body, facts, ...ENTRY_TOPIC_DEFS[topic].amounts(entry, facts), created_at: now }
}

/**
 * A stored entry as the request a provider phrases when its answer is
 * rebuilt: the facts it was logged with, and the entry its topic restates
 * for them; nothing is recomputed.
 */
export function storedRequest (stored: StoredEntry): ProviderRequest<EntryTopic> {
  return restated(stored.topic, stored)
}

function restated<T extends EntryTopic> (topic: T, stored: StoredEntry): ProviderRequest<T> {
  // Stored rows hold what this service logged for the topic: a body that passed its schema and the facts computed from it.
  const facts = stored.facts as FactsOf<T>
  const { entry, context } = splitEntry(topic, stored.body as EntryOf<T>)
  const def = ENTRY_TOPIC_DEFS[topic]
  return request<T>(topic, def.restate(entry, facts), context, facts)
}
