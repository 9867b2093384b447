import { Type } from '@sinclair/typebox'
import {
  EFFORT_SPEED, EFFORT_TOKENS, EXERCISE_HEADINGS, SPEED_WORDS, activities, byEffort, bySpeed, lighterSibling, wordsOf,
  type Activity, type Intensity
} from '../data/activity-rows.js'
import { prebuiltIndex } from './prebuilt.js'
import { DEFAULT_RANK_WEIGHTS, openOrCreateTextIndex, type IndexEntry, type RankWeights, type TextIndex } from './text-index.js'
import { createRewriter, tokens } from './tokens.js'
import { Memo } from '../memo.js'
import { EFFORT_WORDS, readSpeed } from './workout.js'
import synonyms from '../data/activity-synonyms.json' with { type: 'json' }
import { vendored } from '../data/vendored.js'

export { CompendiumTable, INTENSITIES, activities, type Activity, type Intensity } from '../data/activity-rows.js'

/** Our words for activities: names fitness platforms and people use, each attached to a Compendium code. */
export const ActivitySynonyms = Type.Object({
  description: Type.String(),
  names: Type.Record(Type.String({ pattern: '^[0-9]{5}$' }), Type.Array(Type.String({ minLength: 1 })), { additionalProperties: false }),
  words: Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }))
}, { $id: 'ActivitySynonyms', additionalProperties: false })

const extra = vendored('activity-synonyms.json', ActivitySynonyms, synonyms)
/** The Compendium row a free-text activity resolved to, and how sure the match is. */
export interface ActivityMatch extends Activity {
  /** A short name for the activity: the Compendium description's first part ("Bicycling", "Swimming laps"). */
  name: string
  confidence: number
  /** The speed read from the text, in mph, when it picked the row. */
  speedMph: number | null
  intensityUsed: Intensity | null
  /** The words the row was read from when the rest of the text was not understood ("march" of "a loaded march"); else null. */
  head: string[] | null
}

const EXERCISE_PRIOR = 0.15
// Words of the occasion, not the activity ("went for a run in the park").
const NOISE: ReadonlySet<string> = new Set(['went', 'go', 'going', 'gone', 'did', 'do', 'done', 'doing', 'had', 'have', 'took', 'take',
  'park', 'outside', 'today', 'morning', 'evening', 'afternoon', 'night', 'quick', 'long', 'nice', 'good', 'great', 'friend',
  'family', 'bit', 'session', 'little', 'around', 'neighborhood', 'neighbourhood', 'block', 'me', 'i', 'my', 'we', 'our'])
// Words that say how, not what ("HIIT class", "core workout").
const GENERIC: ReadonlySet<string> = new Set(['class', 'workout', 'wod'])
const ACCEPT = 0.5
// A row read from part of the text is never a full match: at most this, times the share of the words it read.
const PART = 0.9
const ACCEPT_WITH_HEAD = 0.3

/** Splits platform identifiers into words: "americanFootball", "HighIntensityIntervalTraining", "biking.spinning", "martial_arts". */
export function identifierWords (text: string): string {
  // Google Fit's "running.treadmill" is parent.child; English puts the specific word first ("treadmill running").
  const dotted = /^[a-z_]+(?:\.[a-z_]+)+$/.test(text) ? text.split('.').reverse().join(' ') : text
  return dotted.replace(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/g, ' ').replace(/[._]+/g, ' ')
    // "EBikeRide", "e-bike": one word, so the lone letter is not lost.
    .replace(/\be[ -](?=bike|mountain)/gi, 'e')
}

/** A speed or pace in the text, in mph (read by the workout-text reader). */
export { readSpeed }

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

/**
 * The activity ranking's weights: the index's, except that ending on a row's head noun earns nothing
 * beyond naming the head. A row that explains every word said ("loaded march": "Soldiers, military
 * loaded marching") then beats one that only shares the head ("Marching, …, no pack"), as the food
 * ranking's fit found too; measured on eval/ (workout texts 98.8 → 100 %, platform types unchanged).
 */
const ACTIVITY_WEIGHTS: Readonly<RankWeights> = { ...DEFAULT_RANK_WEIGHTS, lastWordHead: 0 }

// Built on first use, or by warmActivityIndex while the app is built, not at import; the production
// bundle's own build of it is opened instead when there is one.
let built: TextIndex | undefined
/** The activity index the matcher uses (search ranks by it too). */
export function activityIndex (): TextIndex {
  built ??= openOrCreateTextIndex(prebuiltIndex('activities'), activities.length, activityIndexEntries, ACTIVITY_WEIGHTS)
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
// Policy: from 5 mph (12 min/mile) on, a gait the text does not name is a run: the Compendium's running
// rows start at 4 mph, its level walking rows end at 5.5 mph, and 5 mph is the usual jog-or-run line.
const RUN_FROM_MPH = 5
const GAITS: ReadonlySet<string> = new Set(['walking', 'walk', 'marching', 'hiking', 'backpacking', 'stroller', 'dog'])
const matches = new Memo<ActivityMatch | null>(MATCHES_KEPT)

/**
 * Resolves free text ("Running", "nordic ski", "americanFootball", "cycling 14 mph") to a Compendium row, or null
 * when none fits. `speedMph`, when given, is the speed to pick a speed-banded row by (else the text's own).
 */
export function matchActivity (text: string, intensity?: Intensity, speedMph?: number): ActivityMatch | null {
  return matches.get(`${intensity ?? ''}\0${speedMph ?? ''}\0${text}`, () => {
    const match = findActivity(text, intensity, speedMph)
    return match === null ? null : Object.freeze(match)
  })
}

type Top = { index: number, coverage: number, headHit: boolean }
const accepted = (top: Top | undefined): top is Top => top !== undefined && (top.coverage >= ACCEPT || (top.headHit && top.coverage >= ACCEPT_WITH_HEAD))

/** The best candidate for the words, exercise headings first. */
function searchTop (index: TextIndex, query: readonly string[]): Top | undefined {
  return index.search(query, 12)
    .map((c) => ({ ...c, score: c.score + (EXERCISE_HEADINGS.has(activities[c.index].heading) ? EXERCISE_PRIOR : 0) }))
    .sort((a, b) => b.score - a.score)[0]
}

/**
 * The activity a weakly read text is about: our own name said inside it ("hiit" in "hiit bench class"),
 * longest first, else its last word that names a row's kind by itself ("march" in "a loaded march"). A
 * qualifier the table does not know must not erase the activity it qualifies.
 */
function headOf (index: TextIndex, query: readonly string[], said: readonly string[]): { top: Top, words: string[] } | undefined {
  // Our names are looked for in every word said, "class" and "workout" included ("spin class").
  for (let size = said.length; size >= 1; size--) {
    for (let start = said.length - size; start >= 0; start--) {
      const words = said.slice(start, start + size)
      const named = index.aliasOf(words)
      if (named !== undefined) return { top: { index: named, coverage: 1, headHit: true }, words }
    }
  }
  for (let i = query.length - 1; i >= 0; i--) {
    const top = searchTop(index, [query[i]])
    if (top !== undefined && top.headHit && top.coverage >= ACCEPT) return { top, words: [query[i]] }
  }
  return undefined
}

// A word the rewrites know ("walked" → "walking") or an effort word ("tempo") is ours to read, never a typo to correct ("walker").
const rewritten = (w: string): boolean => { const r = rewriter.words([w]); return r.length !== 1 || r[0] !== w }

function findActivity (text: string, intensity?: Intensity, speedMph?: number): ActivityMatch | null {
  const index = activityIndex()
  const plain = identifierWords(text)
  const said = tokens(plain).filter((t) => !NOISE.has(t))
  const fixed = index.correct(said)
  const corrected = said.map((w, i) => rewritten(w) || EFFORT_TOKENS.has(w) ? w : fixed[i])
  const all = rewriter.words(corrected)
  // "class" and "workout" say how, not what ("HIIT class"), unless they are all the text says.
  const words = all.some((t) => !GENERIC.has(t)) ? all.filter((t) => !GENERIC.has(t)) : all
  // Numbers, speed units and effort words pick a row below; they are not words of the activity.
  const activityWord = (w: string): boolean => !/^\d/.test(w) && !SPEED_WORDS.has(w) && !EFFORT_TOKENS.has(w)
  const query = words.filter(activityWord)
  // Our own name said whole ("preparation and recovery", "brisk walking") wins before effort words are set aside.
  const named = index.aliasOf(all) ?? index.aliasOf(words)
  // An effort word inside our own name ("brisk walking") is part of the name, not a second instruction.
  const spoken = named === undefined ? EFFORT_WORDS.find(([re]) => re.test(plain.toLowerCase()))?.[1] : undefined
  const effort = intensity ?? spoken
  if (query.length === 0 && named === undefined) return null
  let top = named !== undefined ? { index: named, coverage: 1, headHit: true } : searchTop(index, query)
  let head: string[] | null = null
  // Read weakly (only its head word, or less): the activity the text names inside it, if it names one.
  if (top === undefined || top.coverage < ACCEPT) {
    const inside = headOf(index, query, all.filter(activityWord))
    if (inside !== undefined) {
      top = inside.top
      // Read from all of its words, the text was read whole after all.
      head = query.every((w) => inside.words.includes(w)) ? null : inside.words
    }
  }
  if (!accepted(top)) return null
  let row = activities[top.index]
  const speed = speedMph ?? readSpeed(text)
  if (effort !== undefined) {
    // The effort picks the row of the same kind that says it ("Elliptical trainer, vigorous effort"); for a
    // kind the Compendium grades by speed instead (running, walking, cycling), the effort stands for a speed.
    const pace = EFFORT_SPEED[wordsOf(row)[0]]?.[effort]
    const byWord = byEffort(row, effort, query, pace)
    if (byWord !== null) row = byWord
    else if (speed === null && pace !== undefined) row = bySpeed(row, pace, query)
  } else if (named === undefined) {
    row = lighterSibling(row)
  }
  // A text that names no gait ("treadmill at 6 mph") walks or runs by its speed.
  if (speed !== null && speed >= RUN_FROM_MPH && wordsOf(row)[0] === 'walking' && !query.some((w) => GAITS.has(w))) {
    const running = index.aliasOf(['running'])
    if (running !== undefined) row = activities[running]
  }
  // The speed picks the row within the same kind of activity ("running 6 mph" → "Running, 6-6.3 mph").
  if (speed !== null) row = bySpeed(row, speed, query)
  return {
    ...row,
    name: row.description.split(',')[0].replace(/\s*\(.*$/, ''),
    // A corrected typo ("runing") is a reading of the text, not the text: it is never a full-confidence match.
    confidence: Math.min(corrected.some((w, i) => w !== said[i]) ? 0.9 : 1, head === null ? Math.round(top.coverage * 100) / 100 : Math.round(PART * head.length / query.length * 100) / 100),
    speedMph: speed === null ? null : Math.round(speed * 10) / 10,
    intensityUsed: intensity ?? null,
    head
  }
}
