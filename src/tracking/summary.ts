import type { DayFacts, DaySummary } from '../../schemas/tracking.js'
import type { Advisor } from '../advice/advisor.js'
import { ENTRY_TOPIC_DEFS, request } from '../advice/topics/index.js'
import { baselineTargetL } from '../advice/topics/water.js'
import { dayRange, localDate } from './days.js'
import { FieldValueError } from './errors.js'
import { dayNutrients, GUIDELINES, nutrientGoals } from './nutrients.js'
import { toWire } from './records.js'
import type { Store, StoredEntry, StoredProfile } from './store.js'

const round = (n: number, digits = 3) => Number(n.toFixed(digits))

/**
 * A day's water target: the profile's override; else the target of the day's latest water entry
 * (it includes that day's exercise and heat); else the weight (or EFSA) baseline.
 */
export function dayWaterTarget (profile: StoredProfile, lastWater: StoredEntry | undefined): number {
  return profile.water_target_l ?? (lastWater === undefined ? undefined : ENTRY_TOPIC_DEFS[lastWater.topic].stored.waterTargetL(lastWater.facts)) ??
    baselineTargetL(profile.weight_kg)
}

/** A stored entry's energy above rest, in kcal, as its topic reads it from the facts it was logged with. */
export const netKcal = (entry: StoredEntry): number => ENTRY_TOPIC_DEFS[entry.topic].stored.kcalAboveRest(entry.facts)

/** One calendar day of a user in the profile's time zone: its sums, its entries and the advisor's message on them. */
export async function daySummary (deps: { store: Store, advisor: Advisor, now: () => number }, profile: StoredProfile, userId: string, date: string | undefined, signal?: AbortSignal): Promise<DaySummary> {
  const zone = profile.timezone
  const day = date ?? localDate(deps.now(), zone)
  let range
  try {
    range = dayRange(day, zone)
  } catch {
    throw new FieldValueError('query', 'date', 'must be a real calendar date, e.g. 2024-06-01')
  }
  const entries = await deps.store.entriesBetween(userId, range.start, range.end)
  const sum = (pick: (e: StoredEntry) => number, digits: number) => round(entries.reduce((s, e) => s + pick(e), 0), digits)
  const target = dayWaterTarget(profile, entries.filter((e) => e.topic === 'water').at(-1))
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
  const advice = await deps.advisor.adviseOn(request('day', { date: day }, {}, facts), signal)
  const { date: _d, water_remaining_l: _r, sources: _s, ...totals } = facts
  return { date: day, timezone: zone, ...totals, items: entries.map(toWire), message: advice.message, source: advice.source, degraded: advice.degraded }
}
