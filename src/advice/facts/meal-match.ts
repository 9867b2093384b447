import Fuse from 'fuse.js'
import type { FoodRow } from '../data/foods.js'
import { COOKING, LONE_WORDS, MODIFIERS, ignorable, normalize, singular, words } from './meal-words.js'

/** A food row found for a description, and how sure the match is (0–1). */
export interface Match { row: FoodRow, confidence: number }

/** Looks foods up by our own aliases only: exact, then a contained alias, then a strict fuzzy match. */
export interface Matcher {
  /** Aliases a naive split would break, for {@link splitMeal}. */
  aliases: string[]
  /** The food a description names, or null when none is close enough to trust. */
  match (description: string): Match | null
  /** Two foods named back to back with no separator ("avocado toast"), or null unless both match. */
  matchPair (description: string): [Match, Match] | null
}

// Fuse scores run from 0 (exact) to 1; above this the "match" is a guess ("unicorn steak", "xyzzy").
const FUZZY_THRESHOLD = 0.35
// Confidence for an alias found inside a longer description whose other words are only modifiers,
// and a little less when a cooking word had to be dropped to find the base food.
const CONTAINED = 0.9
const MIN_FUZZY_LENGTH = 5
const CONTAINED_COOKING = 0.85

const key = (tokens: readonly string[]): string => tokens.map(singular).join(' ')

// A typo rarely hits the first letter or changes a word's length much; checking word by word keeps
// "tuna salad" from passing as "tuna sandwich".
function alike (alias: string, query: string): boolean {
  const a = alias.split(' ')
  const q = query.split(' ')
  return a.length === q.length && a.every((w, i) =>
    w[0] === q[i][0] && Math.min(w.length, q[i].length) / Math.max(w.length, q[i].length) >= 0.7)
}

// Two foods back to back with no separator ("avocado toast") are only tried in
// short descriptions: each split point costs two full matches.
const MAX_PAIR_WORDS = 4

function fuzzy (fuse: Fuse<string>, byAlias: Map<string, FoodRow>, maxWords: number, query: string): Match | null {
  // Under five letters one typo is a different word ("mac" is not "mayo"), so short words must match exactly.
  if (query.length < MIN_FUZZY_LENGTH) return null
  // `alike` keeps only hits with the query's word count, so a query with more
  // words than any alias can never match: skip Fuse, whose cost grows with the
  // query's length (a 60-word unknown text once took seconds).
  if (query.split(' ').length > maxWords) return null
  for (const hit of fuse.search(query)) {
    const alias = hit.item
    // Fuse blends in field length, so its scores can pass its own threshold; hold them to ours.
    if ((hit.score as number) <= FUZZY_THRESHOLD && alike(alias, query)) {
      return { row: byAlias.get(alias) as FoodRow, confidence: Math.min(0.95, Math.round((1 - (hit.score as number)) * 100) / 100) }
    }
  }
  return null
}

/** Builds the alias index and fuzzy searcher for a food table. */
export function createMatcher (rows: readonly FoodRow[]): Matcher {
  const byKey = new Map<string, FoodRow>()
  const byAlias = new Map<string, FoodRow>()
  for (const row of rows) {
    for (const alias of [row.name, ...row.aliases]) {
      const text = normalize(alias)
      if (!byAlias.has(text)) byAlias.set(text, row)
      const k = key(words(text))
      if (!byKey.has(k)) byKey.set(k, row)
    }
  }
  const fuse = new Fuse([...byAlias.keys()], { includeScore: true, threshold: FUZZY_THRESHOLD })
  const maxWords = Math.max(...[...byAlias.keys()].map((a) => a.split(' ').length))

  function match (description: string): Match | null {
    const tokens = words(description)
    const whole = byKey.get(key(tokens))
    if (whole !== undefined) return { row: whole, confidence: 1 }
    // Longest alias first, so "scrambled eggs" beats "eggs" and "peanut butter" beats "butter".
    for (let len = tokens.length - 1; len > 0; len--) {
      for (let i = 0; i + len <= tokens.length; i++) {
        const row = byKey.get(key(tokens.slice(i, i + len)))
        const rest = [...tokens.slice(0, i), ...tokens.slice(i + len)]
        // Other words may be modifiers or another alias of the same food ("tortilla wrap").
        if (row !== undefined && rest.every((w) => ignorable(w) || byKey.get(key([w])) === row)) {
          return { row, confidence: rest.some((w) => COOKING.has(w)) ? CONTAINED_COOKING : CONTAINED }
        }
      }
    }
    const food = tokens.filter((w) => !LONE_WORDS.has(w) && !MODIFIERS.has(w))
    const base = food.filter((w) => !COOKING.has(w))
    return fuzzy(fuse, byAlias, maxWords, food.join(' ')) ?? (base.length < food.length ? fuzzy(fuse, byAlias, maxWords, base.join(' ')) : null)
  }

  function matchPair (description: string): [Match, Match] | null {
    const tokens = words(description)
    if (tokens.length > MAX_PAIR_WORDS) return null
    for (let k = 1; k < tokens.length; k++) {
      const first = match(tokens.slice(0, k).join(' '))
      const second = first === null ? null : match(tokens.slice(k).join(' '))
      if (first !== null && second !== null) return [first, second]
    }
    return null
  }

  return { aliases: [...byAlias.keys()], match, matchPair }
}
