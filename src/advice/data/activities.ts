import { Type, type Static } from '@sinclair/typebox'
import { prebuiltIndex } from '../match/prebuilt.js'
import { openOrCreateTextIndex, type IndexEntry, type TextIndex } from '../match/text-index.js'
import { createRewriter, tokens } from '../match/tokens.js'
import { Memo } from '../memo.js'
import table from './compendium.json' with { type: 'json' }
import synonyms from './activity-synonyms.json' with { type: 'json' }

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

/** Our words for activities: names fitness platforms and people use, each attached to a Compendium code. */
export const ActivitySynonyms = Type.Object({
  description: Type.String(),
  names: Type.Record(Type.String({ pattern: '^[0-9]{5}$' }), Type.Array(Type.String({ minLength: 1 })), { additionalProperties: false }),
  words: Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }))
}, { $id: 'ActivitySynonyms', additionalProperties: false })

/** One Compendium row: code, MET (unchanged), major heading and the Compendium's own description. */
export interface Activity { code: string, met: number, heading: string, description: string }

/** The whole 2024 Adult Compendium. */
export const activities: readonly Activity[] = (table as Static<typeof CompendiumTable>).activities
  .map(([code, met, heading, description]) => ({ code, met, heading, description }))

const extra = synonyms as Static<typeof ActivitySynonyms>
// Each row's words, computed once: effort and speed compare them against every row of a kind per request.
const rowWords = new Map<Activity, string[]>(activities.map((a) => [a, tokens(a.description)]))
const wordsOf = (a: Activity): string[] => rowWords.get(a) as string[]

/** The Compendium row a free-text activity resolved to, and how sure the match is. */
export interface ActivityMatch extends Activity {
  /** A short name for the activity: the Compendium description's first part ("Bicycling", "Swimming laps"). */
  name: string
  confidence: number
  /** The speed read from the text, in mph, when it picked the row. */
  speedMph: number | null
  intensityUsed: Intensity | null
}

// Headings of exercise and sport. A workout log means these first: "walking" is a walk, not the
// Compendium's "Walking on job" (Occupation) or "Walking to church" (Religious Activities).
const EXERCISE_HEADINGS = new Set(['Bicycling', 'Conditioning Exercise', 'Dancing', 'Running', 'Sports', 'Walking', 'Water Activities', 'Winter Activities'])
const EXERCISE_PRIOR = 0.15
// The Compendium's words for each effort level.
const EFFORT: Readonly<Record<Intensity, string>> = { low: 'light leisurely slow easy', moderate: 'moderate general', high: 'vigorous fast brisk' }
const EFFORT_WORDS: ReadonlyArray<[RegExp, Intensity]> = [
  [/\b(?:easy|light|leisurely|slow|gentle|casual|relaxed|recovery)\b/, 'low'],
  [/\b(?:moderate|steady|medium)\b/, 'moderate'],
  [/\b(?:hard|vigorous|intense|fast|brisk|sprint|sprints|competitive|race|racing|tempo|heavy)\b/, 'high']
]
// Words that make a row a variant of its kind, not the plain activity.
const VARIANT_WORDS: ReadonlySet<string> = new Set(['treadmill', 'uphill', 'downhill', 'curved', 'backward', 'backwards', 'barefoot', 'water', 'load', 'carrying', 'stationary', 'mountain', 'grade', 'incline', 'standing', 'drafting', 'snow', 'sand', 'stair', 'hill', 'pushing', 'stroller', 'backpack', 'kg', 'vest', 'pulling', 'indoors', 'weighted'])
const SPEED_WORDS = new Set(['mph', 'km', 'kmh', 'kph', 'h', 'min', 'mile', 'mi', 'per', 'hour', 'minute', 'pace', 'kilometer'])
const EFFORT_TOKENS: ReadonlySet<string> = new Set(Object.values(EFFORT).flatMap((e) => tokens(e)).concat(tokens('hard intense sprint sprints competitive race racing tempo heavy steady medium gentle casual relaxed recovery')))
// Policy: the speed, in mph, an effort level means for kinds the Compendium grades by speed (the old
// table's rows: running 12030/12050/12080, walking 17170/17190/17220, cycling 01020/01030/01040).
const EFFORT_SPEED: Readonly<Record<string, Record<Intensity, number>>> = {
  running: { low: 5, moderate: 6, high: 7.5 },
  walking: { low: 2.5, moderate: 3, high: 4 },
  bicycling: { low: 11, moderate: 13, high: 15 }
}
// Words of the occasion, not the activity ("went for a run in the park").
const NOISE: ReadonlySet<string> = new Set(['went', 'go', 'going', 'gone', 'did', 'do', 'done', 'doing', 'had', 'have', 'took', 'take',
  'park', 'outside', 'today', 'morning', 'evening', 'afternoon', 'night', 'quick', 'long', 'nice', 'good', 'great', 'friend',
  'family', 'bit', 'session', 'little', 'around', 'neighborhood', 'neighbourhood', 'block', 'me', 'i', 'my', 'we', 'our'])
const ACCEPT = 0.5
const ACCEPT_WITH_HEAD = 0.3

/** Splits platform identifiers into words: "americanFootball", "HighIntensityIntervalTraining", "biking.spinning", "martial_arts". */
export function identifierWords (text: string): string {
  // Google Fit's "running.treadmill" is parent.child; English puts the specific word first ("treadmill running").
  const dotted = /^[a-z_]+(?:\.[a-z_]+)+$/.test(text) ? text.split('.').reverse().join(' ') : text
  return dotted.replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, ' ').replace(/[._]+/g, ' ')
    // "EBikeRide", "e-bike": one word, so the lone letter is not lost.
    .replace(/\be[ -](?=bike|mountain)/gi, 'e')
}

/** A speed in the text, in mph: "6 mph", "10 km/h", "9 min/mile", "5:30 min/km". */
export function readSpeed (text: string): number | null {
  const t = text.toLowerCase()
  const mph = /(\d+(?:\.\d+)?)\s*(?:mph|miles? (?:an|per) hour)/.exec(t)
  if (mph !== null) return Number(mph[1])
  const kmh = /(\d+(?:\.\d+)?)\s*(?:km\/h|kmh|kph|km per hour|kilometers? per hour)/.exec(t)
  if (kmh !== null) return Number(kmh[1]) / 1.609344
  const pace = /(\d+)(?::(\d{2}))?\s*(?:min(?:ute)?s?)?\s*(?:\/|per)\s*(mile|mi|km|kilometer)\b/.exec(t)
  if (pace !== null) {
    const minutes = Number(pace[1]) + Number(pace[2] ?? 0) / 60
    if (minutes <= 0) return null
    return (/^k/.test(pace[3]) ? 60 / minutes / 1.609344 : 60 / minutes)
  }
  return null
}

/** The mph range a Compendium description states ("6-6.3 mph", ">20 mph", "7 mph"), or null. */
function speedRange (description: string): [number, number] | null {
  const m = /(<|>|≥)?\s*(\d+(?:\.\d+)?)(?:\s*(?:-|to)\s*(\d+(?:\.\d+)?))?\s*mph/.exec(description)
  if (m === null) return null
  const low = Number(m[2])
  const high = m[3] === undefined ? low : Number(m[3])
  if (m[1] === '<') return [0, low]
  if (m[1] === '>' || m[1] === '≥') return [low, Infinity]
  return [low, high]
}

/** The row of the same kind (heading and first word) whose description says the effort, or null when none does. */
function byEffort (row: Activity, effort: Intensity, query: readonly string[], pace?: number): Activity | null {
  const own = wordsOf(row)
  const kind = own[0]
  const wanted = tokens(EFFORT[effort])
  // The same activity: a row that has every word the text used for it, or else the row's own first word.
  const words = query.filter((w) => own.includes(w))
  const same = words.length > 0 ? words : [kind]
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
    const off = range === null ? 0 : Math.min(Math.abs((pace as number) - range[0]), Math.abs((pace as number) - Math.min(range[1], 99))) / 100
    const c = unsaid.length + 10 * unsaid.filter((w) => VARIANT_WORDS.has(w)).length + off
    if (c < cost) { best = a; cost = c }
  }
  return best
}

/** The row of the same kind whose speed range holds the speed, else the one whose range is nearest (within 1 mph). */
function bySpeed (row: Activity, speed: number, query: readonly string[]): Activity {
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

// Our names get the same word rewrites as queries, so "e bike" still meets its name after "bike" → "bicycling".
const rewriter = createRewriter(extra.words)
/** The activity index's entries: every Compendium row, with our own names for it. */
export function activityIndexEntries (): IndexEntry[] {
  return activities.map((a) => ({
    name: a.description.replace(/\(Taylor Code \d+\)/g, ''),
    head: a.description.split(',')[0],
    synonyms: [],
    aliases: (extra.names[a.code] ?? []).map(rewriter.phrase),
    generic: /\bgeneral\b/i.test(a.description)
  }))
}

// Built on first use, or by warmActivityIndex while the app is built, not at import; the production
// bundle's own build of it is opened instead when there is one.
let built: TextIndex | undefined
function activityIndex (): TextIndex {
  built ??= openOrCreateTextIndex(prebuiltIndex('activities'), activities.length, activityIndexEntries)
  return built
}

/** Builds the activity index now, so the first workout logged does not pay for it. */
export function warmActivityIndex (): void {
  activityIndex()
}

// Workouts are logged under the same few names again and again ("running", "Strength training");
// a match is a pure function of the text and the intensity, and reading the text (tokens, spelling,
// the ranked search) was most of a /gym request. Bounded, and frozen so no caller can change it.
const MATCHES_KEPT = 2000
const matches = new Memo<ActivityMatch | null>(MATCHES_KEPT)

/** Resolves free text ("Running", "nordic ski", "americanFootball", "cycling 14 mph") to a Compendium row, or null when none fits. */
export function matchActivity (text: string, intensity?: Intensity): ActivityMatch | null {
  return matches.get(`${intensity ?? ''}\0${text}`, () => {
    const match = findActivity(text, intensity)
    return match === null ? null : Object.freeze(match)
  })
}

function findActivity (text: string, intensity?: Intensity): ActivityMatch | null {
  const index = activityIndex()
  const plain = identifierWords(text)
  const said = tokens(plain).filter((t) => !NOISE.has(t))
  const corrected = index.correct(said)
  const words = rewriter.words(corrected)
  // Numbers, speed units and effort words pick a row below; they are not words of the activity.
  const query = words.filter((w) => !/^\d/.test(w) && !SPEED_WORDS.has(w) && !EFFORT_TOKENS.has(w))
  // Our own name said whole ("preparation and recovery", "brisk walking") wins before effort words are set aside.
  const named = index.aliasOf(words)
  // An effort word inside our own name ("brisk walking") is part of the name, not a second instruction.
  const spoken = named === undefined ? EFFORT_WORDS.find(([re]) => re.test(plain.toLowerCase()))?.[1] : undefined
  const effort = intensity ?? spoken
  if (query.length === 0 && named === undefined) return null
  const top = named !== undefined
    ? { index: named, coverage: 1, headHit: true }
    : index.search(query, 12)
      .map((c) => ({ ...c, score: c.score + (EXERCISE_HEADINGS.has(activities[c.index].heading) ? EXERCISE_PRIOR : 0) }))
      .sort((a, b) => b.score - a.score)[0]
  if (top === undefined || (top.coverage < ACCEPT && !(top.headHit && top.coverage >= ACCEPT_WITH_HEAD))) return null
  let row = activities[top.index]
  // The effort picks the row of the same kind that says it ("Elliptical trainer, vigorous effort"); for a
  // kind the Compendium grades by speed instead (running, walking, cycling), the effort stands for a speed.
  const speed = readSpeed(text)
  if (effort !== undefined) {
    const pace = EFFORT_SPEED[wordsOf(row)[0]]?.[effort]
    const byWord = byEffort(row, effort, query, pace)
    if (byWord !== null) row = byWord
    else if (speed === null && pace !== undefined) row = bySpeed(row, pace, query)
  }
  // The speed picks the row within the same kind of activity ("running 6 mph" → "Running, 6-6.3 mph").
  if (speed !== null) row = bySpeed(row, speed, query)
  const own = top
  return {
    ...row,
    name: row.description.split(',')[0].replace(/\s*\(.*$/, ''),
    // A corrected typo ("runing") is a reading of the text, not the text: it is never a full-confidence match.
    confidence: Math.min(corrected.some((w, i) => w !== said[i]) ? 0.9 : 1, Math.round(own.coverage * 100) / 100),
    speedMph: speed === null ? null : Math.round(speed * 10) / 10,
    intensityUsed: intensity ?? null
  }
}
