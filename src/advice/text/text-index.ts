import { LRUCache } from 'lru-cache'
import MiniSearch, { type AsPlainObject, type Options } from 'minisearch'
import { createSpeller } from './spelling.js'
import { tokens } from './tokens.js'
import { costsUnsaid, wordShare } from './word-classes.js'

/** What the index knows of one entry: its own name, its head (the words the name is about), and other names for it. */
export interface IndexEntry {
  /** The source's own description, e.g. "Pizza with pepperoni, from restaurant or fast food, thin crust". */
  name: string
  /** The words that say what kind of thing it is, e.g. "pizza" or "bicycling"; the rest are modifiers. */
  head: string
  /** The source's synonyms and our aliases, e.g. "Coke; Pepsi"; a query may match these instead of the name. */
  synonyms: readonly string[]
  /** Our own names for the entry ("quarter pounder", "spin class"): a query that is exactly one of these means this entry. */
  aliases?: readonly string[]
  /** A generic row ("Pizza, NFS", "general"): preferred when the text names nothing more specific. */
  generic?: boolean
}

/** One ranked candidate: the entry's position, its score, and how much of the query it explains (0–1, by word rarity). */
export interface Candidate { index: number, score: number, coverage: number, headHit: boolean }

/** A full-text index over entries, ranking candidates by head noun and modifiers. */
export interface TextIndex {
  /** Ranked candidates for a query's content words, best first. */
  search (words: readonly string[], limit?: number): Candidate[]
  /** The query words with each unknown word replaced by the index's nearest known word, where one is within one or two edits. */
  correct (words: readonly string[]): string[]
  /** Whether the index knows a word. */
  knows (word: string): boolean
  /** The entry one of our aliases names with exactly these words, if any. */
  aliasOf (words: readonly string[]): number | undefined
}

interface Prepared { name: ReadonlySet<string>, head: ReadonlySet<string>, headWords: readonly string[], headNoun: string | undefined, synonyms: ReadonlySet<string>, phrases: string[][], generic: boolean, costly: readonly string[] }

/**
 * A built index as plain JSON: what {@link textIndexData} writes at build time and
 * {@link openTextIndex} reads at start-up. Tokenising every entry and filling the recall index
 * were ~0.3 s of a ~1.2 s cold start; opening this is a fraction of that.
 */
export interface TextIndexData {
  /** How many entries the index was built from: an index for other entries is not opened. */
  entries: number
  prepared: Array<{ name: string[], head: string[], headNoun?: string, synonyms: string[], phrases: string[][], generic: boolean }>
  exact: Array<[string, number[]]>
  recall: AsPlainObject
}

type RecallDoc = { id: number, name: string, synonyms: string }
const RECALL_OPTIONS: Options<RecallDoc> = {
  fields: ['name', 'synonyms'],
  // Our tokenizer does all the work, so MiniSearch sees exactly the words the ranking compares.
  tokenize: (text) => text.split(' '),
  processTerm: (term) => term.length > 0 ? term : null,
  searchOptions: { boost: { name: 2 }, combineWith: 'OR' }
}

/**
 * The ranking's weights. Explaining the query's words (coverage, 0–1) is the base of every score; the
 * rest decide between entries that explain about equally: naming the entry's head, ending on it
 * (English puts the head noun last: "pepperoni pizza"), saying a synonym phrase whole, being the
 * generic row, a head of two words or more said whole and in order ("egg roll" is "Egg roll", not
 * "Roll, egg bread"), and a cost for every name word the query did not say, so "cola" prefers "Soft drink,
 * cola" to "Soft drink, cola, diet". A synonym word explains a share of what a name word does.
 */
export interface RankWeights { head: number, lastWordHead: number, headPhrase: number, unsaid: number, generic: number, synonymCredit: number, phrase: number }

/** Weights set by hand on the project's own development sets (eval/); the food table's are fitted (see lookup). */
export const DEFAULT_RANK_WEIGHTS: Readonly<RankWeights> = { head: 0.3, lastWordHead: 0.25, headPhrase: 0, unsaid: 0.045, generic: 0.12, synonymCredit: 0.85, phrase: 0.2 }
// How much of a query an entry must explain for a one-word synonym at its end to name the entry.
const MOSTLY = 0.4
// An exact alias is our own table saying which entry the words mean: it outranks any ranking.
const EXACT_ALIAS = 2
// MiniSearch's BM25 recall is wide; only its best few are re-ranked (each costs a few set lookups).
const RECALL = 60
const RARE_WORDS = 2
const RECALL_CACHE = 10000

const aliasKey = (words: readonly string[]): string => [...new Set(words)].sort().join(' ')

/**
 * Tokenises and prepares every entry, and maps each alias to its entries. Its own function so the
 * cache of tokenised strings dies with it: a closure of the index would keep it (a V8 context holds
 * every variable any of its closures uses) for the life of the process.
 */
function prepare (entries: readonly IndexEntry[]): { prepared: Prepared[], exact: Map<string, number[]> } {
  // Sources repeat their wording ("NS as to fat", "home or store"): each distinct string is tokenised once.
  const seen = new Map<string, string[]>()
  const words = (text: string): string[] => {
    let known = seen.get(text)
    if (known === undefined) seen.set(text, known = tokens(text))
    return known
  }
  // Built with loops rather than spread-and-flatten: this runs for every row of the tables at start-up.
  const prepared: Prepared[] = entries.map((e) => {
    const nameSet = new Set(words(e.name))
    const synonyms = e.synonyms.map(words)
    const head = words(e.head)
    // Only a synonym that says something the name does not ("coke" for "Soft drink, cola") counts as a phrase.
    const phrases = synonyms.filter((p) => p.length > 0 && p.some((w) => !nameSet.has(w)))
    const other = new Set<string>()
    for (const phrase of synonyms) for (const w of phrase) other.add(w)
    for (const alias of e.aliases ?? []) for (const w of words(alias)) other.add(w)
    return entryOf(nameSet, new Set(head), head.at(-1), other, phrases, e.generic === true)
  })
  const exact = new Map<string, number[]>()
  entries.forEach((e, i) => {
    for (const alias of e.aliases ?? []) {
      const key = aliasKey(words(alias))
      exact.set(key, [...(exact.get(key) ?? []), i])
    }
  })
  return { prepared, exact }
}

/** The prepared entry: its word sets, and the name words that cost when a query leaves them unsaid. */
function entryOf (name: ReadonlySet<string>, head: ReadonlySet<string>, headNoun: string | undefined, synonyms: ReadonlySet<string>, phrases: string[][], generic: boolean): Prepared {
  const costly: string[] = []
  for (const w of name) if (costsUnsaid(w)) costly.push(w)
  return { name, head, headWords: [...head], headNoun, synonyms, phrases, generic, costly }
}

function buildRecall (prepared: readonly Prepared[]): MiniSearch<RecallDoc> {
  const mini = new MiniSearch<RecallDoc>(RECALL_OPTIONS)
  mini.addAll(prepared.map((p, id) => ({ id, name: [...p.name].join(' '), synonyms: [...p.synonyms].join(' ') })))
  return mini
}

/** Builds the index once (at start-up); searching never scans the table. */
export function createTextIndex (entries: readonly IndexEntry[], weights: Readonly<RankWeights> = DEFAULT_RANK_WEIGHTS): TextIndex {
  const { prepared, exact } = prepare(entries)
  return assemble(prepared, exact, buildRecall(prepared), weights)
}

/** Builds the index and returns it as JSON-ready data, for {@link openTextIndex} (the production bundle does this at build time). */
export function textIndexData (entries: readonly IndexEntry[]): TextIndexData {
  const { prepared, exact } = prepare(entries)
  return {
    entries: entries.length,
    prepared: prepared.map((p) => ({ name: [...p.name], head: [...p.head], headNoun: p.headNoun, synonyms: [...p.synonyms], phrases: p.phrases, generic: p.generic })),
    exact: [...exact],
    recall: buildRecall(prepared).toJSON()
  }
}

/** Opens an index from {@link textIndexData}'s data: the same index, without tokenising a row. */
export function openTextIndex (data: TextIndexData, weights: Readonly<RankWeights> = DEFAULT_RANK_WEIGHTS): TextIndex {
  const prepared = data.prepared.map((p) => entryOf(new Set(p.name), new Set(p.head), p.headNoun, new Set(p.synonyms), p.phrases, p.generic))
  return assemble(prepared, new Map(data.exact), MiniSearch.loadJS(data.recall, RECALL_OPTIONS), weights)
}

/**
 * The index built ahead of time when it was built for these `count` entries, or one built now:
 * the production bundle carries its own (src/advice/text/prebuilt.ts), the sources do not.
 */
export function openOrCreateTextIndex (saved: TextIndexData | undefined, count: number, entries: () => readonly IndexEntry[], weights: Readonly<RankWeights> = DEFAULT_RANK_WEIGHTS): TextIndex {
  return saved !== undefined && saved.entries === count ? openTextIndex(saved, weights) : createTextIndex(entries(), weights)
}

function assemble (prepared: readonly Prepared[], exact: ReadonlyMap<string, number[]>, mini: MiniSearch<RecallDoc>, ranking: Readonly<RankWeights>): TextIndex {
  // Document frequency over each entry's distinct words: the vocabulary spelling is corrected to.
  const df = new Map<string, number>()
  for (const p of prepared) {
    for (const w of p.name) df.set(w, (df.get(w) ?? 0) + 1)
    for (const w of p.synonyms) if (!p.name.has(w)) df.set(w, (df.get(w) ?? 0) + 1)
  }
  const idf = (w: string): number => Math.log(1 + prepared.length / (df.get(w) ?? 0.5))

  // English ends a name on its head noun ("pepperoni pizza", "mexican coke"): the query's last word is the
  // entry's head noun, or the last word of a synonym said whole.
  function endsOnHead (p: Prepared, query: readonly string[]): boolean {
    const last = query.at(-1)
    return last !== undefined && (p.headNoun === last || p.phrases.some((ph) => ph.at(-1) === last && ph.every((w) => query.includes(w))))
  }

  const saysHead = (p: Prepared, query: readonly string[]): boolean => p.headWords.length > 1 && inOrder(p.headWords, query)

  // A synonym said whole names the entry: two words or more ("quarter pounder"), or one word in the head
  // noun's place at the end ("mexican coke") of a query the entry mostly explains. A one-word synonym
  // elsewhere in a longer query ("with chips" in "chocolate chip cookie") is only a modifier, and so is
  // one after words the entry does not explain: "rye" names Whiskey, not "tuna sandwich on rye".
  function said (phrase: readonly string[], query: readonly string[], coverage: number): boolean {
    if (phrase.length > 1) return inOrder(phrase, query)
    return query.at(-1) === phrase[0] && coverage >= MOSTLY
  }

  function rank (index: number, query: readonly string[], weights: number[], total: number, named: readonly number[]): Candidate {
    const p = prepared[index]
    let explained = 0
    for (let i = 0; i < query.length; i++) {
      const w = query[i]
      if (p.name.has(w)) explained += weights[i]
      else if (p.synonyms.has(w)) explained += weights[i] * ranking.synonymCredit
    }
    let unsaid = 0
    for (const w of p.costly) if (!query.includes(w)) unsaid++
    const coverage = explained / total
    let headSaid = 0
    for (const w of p.head) if (query.includes(w)) headSaid++
    // A synonym phrase said whole ("coke", "quarter pounder") names the entry as surely as its head.
    const phrase = p.phrases.some((ph) => said(ph, query, coverage))
    const headHit = headSaid > 0 || phrase || named.includes(index)
    const score = coverage +
      ranking.head * (p.head.size === 0 ? 0 : headSaid / p.head.size) +
      (endsOnHead(p, query) ? ranking.lastWordHead : 0) +
      (saysHead(p, query) ? ranking.headPhrase : 0) +
      (phrase ? ranking.phrase : 0) +
      (named.includes(index) ? EXACT_ALIAS : 0) -
      ranking.unsaid * unsaid +
      (p.generic ? ranking.generic : 0)
    return { index, score, coverage, headHit }
  }

  // Recall runs on the rarest words only: a common word ("chicken", in hundreds of rows) finds nothing
  // the rare ones miss, and its postings were most of the search's cost. Every word still counts in the
  // ranking. Rare-word pairs recur across phrases ("fried rice", "chicken rice"), so their recall is cached.
  const recalled = new LRUCache<string, number[]>({ max: RECALL_CACHE })
  function recall (query: readonly string[], weights: readonly number[]): number[] {
    const text = query.map((w, i) => ({ w, weight: weights[i] })).sort((a, b) => b.weight - a.weight)
      .slice(0, RARE_WORDS).map((r) => r.w).sort().join(' ')
    let ids = recalled.get(text)
    if (ids === undefined) {
      ids = mini.search(text).slice(0, RECALL).map((hit) => Number(hit.id))
      recalled.set(text, ids)
    }
    return ids
  }

  function search (words: readonly string[], limit = 5): Candidate[] {
    const query = [...new Set(words)]
    if (query.length === 0) return []
    const weights = query.map((w) => idf(w) * wordShare(w))
    const total = weights.reduce((a, b) => a + b, 0)
    // Entries with every word first (BM25 favours long synonym lists otherwise), then the best of any word.
    const named = exact.get(aliasKey(query)) ?? []
    const ids = new Set<number>(named)
    for (const id of recall(query, weights)) ids.add(id)
    return [...ids].map((id) => rank(id, query, weights, total, named))
      .sort((a, b) => b.score - a.score || a.index - b.index)
      .slice(0, limit)
  }

  const correct = createSpeller(df)

  return { search, correct, knows: (w) => df.has(w), aliasOf: (words) => exact.get(aliasKey(words))?.[0] }
}

/** Whether the words are said together and in this order in the query ("cheese pizza" does not say "pizza cheese"). */
function inOrder (words: readonly string[], query: readonly string[]): boolean {
  const start = query.indexOf(words[0])
  return start !== -1 && words.every((w, i) => query[start + i] === w)
}
