import Fuse from 'fuse.js'
import type { FoodRow } from '../data/foods.js'
import { COOKING, LONE_WORDS, MODIFIERS, normalize, singular, words } from './meal-words.js'

/** A food row found for a description, and how sure the match is (0–1). */
export interface Match { row: FoodRow, confidence: number }

/** Looks foods up by our own aliases only: exact, then a contained alias, then a strict fuzzy match. */
export interface Matcher {
  /** Aliases a naive split would break, for {@link splitMeal}. */
  aliases: string[]
  /** The food a description names, or null when none is close enough to trust. */
  match (description: string): Match | null
}

// Fuse scores run from 0 (exact) to 1; above this the "match" is a guess ("unicorn steak", "xyzzy").
const FUZZY_THRESHOLD = 0.35
// Confidence for an alias found inside a longer description whose other words are only modifiers,
// and a little less when a cooking word had to be dropped to find the base food.
const CONTAINED = 0.9
const MIN_FUZZY_LENGTH = 5
const CONTAINED_COOKING = 0.85

const key = (tokens: readonly string[]): string => tokens.map(singular).join(' ')
const ignorable = (w: string): boolean => LONE_WORDS.has(w) || MODIFIERS.has(w) || COOKING.has(w)

function fuzzy (fuse: Fuse<string>, byAlias: Map<string, FoodRow>, query: string): Match | null {
  // Under five letters one typo is a different word ("mac" is not "mayo"), so short words must match exactly.
  if (query.length < MIN_FUZZY_LENGTH) return null
  for (const hit of fuse.search(query)) {
    const alias = hit.item
    // A typo rarely hits the first letter or changes the length much; both guards keep guesses out.
    const ratio = Math.min(alias.length, query.length) / Math.max(alias.length, query.length)
    // Fuse blends in field length, so its scores can pass its own threshold; hold them to ours.
    if ((hit.score as number) <= FUZZY_THRESHOLD && alias[0] === query[0] && ratio >= 0.7) {
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

  function match (description: string): Match | null {
    const tokens = words(description)
    const whole = byKey.get(key(tokens))
    if (whole !== undefined) return { row: whole, confidence: 1 }
    // Longest alias first, so "scrambled eggs" beats "eggs" and "peanut butter" beats "butter".
    for (let len = tokens.length - 1; len > 0; len--) {
      for (let i = 0; i + len <= tokens.length; i++) {
        const row = byKey.get(key(tokens.slice(i, i + len)))
        const rest = [...tokens.slice(0, i), ...tokens.slice(i + len)]
        if (row !== undefined && rest.every(ignorable)) {
          return { row, confidence: rest.some((w) => COOKING.has(w)) ? CONTAINED_COOKING : CONTAINED }
        }
      }
    }
    const food = tokens.filter((w) => !LONE_WORDS.has(w) && !MODIFIERS.has(w))
    const base = food.filter((w) => !COOKING.has(w))
    return fuzzy(fuse, byAlias, food.join(' ')) ?? (base.length < food.length ? fuzzy(fuse, byAlias, base.join(' ')) : null)
  }

  return { aliases: [...byAlias.keys()], match }
}
