import t from 'tap'
import { dayRange, entryInstant, isoInZone, isTimeZone, localDate, localWallTime } from '../../src/tracking/days.js'

// Every expected instant below is worked by hand from the zones' rules (tzdata):
//   America/Los_Angeles: PST −08:00; PDT −07:00 from the second Sunday of March
//     02:00 PST (clocks jump to 03:00) until the first Sunday of November 02:00
//     PDT (clocks fall back to 01:00). In 2026 those Sundays are 8 March and 1 November.
//   Pacific/Auckland: NZST +12:00; NZDT +13:00 from the last Sunday of September
//     02:00 NZST (to 03:00) until the first Sunday of April 03:00 NZDT (back to 02:00).
//     In 2026 those Sundays are 27 September and 5 April.
// (1 January 2026 is a Thursday; 8 March is day 67, 5 April day 95, 27 September
// day 270 and 1 November day 305 of the year: each 66, 94, 269, 304 days after a
// Thursday, all ≡ 3 mod 7, so all Sundays.)

const HOUR = 3_600_000
const ms = (iso: string) => Date.parse(iso)
const LA = 'America/Los_Angeles'
const AKL = 'Pacific/Auckland'

t.test('isTimeZone accepts IANA names and refuses anything else', async (t) => {
  for (const zone of ['UTC', LA, AKL, 'Europe/Berlin', 'Asia/Kolkata']) t.equal(isTimeZone(zone), true, zone)
  for (const zone of ['Mars/Olympus_Mons', 'Pacific/Atlantis', '', 'not a zone']) t.equal(isTimeZone(zone), false, JSON.stringify(zone))
})

t.test('entryInstant', async (t) => {
  const now = ms('2026-06-01T12:00:00.000Z')

  t.test('absent time is now', async (t) => {
    t.equal(entryInstant(undefined, LA, now), now)
    t.equal(entryInstant(undefined, AKL, now), now)
  })

  t.test('a time with an offset is absolute, whatever the zone', async (t) => {
    // 01:30 at −08:00 is 09:30Z; the zone argument must not move it.
    for (const zone of ['UTC', LA, AKL]) {
      t.equal(entryInstant('2026-03-08T01:30:00-08:00', zone, now), ms('2026-03-08T09:30:00Z'), zone)
      t.equal(entryInstant('2026-03-08T09:30:00Z', zone, now), ms('2026-03-08T09:30:00Z'), zone)
      // 23:30 at +13:00 is 10:30Z the same day.
      t.equal(entryInstant('2026-01-15T23:30:00+13:00', zone, now), ms('2026-01-15T10:30:00Z'), zone)
    }
  })

  t.test('a time without an offset is local to the zone', async (t) => {
    // Auckland in January is NZDT +13:00: 23:30 local is 10:30Z the same date.
    t.equal(entryInstant('2026-01-15T23:30:00', AKL, now), ms('2026-01-15T10:30:00Z'))
    // Los Angeles in January is PST −08:00: 23:59:59 local is 07:59:59Z the next date.
    t.equal(entryInstant('2026-01-15T23:59:59', LA, now), ms('2026-01-16T07:59:59Z'))
    // Auckland in July is NZST +12:00: 00:15 local on the 10th is 12:15Z on the 9th.
    t.equal(entryInstant('2026-07-10T00:15:00', AKL, now), ms('2026-07-09T12:15:00Z'))
    // A space instead of the T (the schema's pattern allows it): same instant.
    t.equal(entryInstant('2026-01-15 23:30:00', AKL, now), ms('2026-01-15T10:30:00Z'))
    // Minutes only, no seconds.
    t.equal(entryInstant('2026-01-15T23:30', AKL, now), ms('2026-01-15T10:30:00Z'))
    t.equal(entryInstant('2026-01-15T23:30:00', 'UTC', now), ms('2026-01-15T23:30:00Z'))
  })

  t.test('local times on either side of a DST change take the offset in force', async (t) => {
    // LA 2026-03-08 01:30 is still PST (−08:00) → 09:30Z; 03:30 is PDT (−07:00) → 10:30Z.
    t.equal(entryInstant('2026-03-08T01:30:00', LA, now), ms('2026-03-08T09:30:00Z'))
    t.equal(entryInstant('2026-03-08T03:30:00', LA, now), ms('2026-03-08T10:30:00Z'))
    // Only one real hour separates them (02:00–03:00 does not exist that day).
    t.equal(entryInstant('2026-03-08T03:30:00', LA, now) - entryInstant('2026-03-08T01:30:00', LA, now), HOUR)
    // LA 2026-11-01 00:30 is PDT → 07:30Z; 02:30 is PST → 10:30Z: three real hours apart.
    t.equal(entryInstant('2026-11-01T00:30:00', LA, now), ms('2026-11-01T07:30:00Z'))
    t.equal(entryInstant('2026-11-01T02:30:00', LA, now), ms('2026-11-01T10:30:00Z'))
    // 01:30 happens twice (PDT 08:30Z, then PST 09:30Z): either reading is a real instant.
    t.ok([ms('2026-11-01T08:30:00Z'), ms('2026-11-01T09:30:00Z')].includes(entryInstant('2026-11-01T01:30:00', LA, now)))
    // Auckland 2026-09-27 01:30 is NZST (+12) → 2026-09-26T13:30Z; 03:30 is NZDT (+13) → 14:30Z.
    t.equal(entryInstant('2026-09-27T01:30:00', AKL, now), ms('2026-09-26T13:30:00Z'))
    t.equal(entryInstant('2026-09-27T03:30:00', AKL, now), ms('2026-09-26T14:30:00Z'))
    // Auckland 2026-04-05 01:30 is NZDT (+13) → 2026-04-04T12:30Z; 04:00 is NZST (+12) → 16:00Z.
    t.equal(entryInstant('2026-04-05T01:30:00', AKL, now), ms('2026-04-04T12:30:00Z'))
    t.equal(entryInstant('2026-04-05T04:00:00', AKL, now), ms('2026-04-04T16:00:00Z'))
  })

  t.test('a date that does not exist throws RangeError', async (t) => {
    for (const time of ['2026-02-31T10:00:00', '2026-02-29T10:00:00', '2026-04-31T00:00:00Z', '2026-13-01T00:00:00', '2026-01-15T24:30:00', 'yesterday']) {
      t.throws(() => entryInstant(time, LA, now), RangeError, time)
    }
    // 2028 is a leap year: 29 February exists (PST, −08:00 → 18:00Z).
    t.equal(entryInstant('2028-02-29T10:00:00', LA, now), ms('2028-02-29T18:00:00Z'))
  })
})

t.test('localDate: the calendar date of an instant near midnight', async (t) => {
  // 2026-01-15T10:59:59Z is 23:59:59 NZDT on the 15th; one second later is 00:00 on the 16th.
  t.equal(localDate(ms('2026-01-15T10:59:59Z'), AKL), '2026-01-15')
  t.equal(localDate(ms('2026-01-15T11:00:00Z'), AKL), '2026-01-16')
  // 2026-01-16T07:59:59Z is 23:59:59 PST on the 15th; 08:00Z is midnight of the 16th.
  t.equal(localDate(ms('2026-01-16T07:59:59Z'), LA), '2026-01-15')
  t.equal(localDate(ms('2026-01-16T08:00:00Z'), LA), '2026-01-16')
  // One instant, three dates: 2026-01-15T10:30Z is the 15th in UTC, 23:30 on the 15th
  // in Auckland, and 02:30 on the 15th in LA; 2026-01-15T11:30Z is already the 16th in Auckland.
  t.equal(localDate(ms('2026-01-15T11:30:00Z'), 'UTC'), '2026-01-15')
  t.equal(localDate(ms('2026-01-15T11:30:00Z'), AKL), '2026-01-16')
  t.equal(localDate(ms('2026-01-15T11:30:00Z'), LA), '2026-01-15')
  // An entry logged at 23:30 local lands on its own local date (round trip).
  t.equal(localDate(entryInstant('2026-01-15T23:30:00', AKL, 0), AKL), '2026-01-15')
  t.equal(localDate(entryInstant('2026-01-15T23:59:59', LA, 0), LA), '2026-01-15')
  t.equal(localDate(entryInstant('2026-01-16T00:00:00', LA, 0), LA), '2026-01-16')
})

t.test('dayRange', async (t) => {
  t.test('ordinary days are 24 hours from local midnight', async (t) => {
    // UTC: midnight to midnight.
    t.same(dayRange('2026-01-15', 'UTC'), { start: ms('2026-01-15T00:00:00Z'), end: ms('2026-01-16T00:00:00Z') })
    // LA in January, PST −08:00: midnight is 08:00Z.
    t.same(dayRange('2026-01-15', LA), { start: ms('2026-01-15T08:00:00Z'), end: ms('2026-01-16T08:00:00Z') })
    // Auckland in January, NZDT +13:00: midnight of the 15th is 11:00Z on the 14th.
    t.same(dayRange('2026-01-15', AKL), { start: ms('2026-01-14T11:00:00Z'), end: ms('2026-01-15T11:00:00Z') })
  })

  t.test('LA 2026-03-08 (DST starts) is 23 hours', async (t) => {
    // Midnight 2026-03-08 is PST −08:00 → 08:00Z; midnight 2026-03-09 is PDT −07:00 → 07:00Z.
    const range = dayRange('2026-03-08', LA)
    t.same(range, { start: ms('2026-03-08T08:00:00Z'), end: ms('2026-03-09T07:00:00Z') })
    t.equal(range.start, 1772956800000)
    t.equal(range.end - range.start, 23 * HOUR)
    // The days around it are 24 h and meet it exactly.
    t.equal(dayRange('2026-03-07', LA).end, range.start)
    t.same(dayRange('2026-03-09', LA), { start: ms('2026-03-09T07:00:00Z'), end: ms('2026-03-10T07:00:00Z') })
  })

  t.test('LA 2026-11-01 (DST ends) is 25 hours', async (t) => {
    // Midnight 2026-11-01 is PDT −07:00 → 07:00Z; midnight 2026-11-02 is PST −08:00 → 08:00Z.
    const range = dayRange('2026-11-01', LA)
    t.same(range, { start: ms('2026-11-01T07:00:00Z'), end: ms('2026-11-02T08:00:00Z') })
    t.equal(range.end - range.start, 25 * HOUR)
    t.equal(dayRange('2026-10-31', LA).end, range.start)
  })

  t.test('Auckland 2026-04-05 (DST ends) is 25 hours', async (t) => {
    // Midnight 2026-04-05 is NZDT +13:00 → 2026-04-04T11:00Z; midnight 2026-04-06 is NZST +12:00 → 2026-04-05T12:00Z.
    const range = dayRange('2026-04-05', AKL)
    t.same(range, { start: ms('2026-04-04T11:00:00Z'), end: ms('2026-04-05T12:00:00Z') })
    t.equal(range.start, 1775300400000)
    t.equal(range.end - range.start, 25 * HOUR)
  })

  t.test('Auckland 2026-09-27 (DST starts) is 23 hours', async (t) => {
    // Midnight 2026-09-27 is NZST +12:00 → 2026-09-26T12:00Z; midnight 2026-09-28 is NZDT +13:00 → 2026-09-27T11:00Z.
    const range = dayRange('2026-09-27', AKL)
    t.same(range, { start: ms('2026-09-26T12:00:00Z'), end: ms('2026-09-27T11:00:00Z') })
    t.equal(range.end - range.start, 23 * HOUR)
  })

  t.test('entries at the edges of a DST day fall on the right day', async (t) => {
    // LA 2026-11-01 23:30 PST → 2026-11-02T07:30Z: inside the 25-hour day (which ends at 08:00Z).
    const late = entryInstant('2026-11-01T23:30:00', LA, 0)
    t.equal(late, ms('2026-11-02T07:30:00Z'))
    const range = dayRange('2026-11-01', LA)
    t.ok(late >= range.start && late < range.end)
    t.equal(localDate(late, LA), '2026-11-01')
    // Auckland 2026-09-27 23:59 NZDT → 2026-09-27T10:59Z: inside the 23-hour day (ends 11:00Z).
    const akl = entryInstant('2026-09-27T23:59:00', AKL, 0)
    t.equal(akl, ms('2026-09-27T10:59:00Z'))
    t.ok(akl < dayRange('2026-09-27', AKL).end)
    t.equal(localDate(ms('2026-09-27T11:00:00Z'), AKL), '2026-09-28')
  })

  t.test('a date that does not exist throws RangeError', async (t) => {
    for (const date of ['2026-02-31', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', 'today']) {
      t.throws(() => dayRange(date, LA), RangeError, date)
    }
  })
})

t.test('isoInZone and localWallTime show the zone\'s clock', async (t) => {
  // 2026-03-08T09:30Z is 01:30 PST (−08:00) in LA, before the jump.
  t.equal(isoInZone(ms('2026-03-08T09:30:00Z'), LA), '2026-03-08T01:30:00.000-08:00')
  t.equal(localWallTime(ms('2026-03-08T09:30:00Z'), LA), '2026-03-08T01:30:00')
  // One hour later, 10:30Z, is 03:30 PDT (−07:00).
  t.equal(isoInZone(ms('2026-03-08T10:30:00Z'), LA), '2026-03-08T03:30:00.000-07:00')
  t.equal(localWallTime(ms('2026-03-08T10:30:00Z'), LA), '2026-03-08T03:30:00')
  // 2026-01-15T10:30Z is 23:30 NZDT (+13:00).
  t.equal(isoInZone(ms('2026-01-15T10:30:00Z'), AKL), '2026-01-15T23:30:00.000+13:00')
  t.equal(localWallTime(ms('2026-01-15T10:30:00Z'), AKL), '2026-01-15T23:30:00')
  t.equal(isoInZone(ms('2026-01-15T10:30:00Z'), 'UTC'), '2026-01-15T10:30:00.000Z')
})
