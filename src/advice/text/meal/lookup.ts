import { foods as allFoods, foodWords, type Food } from '../../data/foods.js'
import { prebuiltIndex } from '../prebuilt.js'
import { DEFAULT_RANK_WEIGHTS, openOrCreateTextIndex, type IndexEntry, type RankWeights, type TextIndex } from '../text-index.js'
import { createRewriter, tokens } from '../tokens.js'
import { Memo } from '../../memo.js'
import type { Amount } from './amount.js'
import { OCCASION, PHRASES, PREPARATION } from './lexicon.js'
import { portionFit } from './portion.js'

/** A food found for a phrase, how sure the match is (0–1), and the query words it was found by. */
export interface FoodMatch { food: Food, confidence: number, words: string[], near?: boolean }

/** Looks a food phrase up in the food index. */
export interface FoodLookup {
  /** The content words of a phrase, with our word aliases applied and typos corrected against the index. */
  words (phrase: string): string[]
  /** The best food for those words, or null when none explains enough of them to trust; rows whose portions fit the amount said rank higher. */
  find (words: readonly string[], amount?: Amount): FoodMatch | null
  /** The best food for the phrase's head when the whole phrase names none: its modifiers dropped one by one, trusted less. */
  nearest (words: readonly string[], amount?: Amount): FoodMatch | null
  /** Whether the index knows a word as written (not as spelling correction would read it). */
  knows (word: string): boolean
  /** The index's ranked rows for the words, best first, with their scores: what `explain` shows. */
  candidates (words: readonly string[], limit: number): Array<{ food: Food, score: number, coverage: number, headHit: boolean }>
}

/**
 * The food ranking's weights: the index's (see {@link RankWeights}) and the lookup's own. A match is
 * accepted when it explains `accept` of the phrase's words (by rarity), or names the food's head and
 * explains `acceptWithHead` of them; below that the service says "unmatched" rather than guess. A row
 * whose own portions name the unit said ("a can of …") gains `unitFit` among the ranked candidates.
 */
export interface FoodWeights extends RankWeights { accept: number, acceptWithHead: number, unitFit: number }

/** The food ranking's weights, as fitted on the development data (`npm run eval -- --fit`). */
export const FOOD_WEIGHTS: Readonly<FoodWeights> = {
  ...DEFAULT_RANK_WEIGHTS,
  // Fitted on folds 0–3 of NutriBench v2 with the eval/ sets as a guard: ending on the row's head noun,
  // or saying a head of two words in order, adds nothing once the head is counted; unsaid name words
  // cost half as much as the hand-set value, and a synonym phrase said whole half as much bonus.
  lastWordHead: 0,
  unsaid: 0.023,
  headPhrase: 0,
  phrase: 0.1,
  accept: 0.6,
  acceptWithHead: 0.29,
  unitFit: 0.1
}

const CACHE_ENTRIES = 5000
// The container said names the row's form: "a can of tomato soup" is "Soup, tomato, canned" among near equals.
const PACKED: Readonly<Record<string, string>> = { can: 'canned', bottle: 'bottled' }
const PACKED_BONUS = 0.03
// Words said of a snack as an occasion: "a little snack", "a quick snack".
const SNACK_WORDS: ReadonlySet<string> = new Set(['little', 'quick', 'small', 'light', 'late', 'healthy', 'tasty', 'simple', 'nice', 'my', 'mid', 'midday', 'bedtime'])
const INFANT: ReadonlySet<string> = new Set(['toddler', 'infant', 'stage', 'formula', 'gerber'])
const NEAR_TRUST = 0.8
const NEAR_WORDS = 4
// How many ranked rows are weighed against the amount said.
const CANDIDATES = 10

/**
 * The head of an FNDDS description: its first part, before any comma or a "with", "on" or "in"
 * phrase or a parenthesis ("Pizza with pepperoni, …" → "Pizza"; "Turkey sandwich on white" → "Turkey
 * sandwich"; "Whopper (Burger King)" → "Whopper": FNDDS names the chain in parentheses).
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
    // produce (FNDDS's other rows are foods as eaten, so "raw" marks fruit and vegetables as they come;
    // SR Legacy's raw rows are ingredients before cooking, never the row meant by default).
    // "white or NFS" leaves only the colour open: the row is not the generic one for its head.
    generic: /(?<!\bor )\bNFS\b|\bNS as to\b(?! fat type)/.test(food.description) ||
      (food.source !== 'SR Legacy' && /, raw$/.test(food.description) && !/egg|meat|poultry|chicken|beef|pork|fish|seafood/i.test(food.category))
  }))
}

/** Builds the food index once (or opens the one the production bundle built for the full table). */
export function createFoodLookup (rows: readonly Food[] = allFoods, weights: Readonly<FoodWeights> = FOOD_WEIGHTS): FoodLookup {
  const rewriter = createRewriter(foodWords)
  const index: TextIndex = openOrCreateTextIndex(rows === allFoods ? prebuiltIndex('foods') : undefined, rows.length, () => foodIndexEntries(rows, rewriter), weights)

  // Phrases recur across meals even more than whole foods do, and their words (tokenising, then the
  // fuzzy spelling search for every word the index does not know) were half of a repeated parse.
  const phraseWords = new Memo<readonly string[]>(CACHE_ENTRIES)
  // "fruit snacks", "corn snacks": "snack" ending a food's own words is the food (a kind of packaged
  // snack); said alone or after a word of the occasion ("little snack"), it is the occasion.
  // Said first, it is the food when the source names a food so ("Snack cake, chocolate").
  let named: ReadonlySet<string> | undefined
  const namedSnack = (next: string): boolean => {
    named ??= new Set(rows.flatMap((food) => [...food.description.toLowerCase().matchAll(/\bsnack (\w+)/g)].map((m) => m[1])))
    return named.has(next)
  }
  const eaten = (all: readonly string[], i: number): boolean => all[i] === 'snack' && all.length > 1 && (i === 0
    ? namedSnack(all[1])
    : i === all.length - 1 && !OCCASION.has(all[i - 1]) && !SNACK_WORDS.has(all[i - 1]) && !/^\d/.test(all[i - 1]))
  function words (phrase: string): string[] {
    // Bare numbers left in a phrase ("rice and 2") are amounts, not words of a food; "2%" and "7 up" keep theirs.
    return [...phraseWords.get(phrase, () =>
      rewriter.words(index.correct(tokens(PHRASES.reduce((text, [said, usda]) => text.replace(said, usda), phrase.toLowerCase())).filter((t, i, all) => !(OCCASION.has(t) && !eaten(all, i)) && !/^\d+(?:\.\d+)?$/.test(t)))))]
  }

  // People log the same foods again and again; a bounded cache of phrase → row spares the index
  // (results are pure functions of the words, so a cached answer is the answer).
  const rowOf = new Memo<FoodMatch | null>(CACHE_ENTRIES)
  function find (query: readonly string[], amount?: Amount): FoodMatch | null {
    // The answer depends on the words and on the amount's unit, inner measure and size.
    const nameable = amount !== undefined && (amount.unit !== null || amount.measure !== null || amount.size !== null)
    const fit = nameable ? (food: Food): number => portionFit(food, amount) : undefined
    const said = nameable ? `${amount.unit?.name ?? ''}|${amount.measure?.value ?? ''}|${amount.size ?? ''}` : ''
    const form = amount?.unit === null || amount?.unit === undefined ? undefined : PACKED[amount.unit.name]
    const match = rowOf.get(`${said}\0${query.join(' ')}`, () => search(query, fit, form))
    return match === null ? null : { ...match, words: [...query] }
  }

  function search (query: readonly string[], fit: ((food: Food) => number) | undefined, form?: string): FoodMatch | null {
    // Baby foods only when the text says so ("baby food", "toddler"): "baby carrots" are carrots.
    const infant = query.some((w) => INFANT.has(w)) || (query.includes('baby') && query.includes('food'))
    // The best-ranked candidate that explains enough of the words: a generic row that only names the head
    // ("Steak, NS as to type") ranks high but may explain too little, and a fuller one just below it wins.
    const acceptable = index.search(query, fit === undefined ? 5 : CANDIDATES).filter((c) => (infant || !rows[c.index].category.startsWith('Baby food')) &&
      (c.coverage >= weights.accept || (c.headHit && c.coverage >= weights.acceptWithHead)))
    // A row whose own portions name the container or unit the text said ("a can of …") is the row meant
    // among near equals.
    // A head of two foods ("Whiskey and ginger ale", "Rum and cola") is named only when both are said:
    // "ginger ale" alone is the soft drink, so such a row loses its head's credit.
    let top = acceptable[0]
    let best = -Infinity
    for (const c of acceptable) {
      const s = c.score + (fit === undefined ? 0 : weights.unitFit * fit(rows[c.index])) - (halfNamed(rows[c.index], query) ? weights.head : 0) +
        (form !== undefined && tokens(rows[c.index].description).includes(form) ? PACKED_BONUS : 0)
      if (s > best) { best = s; top = c }
    }
    if (top === undefined) return null
    return { food: rows[top.index], confidence: Math.min(1, Math.round(top.coverage * 100) / 100), words: [...query] }
  }

  function halfNamed (food: Food, query: readonly string[]): boolean {
    const foods = headOf(food.description).split(/\s+and\s+/i)
    return foods.length > 1 && foods.some((one) => !tokens(one).some((w) => query.includes(w)))
  }

  // English puts the head noun last ("fried insect larvae", "semi skimmed cow milk"): dropping
  // modifiers from the left keeps what the food is, and what is left is a near row, not the row meant.
  // A near row must say a word of what is left in its own name, not only in its synonyms ("kernels"
  // is not Almond oil), and never only a preparation word ("fried" is not Fried broccoli).
  const headed = (found: FoodMatch | null, words: readonly string[]): found is FoodMatch =>
    found !== null && tokens(found.food.description).some((w) => words.includes(w) && !PREPARATION.has(w))
  function nearest (query: readonly string[], amount?: Amount): FoodMatch | null {
    // A food's name is a few words: longer runs are tried only as their last and first few words.
    const runs: string[][] = []
    for (let k = Math.max(1, query.length - NEAR_WORDS); k < query.length; k++) runs.push(query.slice(k))
    for (let k = Math.min(query.length - 1, NEAR_WORDS); k > 0; k--) runs.push(query.slice(0, k))
    for (const kept of runs) {
      const found = find(kept, amount)
      // Trusted in proportion to the share of the phrase's words it kept.
      if (headed(found, kept)) return { ...found, near: true, confidence: Math.round(found.confidence * NEAR_TRUST * kept.length / query.length * 100) / 100, words: [...query] }
    }
    return null
  }

  const candidates = (query: readonly string[], limit: number): Array<{ food: Food, score: number, coverage: number, headHit: boolean }> =>
    index.search(query, limit).map((c) => ({ food: rows[c.index], score: c.score, coverage: c.coverage, headHit: c.headHit }))

  return { words, find, nearest, candidates, knows: (word) => index.knows(rewriter.words([word]).at(-1) ?? word) }
}
