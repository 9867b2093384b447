import type { DaySummary, DayTotals } from '../../schemas/tracking.js'
import type { Advisor } from '../advice/advisor.js'
import { ENTRY_TOPIC_DEFS, prepare } from '../advice/topics/index.js'
import type { Advice, EntryOf, EntryTopic, FactsOf } from '../advice/types.js'
import { dayRange, entryInstant, localDate, localWallTime } from './days.js'
import { FieldValueError, isUniqueViolation, TrackingError } from './errors.js'
import { DEFAULT_PROFILE, newEntry, requestHash, storedRequest } from './records.js'
import type { Store, StoredEntry, StoredProfile, Totals } from './store.js'
import { daySummary, dayWaterTarget } from './summary.js'
import { messageOf } from '../thrown.js'
import type { UserFoodIndex } from '../advice/text/meal/user-foods.js'

export type { EntryTopic } from '../advice/types.js'

/** A logged advice answer: the advice, the stored entry's id and the day's totals in `facts.today`. */
export type LoggedAdvice<T extends EntryTopic> = Advice<T> & { entry_id: string, facts: FactsOf<T> & { today: DayTotals } }

const round = (n: number, digits = 3) => Number(n.toFixed(digits))

/** Tracking: logs entries with their facts and the day's totals, and answers the tracking resources. Free of HTTP. */
export function createTracker (deps: {
  store: Store
  advisor: Advisor
  /** The user's own foods, matched in their meal texts first; absent: none. */
  foods?: (userId: string) => Promise<UserFoodIndex | undefined>
  now?: () => number
  onCleanupError?: (err: unknown) => void
}) {
  const { store, advisor } = deps
  const now = deps.now ?? Date.now

  const profileOf = async (userId: string): Promise<StoredProfile> => await store.getProfile(userId) ?? DEFAULT_PROFILE

  /** The instant of a date-time field (`time` of a body by default) in `zone`; one that names no real instant is a FieldValueError. */
  function instantOf (time: unknown, zone: string, field = 'time', part: 'body' | 'query' = 'body'): number {
    try {
      return entryInstant(typeof time === 'string' ? time : undefined, zone, now())
    } catch (err) {
      throw new FieldValueError(part, field, messageOf(err))
    }
  }

  async function logEntry<T extends EntryTopic> (userId: string, topic: T, body: EntryOf<T>, idempotency: { key: string, hash: string } | undefined, profile: StoredProfile) {
    const { timeField } = ENTRY_TOPIC_DEFS[topic]
    const instant = instantOf(body[timeField], profile.timezone, timeField)
    const day = dayRange(localDate(instant, profile.timezone), profile.timezone)
    const [before, foods] = await Promise.all([store.totals(userId, day.start, day.end), topic === 'food' ? deps.foods?.(userId) : undefined])
    // The facts are computed once, here, with the day; the advisor phrases them as they are.
    const request = prepare(topic, body, {
      weightKg: profile.weight_kg,
      waterTargetL: profile.water_target_l,
      waterSoFarL: before.water_l,
      localTime: localWallTime(instant, profile.timezone),
      ...(foods === undefined ? {} : { foods })
    })
    const entry = newEntry(topic, body, request.facts, instant, now())
    await store.insertEntry(userId, entry, idempotency)
    // The totals read before the insert, plus this entry: no second read.
    const after: Totals = {
      water_l: before.water_l + entry.water_l,
      kcal_in: before.kcal_in + entry.kcal_in,
      kcal_out: before.kcal_out + entry.kcal_out,
      entries: before.entries + 1
    }
    return { entry, request, today: await todayOf(userId, after, entry, profile, day) }
  }

  /** `facts.today`: the day's totals (this entry included) and the day's water target. */
  async function todayOf (userId: string, totals: Totals, entry: StoredEntry, profile: StoredProfile, day: { start: number, end: number }): Promise<DayTotals> {
    return {
      water_l: round(totals.water_l),
      // A water entry carries the target; otherwise the day's last water entry does, or the profile.
      water_target_l: ENTRY_TOPIC_DEFS[entry.topic].stored.waterTargetL(entry.facts) ?? dayWaterTarget(profile, await store.lastEntry(userId, 'water', day.start, day.end)),
      kcal_in: round(totals.kcal_in, 1),
      kcal_out: round(totals.kcal_out, 1),
      entries: totals.entries
    }
  }

  /**
   * The answer for a stored entry whose first answer was never stored (its
   * request crashed, or is still being advised): the stored facts, today's
   * totals as they are now, and advice on them. No entry is written.
   */
  async function answerFor (userId: string, entry: StoredEntry, signal: AbortSignal | undefined): Promise<LoggedAdvice<EntryTopic>> {
    const profile = await profileOf(userId)
    const day = dayRange(localDate(entry.time_ms, profile.timezone), profile.timezone)
    const totals = await store.totals(userId, day.start, day.end)
    const advice = await advisor.adviseOn(storedRequest(entry), signal)
    return { ...advice, entry_id: entry.id, facts: { ...advice.facts, today: await todayOf(userId, totals, entry, profile, day) } }
  }

  /** What a key already stands for: undefined when unused, a replay, or a 409. */
  async function earlierAnswer<T extends EntryTopic> (userId: string, key: string, hash: string, signal: AbortSignal | undefined): Promise<LoggedAdvice<T> | undefined> {
    const record = await store.keys.find(userId, key, now())
    if (record === undefined) return undefined
    if (record.request_hash !== hash) throw new TrackingError('conflict', 'this Idempotency-Key was already used with a different request body', { code: 'key_reused' })
    // The stored answer is the one this service gave for the key; the hash names the topic, so it is a T.
    if (record.response !== null) return record.response as LoggedAdvice<T>
    const entry = record.entry_id === null ? undefined : await store.getEntry(userId, record.entry_id)
    // The key's entry was deleted since: there is nothing to replay.
    if (entry === undefined) throw new TrackingError('conflict', 'the entry logged under this Idempotency-Key was deleted', { code: 'key_entry_deleted' })
    const answer = await answerFor(userId, entry, signal)
    // The key's entry was logged under the same hash, so for this topic.
    return answer as LoggedAdvice<T>
  }

  /** Removes an entry nobody was told about, and its key; failures here are only logged. */
  async function undo (userId: string, key: string | undefined, entryId: string): Promise<void> {
    try {
      await store.deleteEntry(userId, entryId)
      if (key !== undefined) await store.keys.forget(userId, key)
    } catch (err) {
      deps.onCleanupError?.(err)
    }
  }

  return {
    /**
     * Logs an entry and advises on it. The entry (and its Idempotency-Key) is
     * committed before the advice is asked for; if advice then fails
     * (fallback disabled), both are removed again, so an error answer never
     * leaves an entry behind. A key seen before replays its answer instead.
     */
    async log<T extends EntryTopic> (userId: string, topic: T, body: EntryOf<T>, options: { idempotencyKey?: string, signal?: AbortSignal } = {}): Promise<{ advice: LoggedAdvice<T>, replayed: boolean }> {
      const key = options.idempotencyKey
      const idempotency = key === undefined ? undefined : { key, hash: requestHash(topic, body) }
      // Read alongside the key lookup: the two are independent round trips.
      const profile = profileOf(userId)
      profile.catch(() => {})
      if (idempotency !== undefined) {
        const earlier = await earlierAnswer<T>(userId, idempotency.key, idempotency.hash, options.signal)
        if (earlier !== undefined) return { advice: earlier, replayed: true }
      }
      let logged
      try {
        logged = await logEntry(userId, topic, body, idempotency, await profile)
      } catch (err) {
        // Another request with this key committed first: answer as it did.
        if (idempotency === undefined || !isUniqueViolation(err)) throw err
        const earlier = await earlierAnswer<T>(userId, idempotency.key, idempotency.hash, options.signal)
        if (earlier === undefined) throw new TrackingError('conflict', 'a request with this Idempotency-Key is still in progress; retry shortly', { retryAfterS: 1, code: 'key_in_progress' })
        return { advice: earlier, replayed: true }
      }
      let advice: Advice<T>
      try {
        advice = await advisor.adviseOn(logged.request, options.signal)
      } catch (err) {
        await undo(userId, key, logged.entry.id)
        throw err
      }
      const answer: LoggedAdvice<T> = { ...advice, entry_id: logged.entry.id, facts: { ...advice.facts, today: logged.today } }
      if (key !== undefined) {
        // The entry is already durable; without the stored answer a retry
        // gets a rebuilt one (same entry), so this failure is only logged.
        await store.keys.complete(userId, key, answer).catch((err: unknown) => deps.onCleanupError?.(err))
      }
      return { advice: answer, replayed: false }
    },

    /** One day of the user's log, with a message about it. */
    summary: async (userId: string, date: string | undefined, signal?: AbortSignal): Promise<DaySummary> =>
      await daySummary({ store, advisor, now }, await profileOf(userId), userId, date, signal),

    profile: profileOf,

    instantOf
  }
}

/** The tracking service. */
export type Tracker = ReturnType<typeof createTracker>
