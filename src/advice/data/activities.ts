import { Type, type Static } from '@sinclair/typebox'
import Fuse from 'fuse.js'
import data from './activities.json' with { type: 'json' }

/** Effort levels a caller may ask for; a group maps each to a Compendium row where the Compendium has one. */
export const INTENSITIES = ['low', 'moderate', 'high'] as const

/** One effort level from {@link INTENSITIES}. */
export type Intensity = typeof INTENSITIES[number]

const IntensitySchema = Type.Union(INTENSITIES.map((i) => Type.Literal(i)))
const Code = Type.String({ pattern: '^[0-9]{5}$' })

/** One 2024 Compendium row: its code, unchanged MET, a short description and the group it belongs to. */
export const ActivityRow = Type.Object({
  code: Code,
  met: Type.Number({ minimum: 1, maximum: 25 }),
  description: Type.String({ minLength: 1 }),
  group: Type.String({ pattern: '^[a-z0-9-]+$' }),
  intensity: Type.Optional(IntensitySchema)
}, { $id: 'ActivityRow', additionalProperties: false })

/** A row of the activity table, as typed by {@link ActivityRow}. */
export type ActivityRow = Static<typeof ActivityRow>

/** Words users type for an activity, the row used without an intensity, and the row per intensity. */
export const ActivityGroup = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9-]+$' }),
  name: Type.String({ minLength: 1 }),
  aliases: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  default: Code,
  // Spelled out rather than Partial(Record(...)), which TypeBox types as {}.
  byIntensity: Type.Optional(Type.Object({
    low: Type.Optional(Code),
    moderate: Type.Optional(Code),
    high: Type.Optional(Code)
  }, { additionalProperties: false, minProperties: 1 }))
}, { $id: 'ActivityGroup', additionalProperties: false })

/** A group of the activity table, as typed by {@link ActivityGroup}. */
export type ActivityGroup = Static<typeof ActivityGroup>

/** The whole checked-in file: citation, terms of use, retrieval date, rows and groups. */
export const ActivityTable = Type.Object({
  source: Type.String({ minLength: 1 }),
  terms: Type.String({ minLength: 1 }),
  retrieved: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  activities: Type.Array(ActivityRow),
  groups: Type.Array(ActivityGroup)
}, { $id: 'ActivityTable', additionalProperties: false })

/** The activity table file, as typed by {@link ActivityTable}. */
export type ActivityTable = Static<typeof ActivityTable>

const table = data as ActivityTable

/** The checked-in 2024 Adult Compendium rows. */
export const activities: readonly ActivityRow[] = table.activities

/** The checked-in groups that map user words to those rows. */
export const groups: readonly ActivityGroup[] = table.groups

/** The Compendium row a free-text activity resolved to, and how it was found. */
export interface ActivityMatch {
  group: string
  name: string
  code: string
  met: number
  description: string
  matchedBy: 'alias' | 'fuzzy'
  intensityUsed: Intensity | null
}

// Fuse scores 0 for a perfect match and 1 for none; 0.3 admits a typo or two
// in a word ("runing") but not an unrelated word ("quidditch").
const FUZZY_THRESHOLD = 0.3
// Fuse counts a swapped pair as two errors, so 0.3 also lets through other
// words two letters apart ("shopping" and "skipping"). A Fuse hit is kept only
// within this many insertions, deletions, substitutions or swaps, and only when
// the first letters agree ("zumba" is not "rumba").
const FUZZY_MAX_EDITS_SHORT = 1
const FUZZY_MAX_EDITS_LONG = 2
const FUZZY_LONG_WORD = 9
// Below this length every alias is one or two edits away.
const FUZZY_MIN_LENGTH = 4

/** Lower-cases, applies NFKC, turns punctuation and symbols into spaces and collapses whitespace. */
export function normalizeActivityText (text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}]+/gu, ' ').replace(/\s+/g, ' ').trim()
}

const rowsByCode = new Map(activities.map((row) => [row.code, row]))
const groupByAlias = new Map<string, ActivityGroup>()
for (const group of groups) {
  for (const alias of group.aliases) groupByAlias.set(alias, group)
}
// Longest first, so "stationary bike" is tried before "bike".
const aliasesLongestFirst = [...groupByAlias.keys()].sort((a, b) => b.length - a.length)
const fuse = new Fuse([...groupByAlias.keys()], { threshold: FUZZY_THRESHOLD, includeScore: true })
// A query longer than every alias by more than the allowed edits can never be
// kept, so it is not searched: Fuse's cost grows with the query's length.
const LONGEST_ALIAS = Math.max(...[...groupByAlias.keys()].map((a) => a.length))

function containedAlias (text: string): string | undefined {
  const padded = ` ${text} `
  return aliasesLongestFirst.find((alias) => padded.includes(` ${alias} `))
}

/** Optimal-string-alignment distance: Levenshtein plus swaps of neighbouring letters. */
function editDistance (a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1)
    }
  }
  return d[a.length][b.length]
}

function fuzzyAlias (text: string): string | undefined {
  const words = text.split(' ')
  const queries = words.length > 1 ? [text, ...words] : [text]
  let best: { alias: string, score: number } | undefined
  for (const query of queries) {
    if (query.length < FUZZY_MIN_LENGTH || query.length > LONGEST_ALIAS + FUZZY_MAX_EDITS_LONG) continue
    const maxEdits = query.length >= FUZZY_LONG_WORD ? FUZZY_MAX_EDITS_LONG : FUZZY_MAX_EDITS_SHORT
    for (const hit of fuse.search(query)) {
      if (hit.item[0] !== query[0] || editDistance(query, hit.item) > maxEdits) continue
      // includeScore is set, so every hit has a score.
      const score = hit.score as number
      if (best === undefined || score < best.score) best = { alias: hit.item, score }
    }
  }
  return best?.alias
}

function toMatch (group: ActivityGroup, matchedBy: ActivityMatch['matchedBy'], intensity?: Intensity): ActivityMatch {
  const picked = intensity === undefined ? undefined : group.byIntensity?.[intensity]
  // Referential integrity of the table is asserted by its tests.
  const row = rowsByCode.get(picked ?? group.default) as ActivityRow
  return {
    group: group.id,
    name: group.name,
    code: row.code,
    met: row.met,
    description: row.description,
    matchedBy,
    intensityUsed: picked === undefined ? null : intensity as Intensity
  }
}

/** Resolves free text like "Running", "morning jog", "weight lifting" to a Compendium row, or null when nothing matches. */
export function matchActivity (text: string, intensity?: Intensity): ActivityMatch | null {
  const normalized = normalizeActivityText(text)
  if (normalized === '') return null
  const alias = groupByAlias.has(normalized) ? normalized : containedAlias(normalized)
  if (alias !== undefined) return toMatch(groupByAlias.get(alias) as ActivityGroup, 'alias', intensity)
  const fuzzy = fuzzyAlias(normalized)
  if (fuzzy !== undefined) return toMatch(groupByAlias.get(fuzzy) as ActivityGroup, 'fuzzy', intensity)
  return null
}
