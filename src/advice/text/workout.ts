import type { Intensity } from '../data/activity-rows.js'

// Units, once: every distance, speed and pace below is converted through these.
/** Kilometres in one international mile (exact by definition). */
export const KM_PER_MILE = 1.609344
/** Kilometres in one metre. */
export const KM_PER_METRE = 0.001
/** Kilometres in one international yard (0.9144 m, exact). */
export const KM_PER_YARD = 0.0009144
/** Minutes in one hour. */
export const MINUTES_PER_HOUR = 60

/** What a workout text says besides the activity: how long, how far, how fast and how hard. */
export interface WorkoutText {
  /** The duration written in the text, in minutes; null when it states none (or none within 0–600). */
  minutes: number | null
  /** The distance written in the text, in km; null when it states none. */
  distanceKm: number | null
  /** A speed or pace written in the text, in mph; null when it states none (a speed from distance and time is the caller's). */
  speedMph: number | null
  /** The effort a word in the text asks for ("easy", "brisk", "hard"), or null. */
  effort: Intensity | null
  /** The text with every quantity read above taken out: the words that name the activity. */
  activity: string
}

// The longest duration and distance a workout entry may have (the bounds of GymEntry's fields).
const MAX_MINUTES = 600
const MAX_KM = 1000

// Number words a workout log uses for durations and distances.
const UNITS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15
}
const TENS: Readonly<Record<string, number>> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 }
const ONES = 'one|two|three|four|five|six|seven|eight|nine'
const WORD_NUMBER = `(?:(?:${Object.keys(TENS).join('|')})(?:[- ](?:${ONES}))?|${Object.keys(UNITS).sort((a, b) => b.length - a.length).join('|')})`
// A number as written: digits (not the tail of a longer number, a time or a decimal) or words.
const NUM = `(?:(?<![\\w.:])\\d+(?:\\.\\d+)?|(?<![\\w.:])\\.\\d+|\\b${WORD_NUMBER}\\b)`

/** The value of a number as {@link NUM} matched it: "45", "1.5", "an", "forty-five". */
function numberOf (text: string): number {
  const t = text.trim().toLowerCase()
  if (/^[\d.]/.test(t)) return Number(t)
  const [tens, ones] = t.split(/[- ]/)
  if (Object.hasOwn(TENS, tens)) return TENS[tens] + (ones === undefined ? 0 : UNITS[ones])
  return UNITS[t]
}

/** The effort words of a workout log, each with the level it asks for; the first found wins. */
export const EFFORT_WORDS: ReadonlyArray<readonly [RegExp, Intensity]> = [
  [/\b(?:easy|light|leisurely|slow|gentle|casual|relaxed|recovery)\b/, 'low'],
  [/\b(?:moderate|steady|medium)\b/, 'moderate'],
  [/\b(?:hard|vigorous|intense|fast|brisk|sprint|sprints|competitive|race|racing|tempo|heavy)\b/, 'high']
]

/** The effort a text asks for ("easy jog", "brisk walk", "hard ride"), or null. */
export function readEffort (text: string): Intensity | null {
  const t = text.toLowerCase()
  return EFFORT_WORDS.find(([re]) => re.test(t))?.[1] ?? null
}

// Speeds and paces: "6 mph", "10 km/h", "9 min/mile", "5:30 min/km", "at 6 min per km".
const MPH = new RegExp(`(${NUM})\\s*(?:mph|mi\\/h|miles? (?:an|per) hour)`, 'gi')
const KMH = new RegExp(`(${NUM})\\s*(?:km\\/h|kmh|kph|km per hour|kilomet(?:er|re)s? (?:an|per) hour)`, 'gi')
const PACE = /(?<![\w.:])(\d+)(?::(\d{2}))?\s*(?:min(?:ute)?s?)?\s*(?:\/|per|a)\s*(mile|mi|km|k|kilomet(?:er|re))(?![a-z])/gi

/** A speed or pace in the text, in mph: "6 mph", "10 km/h", "9 min/mile", "5:30 min/km"; null when none. */
export function readSpeed (text: string): number | null {
  return readWorkout(text).speedMph
}

interface Reader { text: string, minutes: number[], km: number[], mph: number | null }

/** Replaces each match of `re` in the reader's text by a space, handing its groups to `take` (which may decline with false). */
function consume (r: Reader, re: RegExp, take: (g: string[]) => boolean | undefined): void {
  r.text = r.text.replace(re, (whole: string, ...groups: unknown[]) => {
    const g = groups.slice(0, -2).map((x) => (typeof x === 'string' ? x : ''))
    return take(g) === false ? whole : ' '
  })
}

// Durations, in the order they are tried: a longer form first, so "1h15" is not read as "1 h" and "15".
const CLOCK_HMS = /(?<![\w.:])(\d{1,2}):([0-5]\d):([0-5]\d)(?![\d:])/gi
// "1:30", "25:30 min", "1:30 hrs"; not a time of day ("at 6:30", "7:15 am").
const CLOCK = /(?<!\bat\s*)(?<![\w.:])(\d{1,3}):([0-5]\d)(?![\d:])\s*(h|hrs?|hours?|m|mins?|minutes?)?(?![a-z])(?!\s*[ap]\.?m\b)/gi
const H_THEN_M = new RegExp(`(${NUM})\\s*(?:h|hrs?|hours?)(?:(\\d{1,2})(?:m|mins?)?(?![a-z\\d])|\\s*(?:and\\s+)?(\\d{1,2})\\s*(?:m|mins?|minutes?)(?![a-z]))`, 'gi')
const HOUR_AND_HALF = new RegExp(`(?:(${NUM})\\s+and\\s+a\\s+half\\s+hours?|(?:(?:an?|one)\\s+)?hour\\s+and\\s+a\\s+half)(?![a-z])`, 'gi')
// Durations said in words, each with its minutes.
const PHRASES: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bhalf\s+(?:an?\s+)?hour(?![a-z])/gi, 30],
  [/\bthree\s+quarters\s+(?:of\s+)?(?:an?\s+)?hour(?![a-z])/gi, 45],
  [/\b(?:a\s+)?quarter\s+(?:of\s+)?(?:an?\s+)?hour(?![a-z])/gi, 15],
  [/\b(?:an?\s+)?hour[- ]long(?![a-z])/gi, 60],
  [/\b(?:a\s+)?couple\s+(?:of\s+)?hours(?![a-z])/gi, 120]
]
// "3 x 10 min": sets of a duration.
const SETS = /(?<![\w.:])(\d+)\s*x\s*(\d+(?:\.\d+)?)\s*(?:mins?|minutes?)(?![a-z])/gi
const HOURS = new RegExp(`(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*-?\\s*(?:h|hrs?|hours?)(?![a-z])`, 'gi')
const MINUTES = new RegExp(`(${NUM})(?:\\s*(?:-|to)\\s*(${NUM}))?\\s*-?\\s*(mins?|minutes?|m)(?![a-z])`, 'gi')
// Distances: "10k", "30 km", "5 miles", "half a mile", "1500m", "800 yards"; not "10k steps".
const KM = new RegExp(`(${NUM})\\s*(?:k|kms?|kilomet(?:er|re)s?)(?![a-z])(?!\\s*steps)`, 'gi')
const MILES = new RegExp(`(?:(${NUM})|half\\s+an?)\\s*(?:mi|miles?)(?![a-z])`, 'gi')
const METRES = new RegExp(`(${NUM})\\s*(?:m|meters?|metres?)(?![a-z])`, 'gi')
const YARDS = new RegExp(`(${NUM})\\s*(?:yds?|yards?)(?![a-z])`, 'gi')
// A step count ("10k steps", "12,000 steps") is neither a distance nor the activity's words.
const STEPS = /(?<![\w.:])\d+(?:[.,]\d+)?\s*k?\s*steps\b/gi
// Race distances by name (World Athletics): read, and left in the text, where they also name the activity.
const HALF_MARATHON_KM = 21.0975
const MARATHON_KM = 42.195
// A bare "m" after a number below this is minutes ("30m run"); from it on, metres ("swam 1500m").
const METRES_FROM = 100

/** A range ("30-40 min") is its middle; a single number itself. */
const valueOf = (low: string, high: string): number => high === '' ? numberOf(low) : (numberOf(low) + numberOf(high)) / 2

/**
 * Reads the duration, distance, speed or pace and effort a workout text states ("ran 10k in 55 min",
 * "an hour of yoga", "biked 30 km in 1h15", "20 minutes on the treadmill at 5 mph"). Total: any string
 * gives an answer, and what it cannot read is null. Several durations add up ("20 min bike + 30 min run").
 */
export function readWorkout (text: string): WorkoutText {
  const r: Reader = { text: ` ${text.replace(/[–—]/g, '-').replace(/\s+/g, ' ')} `, minutes: [], km: [], mph: null }
  const speed = (mph: number): boolean => {
    if (!(mph > 0) || !Number.isFinite(mph)) return false
    r.mph ??= mph
    return true
  }
  consume(r, PACE, ([min, sec, unit]) => {
    const minutes = Number(min) + Number(sec === '' ? 0 : sec) / 60
    return speed(MINUTES_PER_HOUR / minutes / (/^k/i.test(unit) ? KM_PER_MILE : 1))
  })
  consume(r, MPH, ([n]) => speed(numberOf(n)))
  consume(r, KMH, ([n]) => speed(numberOf(n) / KM_PER_MILE))

  const minutes = (m: number): boolean => { r.minutes.push(m); return true }
  consume(r, CLOCK_HMS, ([h, m, s]) => minutes(Number(h) * 60 + Number(m) + Number(s) / 60))
  consume(r, CLOCK, ([a, b, unit]) => {
    // Policy: a bare "a:bb" up to 3:59 is hours and minutes ("yoga 1:30"); from 4:00 on, minutes and
    // seconds ("ran a mile in 7:30"), as is any "a:bb min".
    const hours = /^h/i.test(unit) || (unit === '' && Number(a) <= 3)
    return minutes(hours ? Number(a) * 60 + Number(b) : Number(a) + Number(b) / 60)
  })
  consume(r, H_THEN_M, ([h, attached, spaced]) => minutes(numberOf(h) * 60 + Number(attached === '' ? spaced : attached)))
  consume(r, HOUR_AND_HALF, ([n]) => minutes((n === '' ? 1 : numberOf(n)) * 60 + 30))
  for (const [re, value] of PHRASES) consume(r, re, () => minutes(value))
  consume(r, SETS, ([sets, each]) => minutes(Number(sets) * Number(each)))
  consume(r, HOURS, ([low, high]) => minutes(valueOf(low, high) * 60))
  consume(r, MINUTES, ([low, high, unit]) => {
    const m = valueOf(low, high)
    return unit.toLowerCase() === 'm' && m >= METRES_FROM ? false : minutes(m)
  })

  const km = (value: number): boolean => { r.km.push(value); return true }
  consume(r, STEPS, () => true)
  consume(r, KM, ([n]) => km(numberOf(n)))
  consume(r, MILES, ([n]) => km((n === '' ? 0.5 : numberOf(n)) * KM_PER_MILE))
  consume(r, METRES, ([n]) => km(numberOf(n) * KM_PER_METRE))
  consume(r, YARDS, ([n]) => km(numberOf(n) * KM_PER_YARD))

  const totalMinutes = r.minutes.reduce((s, m) => s + m, 0)
  if (r.km.length === 0 && /\bmarathon\b/i.test(r.text)) r.km.push(/\bhalf[- ]marathon\b/i.test(r.text) ? HALF_MARATHON_KM : MARATHON_KM)
  const totalKm = r.km.reduce((s, k) => s + k, 0)
  return {
    minutes: totalMinutes > 0 && totalMinutes <= MAX_MINUTES ? Math.round(totalMinutes * 100) / 100 : null,
    distanceKm: totalKm > 0 && totalKm <= MAX_KM ? Math.round(totalKm * 1000) / 1000 : null,
    speedMph: r.mph,
    effort: readEffort(text),
    activity: r.text.replace(/\s+/g, ' ').trim()
  }
}

/** The speed, in mph, of `km` covered in `minutes`. */
export function speedOf (km: number, minutes: number): number {
  return km / KM_PER_MILE / (minutes / MINUTES_PER_HOUR)
}
