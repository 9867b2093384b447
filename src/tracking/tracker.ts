import { createHash, randomUUID } from 'node:crypto'
import type { DayFacts, DaySummary, DayTotals, Profile, TrackedEntry } from '../../schemas/tracking.js'
import type { Advisor } from '../advice/advisor.js'
import { computeFacts, splitEntry } from '../advice/facts/index.js'
import { computeWaterFacts } from '../advice/facts/water.js'
import type { Advice, EntryOf, FactsOf, Topic } from '../advice/types.js'
import { dayRange, entryInstant, localDate, localWallTime } from './days.js'
import { FieldValueError, isUniqueViolation, TrackingError } from './errors.js'
import { dayNutrients, GUIDELINES, nutrientGoals } from './nutrients.js'
import type { Store, StoredEntry, StoredProfile, Totals } from './store.js'

/** The topics that log an entry. */
export type EntryTopic = Exclude<Topic, 'day'>

/** A logged advice answer: the advice, the stored entry's id and the day's totals in `facts.today`. */
export type LoggedAdvice<T extends EntryTopic> = Advice<T> & { entry_id: string, facts: FactsOf<T> & { today: DayTotals } }

/** A profile nobody has set: UTC days, nothing overridden. */
export const DEFAULT_PROFILE: StoredProfile = { weight_kg: null, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }

const round = (n: number, digits = 3) => Number(n.toFixed(digits))

/** The body's hash for Idempotency-Key: the same fields in any order are the same request. */
export function requestHash (topic: string, body: Record<string, unknown>): string {
  return createHash('sha256').update(`${topic}\n${JSON.stringify(body, Object.keys(body).sort())}`).digest('hex')
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

/**
 * A day's water target: the profile's override; else the target of the day's latest water entry
 * (it includes that day's exercise and heat); else the weight (or EFSA) baseline.
 */
function dayTarget (profile: StoredProfile, lastWater: StoredEntry | undefined): number {
  return profile.water_target_l ?? (lastWater?.facts.target_l as number | undefined) ??
    computeWaterFacts({ amount_liters: 0, weight_kg: profile.weight_kg ?? undefined }).target_l
}

/**
 * A workout's energy above rest: its facts' kcal_net, or for an entry logged before facts had one,
 * kcal_burned × (MET − 1) / MET, the same (MET − 1) × kg × hours; 0 when its energy is unknown.
 */
export function netKcal (entry: StoredEntry): number {
  if (entry.topic !== 'gym') return 0
  const { kcal_net: net, kcal_burned: gross, met } = entry.facts
  if (typeof net === 'number') return net
  return typeof gross === 'number' && typeof met === 'number' && met > 0 ? gross * (met - 1) / met : 0
}

/** Tracking: logs entries with their facts and the day's totals, and answers the tracking resources. Free of HTTP. */
export function createTracker (deps: { store: Store, advisor: Advisor, now?: () => number, onCleanupError?: (err: unknown) => void }) {
  const { store, advisor } = deps
  const now = deps.now ?? Date.now

  const profileOf = async (userId: string): Promise<StoredProfile> => await store.getProfile(userId) ?? DEFAULT_PROFILE

  /** The instant of a date-time field (`time` of a body by default) in `zone`; one that names no real instant is a FieldValueError. */
  function instantOf (time: unknown, zone: string, field = 'time', part: 'body' | 'query' = 'body'): number {
    try {
      return entryInstant(typeof time === 'string' ? time : undefined, zone, now())
    } catch (err) {
      throw new FieldValueError(part, field, (err as Error).message)
    }
  }

  /** Facts of one entry, computed with the profile's weight and, for water, the day's sum. */
  function factsFor<T extends EntryTopic> (topic: T, body: EntryOf<T>, profile: StoredProfile, instant: number, dayWater: number) {
    const effective: Record<string, unknown> = { ...body }
    // Water targets and workout energy depend on body weight; a meal's numbers do not, and
    // a weight added to it would only come back as an unused context field.
    if (topic !== 'food' && effective.weight_kg === undefined && profile.weight_kg !== null) effective.weight_kg = profile.weight_kg
    if (topic === 'water') {
      effective.amount_liters = round(dayWater + (body.amount_liters as number))
      // The pace warnings read the wall-clock time of day in the user's zone.
      effective.time = localWallTime(instant, profile.timezone)
    }
    const { entry, context } = splitEntry(topic, effective as EntryOf<T>)
    const facts = computeFacts(topic, entry, context)
    if (topic === 'water' && profile.water_target_l !== null) {
      const water = facts as FactsOf<'water'>
      water.target_l = profile.water_target_l
      water.remaining_l = round(Math.max(0, water.target_l - water.intake_l), 2)
      water.basis = `your profile's water_target_l (${profile.water_target_l} L) replaces the computed target (${water.basis})`
    }
    return { effective: effective as EntryOf<T>, facts }
  }

  async function logEntry<T extends EntryTopic> (userId: string, topic: T, body: EntryOf<T>, idempotency: { key: string, hash: string } | undefined, profile: StoredProfile) {
    // A meal's time is its meal_time; water and workouts send time.
    const instant = topic === 'food' ? instantOf(body.meal_time, profile.timezone, 'meal_time') : instantOf(body.time, profile.timezone)
    const day = dayRange(localDate(instant, profile.timezone), profile.timezone)
    const before = await store.totals(userId, day.start, day.end)
    const { effective, facts } = factsFor(topic, body, profile, instant, before.water_l)
    const entry: StoredEntry = {
      id: randomUUID(),
      topic,
      time_ms: instant,
      body,
      facts,
      water_l: topic === 'water' ? body.amount_liters as number : 0,
      kcal_in: topic === 'food' ? (facts as FactsOf<'food'>).kcal ?? 0 : 0,
      kcal_out: topic === 'gym' ? (facts as FactsOf<'gym'>).kcal_burned ?? 0 : 0,
      created_at: now()
    }
    await store.insertEntry(userId, entry, idempotency)
    // The totals read before the insert, plus this entry: no second read.
    const after: Totals = {
      water_l: before.water_l + entry.water_l,
      kcal_in: before.kcal_in + entry.kcal_in,
      kcal_out: before.kcal_out + entry.kcal_out,
      entries: before.entries + 1
    }
    return { entry, effective, facts, today: await todayOf(userId, after, entry, profile, day) }
  }

  /** `facts.today`: the day's totals (this entry included) and the day's water target. */
  async function todayOf (userId: string, totals: Totals, entry: StoredEntry, profile: StoredProfile, day: { start: number, end: number }): Promise<DayTotals> {
    return {
      water_l: round(totals.water_l),
      // A water entry carries the target; otherwise the day's last water entry does, or the profile.
      water_target_l: entry.topic === 'water' ? (entry.facts as FactsOf<'water'>).target_l : dayTarget(profile, await store.lastEntry(userId, 'water', day.start, day.end)),
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
    const facts = entry.facts as FactsOf<EntryTopic>
    const body = entry.topic === 'water' ? { ...entry.body, amount_liters: (facts as FactsOf<'water'>).intake_l } : entry.body
    const advice = await advisor.advise(entry.topic, body as EntryOf<EntryTopic>, signal, facts)
    return { ...advice, entry_id: entry.id, facts: { ...advice.facts, today: await todayOf(userId, totals, entry, profile, day) } }
  }

  /** What a key already stands for: undefined when unused, a replay, or a 409. */
  async function earlierAnswer<T extends EntryTopic> (userId: string, key: string, hash: string, signal: AbortSignal | undefined): Promise<LoggedAdvice<T> | undefined> {
    const record = await store.findKey(userId, key, now())
    if (record === undefined) return undefined
    if (record.request_hash !== hash) throw new TrackingError(409, 'this Idempotency-Key was already used with a different request body')
    if (record.response !== null) return record.response as LoggedAdvice<T>
    const entry = record.entry_id === null ? undefined : await store.getEntry(userId, record.entry_id)
    // The key's entry was deleted since: there is nothing to replay.
    if (entry === undefined) throw new TrackingError(409, 'the entry logged under this Idempotency-Key was deleted')
    const answer = await answerFor(userId, entry, signal)
    return answer as LoggedAdvice<T>
  }

  /** Removes an entry nobody was told about, and its key; failures here are only logged. */
  async function undo (userId: string, key: string | undefined, entryId: string): Promise<void> {
    try {
      await store.deleteEntry(userId, entryId)
      if (key !== undefined) await store.forgetKey(userId, key)
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
        if (earlier === undefined) throw new TrackingError(409, 'a request with this Idempotency-Key is still in progress; retry shortly', 1)
        return { advice: earlier, replayed: true }
      }
      let advice: Advice<T>
      try {
        advice = await advisor.advise(topic, logged.effective, options.signal, logged.facts)
      } catch (err) {
        await undo(userId, key, logged.entry.id)
        throw err
      }
      const answer: LoggedAdvice<T> = { ...advice, entry_id: logged.entry.id, facts: { ...advice.facts, today: logged.today } }
      if (key !== undefined) {
        // The entry is already durable; without the stored answer a retry
        // gets a rebuilt one (same entry), so this failure is only logged.
        await store.complete(userId, key, answer).catch((err: unknown) => deps.onCleanupError?.(err))
      }
      return { advice: answer, replayed: false }
    },

    async summary (userId: string, date: string | undefined, signal?: AbortSignal): Promise<DaySummary> {
      const profile = await profileOf(userId)
      const zone = profile.timezone
      const day = date ?? localDate(now(), zone)
      let range
      try {
        range = dayRange(day, zone)
      } catch {
        throw new FieldValueError('query', 'date', 'must be a real calendar date, e.g. 2024-06-01')
      }
      const entries = await store.entriesBetween(userId, range.start, range.end)
      const sum = (pick: (e: StoredEntry) => number, digits: number) => round(entries.reduce((s, e) => s + pick(e), 0), digits)
      const target = dayTarget(profile, entries.filter((e) => e.topic === 'water').at(-1))
      const water = sum((e) => e.water_l, 3)
      const { nutrients, notes } = dayNutrients(entries)
      const facts: DayFacts = {
        date: day,
        water_l: water,
        water_target_l: target,
        water_remaining_l: round(Math.max(0, target - water), 2),
        kcal_in: sum((e) => e.kcal_in, 1),
        kcal_out: sum((e) => e.kcal_out, 1),
        kcal_out_net: sum(netKcal, 1),
        kcal_goal: profile.kcal_goal,
        entries: entries.length,
        nutrients,
        nutrient_goals: nutrientGoals(profile),
        notes,
        sources: [GUIDELINES]
      }
      const advice = await advisor.advise('day', { date: day }, signal, facts)
      const { date: _d, water_remaining_l: _r, sources: _s, ...totals } = facts
      return { date: day, timezone: zone, ...totals, items: entries.map(toWire), message: advice.message, source: advice.source, degraded: advice.degraded }
    },

    profile: profileOf,

    instantOf
  }
}

/** The tracking service. */
export type Tracker = ReturnType<typeof createTracker>

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
