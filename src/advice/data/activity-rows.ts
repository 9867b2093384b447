// The Compendium's rows, and how a row is chosen among the rows of one kind of activity (by effort, by speed).
import { Type } from '@sinclair/typebox'
import { tokens } from '../text/tokens.js'
import table from './compendium.json' with { type: 'json' }
import { vendored } from './vendored.js'

/** Effort levels a caller may ask for; each adds the Compendium's own effort words to the lookup. */
export const INTENSITIES = ['low', 'moderate', 'high'] as const

/** One effort level from {@link INTENSITIES}. */
export type Intensity = typeof INTENSITIES[number]

/** The generated Compendium table (`npm run data`): every 2024 Adult Compendium row, verbatim. */
export const CompendiumTable = Type.Object({
  source: Type.String(),
  terms: Type.String(),
  generated: Type.String(),
  columns: Type.Array(Type.String()),
  activities: Type.Array(Type.Tuple([Type.String({ pattern: '^[0-9]{5}$' }), Type.Number({ minimum: 1, maximum: 25 }), Type.String({ minLength: 1 }), Type.String({ minLength: 1 })]))
}, { $id: 'CompendiumTable', additionalProperties: false })

/** One Compendium row: code, MET (unchanged), major heading and the Compendium's own description. */
export interface Activity { code: string, met: number, heading: string, description: string }

/** The whole 2024 Adult Compendium. */
export const activities: readonly Activity[] = vendored('compendium.json', CompendiumTable, table).activities
  .map(([code, met, heading, description]) => ({ code, met, heading, description }))

// Each row's words, computed once: effort and speed compare them against every row of a kind per request.
const rowWords = new Map<Activity, string[]>(activities.map((a) => [a, tokens(a.description)]))
/** A row's content words, as the text index reads them. */
export const wordsOf = (a: Activity): string[] => rowWords.get(a) ?? tokens(a.description)

/**
 * Headings of exercise and sport. A workout log means these first: "walking" is a walk, not the
 * Compendium's "Walking on job" (Occupation) or "Walking to church" (Religious Activities).
 */
export const EXERCISE_HEADINGS = new Set(['Bicycling', 'Conditioning Exercise', 'Dancing', 'Running', 'Sports', 'Walking', 'Water Activities', 'Winter Activities'])
// The Compendium's words for each effort level.
const EFFORT: Readonly<Record<Intensity, string>> = { low: 'light leisurely slow easy', moderate: 'moderate general', high: 'vigorous fast brisk' }
// Words that make a row a variant of its kind, not the plain activity.
const VARIANT_WORDS: ReadonlySet<string> = new Set(['treadmill', 'uphill', 'downhill', 'curved', 'backward', 'backwards', 'barefoot', 'water', 'load', 'carrying', 'stationary', 'mountain', 'grade', 'incline', 'standing', 'drafting', 'snow', 'sand', 'stair', 'hill', 'pushing', 'stroller', 'backpack', 'kg', 'vest', 'pulling', 'indoors', 'weighted'])
/** Speed and time units: they pick a row by speed, and are not words of the activity. */
export const SPEED_WORDS = new Set(['mph', 'km', 'kmh', 'kph', 'h', 'min', 'mile', 'mi', 'per', 'hour', 'minute', 'pace', 'kilometer'])
/** Effort words, as tokens: they pick a row by effort, and are not words of the activity. */
export const EFFORT_TOKENS: ReadonlySet<string> = new Set(Object.values(EFFORT).flatMap((e) => tokens(e)).concat(tokens('hard intense sprint sprints competitive race racing tempo heavy steady medium gentle casual relaxed recovery')))
/** Policy: the speed, in mph, an effort level means for kinds the Compendium grades by speed. */
// Set from the rows running 12030/12050/12080, walking 17170/17190/17220 and cycling 01020/01030/01040.
export const EFFORT_SPEED: Readonly<Record<string, Record<Intensity, number>>> = {
  running: { low: 5, moderate: 6, high: 7.5 },
  walking: { low: 2.5, moderate: 3, high: 4 },
  bicycling: { low: 11, moderate: 13, high: 15 }
}

/** The mph range a Compendium description states ("6-6.3 mph", ">20 mph", "7 mph"), or null. */
export function speedRange (description: string): [number, number] | null {
  const m = /(<|>|≥)?\s*(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?\s*mph/.exec(description)
  if (m === null) return null
  const low = Number(m[2])
  const high = m[3] === undefined ? low : Number(m[3])
  if (m[1] === '<') return [0, low]
  if (m[1] === '>' || m[1] === '≥') return [low, Infinity]
  return [low, high]
}

/** The row of the same kind (heading and first word) whose description says the effort, or null when none does. */
export function byEffort (row: Activity, effort: Intensity, query: readonly string[], pace?: number): Activity | null {
  const own = wordsOf(row)
  const kind = own[0]
  // The same activity: a row of the same kind that has every word the text used for it, else any row of the kind.
  const words = query.filter((w) => own.includes(w))
  return (words.length > 0 ? effortRow(row, effort, query, [kind, ...words], pace) : null) ?? effortRow(row, effort, query, [kind], pace)
}

/** The row with all of `same` that says the effort, fewest unsaid words first. */
function effortRow (row: Activity, effort: Intensity, query: readonly string[], same: readonly string[], pace?: number): Activity | null {
  const kind = same[0]
  const wanted = tokens(EFFORT[effort])
  let best: Activity | null = null
  let cost = Infinity
  for (const a of activities) {
    const t = wordsOf(a)
    if (!same.every((w) => t.includes(w)) || !EXERCISE_HEADINGS.has(a.heading) !== !EXERCISE_HEADINGS.has(row.heading)) continue
    // "Water running" is another activity than running: a variant the text did not name is not a candidate.
    if (t.some((w) => VARIANT_WORDS.has(w) && !query.includes(w))) continue
    if (!wanted.some((w) => t.includes(w))) continue
    // Fewest words the text did not say, a variant word ("uphill", "treadmill") above all.
    const unsaid = t.filter((w) => w !== kind && !/^\d/.test(w) && !SPEED_WORDS.has(w) && !query.includes(w) && !wanted.includes(w))
    // Between equals, the row nearest the speed the effort stands for ("Walking, 2.0 to 2.4 mph, slow pace").
    const range = pace === undefined ? null : speedRange(a.description)
    const off = range === null || pace === undefined ? 0 : Math.min(Math.abs(pace - range[0]), Math.abs(pace - Math.min(range[1], 99))) / 100
    const c = unsaid.length + 10 * unsaid.filter((w) => VARIANT_WORDS.has(w)).length + off
    if (c < cost) { best = a; cost = c }
  }
  return best
}

const HARD_ROW = /\b(?:vigorous|fast|competitive|competition|racing)\b/i
// A description's part that states effort or speed, not what kind of the activity it is.
const EFFORT_PART = /\b(?:vigorous|moderate|light|fast|slow|effort|pace|speed|mph|intensity)\b/i
/**
 * Policy: without an effort word, a vigorous row gives way to its general or moderate sibling, else to its
 * lighter one; a row without one stays. A sibling has the same heading and head ("Swimming laps") and the
 * same kind after it, when the row names one ("Swimming, crawl, …" stays a crawl).
 */
export function lighterSibling (row: Activity): Activity {
  if (!/\bvigorous\b/i.test(row.description) || /\bgeneral\b/i.test(row.description)) return row
  const [head, kind] = row.description.split(',').map((p) => p.trim())
  const sameKind = kind === undefined || EFFORT_PART.test(kind) ? undefined : kind
  const siblings = activities.filter((a) => {
    const [h, k] = a.description.split(',').map((p) => p.trim())
    return a.heading === row.heading && h === head && (sameKind === undefined || k === sameKind) && !HARD_ROW.test(a.description)
  })
  return siblings.find((a) => /\b(?:general|moderate)\b/i.test(a.description)) ?? siblings[0] ?? row
}

/** The row of the same kind whose speed range holds the speed, else the one whose range is nearest (within 1 mph). */
export function bySpeed (row: Activity, speed: number, query: readonly string[]): Activity {
  // Same kind: the same heading and first word ("Running, 6-6.3 mph" and "Running 4.3 to 4.8 mph").
  const kind = wordsOf(row)[0]
  let best = row
  // Distance first; among rows that hold the speed, the plainest (shortest) description, not "uphill" or "treadmill".
  let cost = Infinity
  for (const a of activities) {
    if (a.heading !== row.heading || wordsOf(a)[0] !== kind) continue
    const range = speedRange(a.description)
    if (range === null) continue
    const d = speed < range[0] ? range[0] - speed : speed > range[1] ? speed - range[1] : 0
    const extraWords = wordsOf(a).filter((w) => VARIANT_WORDS.has(w) && !query.includes(w)).length
    // A variant word the text did not say ("downhill", "treadmill") costs more than a fraction of a mph off the range.
    const c = d + extraWords * 0.3 + (Math.min(range[1], 99) - range[0]) * 0.001
    if (d < 1 && c < cost) {
      best = a
      cost = c
    }
  }
  return best
}
