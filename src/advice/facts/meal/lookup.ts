import { foods as allFoods, foodWords, type Food } from '../../data/foods.js'
import { prebuiltIndex } from '../../match/prebuilt.js'
import { openOrCreateTextIndex, type IndexEntry, type TextIndex } from '../../match/text-index.js'
import { createRewriter, tokens } from '../../match/tokens.js'
import { Memo } from '../../memo.js'

/** A food found for a phrase, how sure the match is (0–1), and the query words it was found by. */
export interface FoodMatch { food: Food, confidence: number, words: string[] }

/** Looks a food phrase up in the food index. */
export interface FoodLookup {
  /** The content words of a phrase, with our word aliases applied and typos corrected against the index. */
  words (phrase: string): string[]
  /** The best food for those words, or null when none explains enough of them to trust. */
  find (words: readonly string[]): FoodMatch | null
}

// Acceptance: a match must explain most of the phrase's words (by rarity), or name the food's head and
// explain at least a third of them. Below that the service says "unmatched" rather than guess.
const CACHE_ENTRIES = 5000
const INFANT: ReadonlySet<string> = new Set(['toddler', 'infant', 'stage', 'formula', 'gerber'])
const ACCEPT = 0.6
const ACCEPT_WITH_HEAD = 0.34

// Words of the occasion, not the food ("Breakfast in Caracas", "homemade chili"): never looked up,
// so "breakfast" alone cannot match "Breakfast pastry".
const NOISE: ReadonlySet<string> = new Set([
  'breakfast', 'brunch', 'lunch', 'dinner', 'supper', 'snack', 'meal', 'night', 'morning', 'afternoon', 'evening',
  'weekend', 'day', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'late', 'early',
  'quick', 'homemade', 'home', 'leftover', 'diner', 'drive', 'thru', 'run', 'trip', 'party', 'game', 'watching',
  'while', 'movie', 'treat', 'myself', 'topped', 'drizzled', 'sprinkled', 'yummy', 'delicious', 'tasty', 'nice', 'good', 'favorite', 'favourite', 'usual'
])

/**
 * The head of an FNDDS description: its first part, before any comma or a "with", "on" or "in"
 * phrase ("Pizza with pepperoni, …" → "Pizza"; "Turkey sandwich on white" → "Turkey sandwich").
 */
export function headOf (description: string): string {
  // Cut at the first match rather than split(): this runs for every food row at start-up, and split
  // builds every part only to keep the first.
  const comma = description.indexOf(',')
  const first = comma === -1 ? description : description.slice(0, comma)
  const phrase = first.search(/\s+(?:with|on|in)\s+/i)
  return phrase === -1 ? first : first.slice(0, phrase)
}

/** The food index's entries: every FNDDS and SR Legacy row, with the source's synonyms and our aliases. */
export function foodIndexEntries (rows: readonly Food[] = allFoods, rewriter = createRewriter(foodWords)): IndexEntry[] {
  // Aliases get the same word rewrites as queries, so "mince pie" still meets its alias after "mince" → "ground".
  return rows.map((food) => ({
    // "NS as to type of crust" says what the row leaves open: nothing a query must match. "excluding
    // carrots, broccoli, and dark-green leafy" (to the next ";") and "excluding honey roasted" name
    // what the food is not: a query that says them must not match it by them.
    name: food.description.replace(/,?\s*NS as to [^,]*/g, '').replace(/,?\s*excluding [^;]*/g, ''),
    head: headOf(food.description),
    synonyms: food.synonyms,
    aliases: food.aliases.map(rewriter.phrase),
    // The row a coder picks when the text says no more: USDA's "not further specified" rows, and raw
    // produce (FNDDS's other rows are foods as eaten, so "raw" marks fruit and vegetables as they come).
    generic: /\bNFS\b|\bNS as to\b/.test(food.description) ||
      (/, raw$/.test(food.description) && !/egg|meat|poultry|chicken|beef|pork|fish|seafood/i.test(food.category))
  }))
}

/** Builds the food index once (or opens the one the production bundle built for the full table). */
export function createFoodLookup (rows: readonly Food[] = allFoods): FoodLookup {
  const rewriter = createRewriter(foodWords)
  const index: TextIndex = openOrCreateTextIndex(rows === allFoods ? prebuiltIndex('foods') : undefined, rows.length, () => foodIndexEntries(rows, rewriter))

  // Phrases recur across meals even more than whole foods do, and their words (tokenising, then the
  // fuzzy spelling search for every word the index does not know) were half of a repeated parse.
  const phraseWords = new Memo<readonly string[]>(CACHE_ENTRIES)
  function words (phrase: string): string[] {
    // Bare numbers left in a phrase ("rice and 2") are amounts, not words of a food; "2%" and "7 up" keep theirs.
    return [...phraseWords.get(phrase, () =>
      rewriter.words(index.correct(tokens(phrase).filter((t) => !NOISE.has(t) && !/^\d+(?:\.\d+)?$/.test(t)))))]
  }

  // People log the same foods again and again; a bounded cache of phrase → row spares the index
  // (results are pure functions of the words, so a cached answer is the answer).
  const rowOf = new Memo<FoodMatch | null>(CACHE_ENTRIES)
  function find (query: readonly string[]): FoodMatch | null {
    const match = rowOf.get(query.join(' '), () => search(query))
    return match === null ? null : { ...match, words: [...query] }
  }

  function search (query: readonly string[]): FoodMatch | null {
    // Baby foods only when the text says so: "baby carrots" are carrots.
    const infant = query.some((w) => INFANT.has(w))
    // The best-ranked candidate that explains enough of the words: a generic row that only names the head
    // ("Steak, NS as to type") ranks high but may explain too little, and a fuller one just below it wins.
    const top = index.search(query, 5).find((c) => (infant || !rows[c.index].category.startsWith('Baby food')) &&
      (c.coverage >= ACCEPT || (c.headHit && c.coverage >= ACCEPT_WITH_HEAD)))
    if (top === undefined) return null
    return { food: rows[top.index], confidence: Math.min(1, Math.round(top.coverage * 100) / 100), words: [...query] }
  }

  return { words, find }
}
