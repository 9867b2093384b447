import { DateTime, IANAZone } from 'luxon'

// Luxon rather than hand-written offset arithmetic: calendar days in an IANA
// zone must survive DST changes (23- and 25-hour days, skipped local times),
// which Intl alone does not resolve.

/** Whether a string is an IANA time-zone name this runtime knows. */
export function isTimeZone (name: string): boolean {
  return IANAZone.isValidZone(name)
}

/** An entry's instant (epoch ms): `time` with an offset is absolute; without one it is local to `zone`; absent is now. */
export function entryInstant (time: string | undefined, zone: string, now: number): number {
  if (time === undefined) return now
  const parsed = DateTime.fromISO(time.replace(' ', 'T'), { zone, setZone: false })
  // The schema's pattern admits only valid ISO date-times, but 31 February passes a pattern.
  if (!parsed.isValid) throw new RangeError(`must be a real date-time: ${parsed.invalidExplanation ?? 'invalid'}`)
  return parsed.toMillis()
}

/** The calendar date (YYYY-MM-DD) of an instant in a zone. */
export function localDate (instant: number, zone: string): string {
  const local = DateTime.fromMillis(instant, { zone })
  if (!local.isValid) throw new RangeError(`no date for ${instant} in ${zone}`)
  return local.toISODate()
}

/** The instants [start, end) of a calendar date in a zone; a DST day is 23 or 25 hours long. */
export function dayRange (date: string, zone: string): { start: number, end: number } {
  const start = DateTime.fromISO(date, { zone }).startOf('day')
  if (!start.isValid) throw new RangeError('not a real calendar date')
  return { start: start.toMillis(), end: start.plus({ days: 1 }).toMillis() }
}

/** The instant as ISO 8601 with the zone's offset, e.g. 2026-03-08T01:30:00.000-08:00. */
export function isoInZone (instant: number, zone: string): string {
  const local = DateTime.fromMillis(instant, { zone })
  if (!local.isValid) throw new RangeError(`no date-time for ${instant} in ${zone}`)
  return local.toISO()
}

/** The wall-clock time of an instant in a zone, without an offset, e.g. 2026-03-08T01:30:00. */
export function localWallTime (instant: number, zone: string): string {
  return DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss")
}
