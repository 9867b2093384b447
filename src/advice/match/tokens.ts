/** Lower-cases, folds accents, quotes and symbols, and collapses whitespace: the one text form every index entry and query share. */
export function fold (text: string): string {
  // Most source text is plain ASCII, which has no marks to strip (and normalising it is the costly step).
  const plain = /^[\x20-\x7e]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '')
  return plain.toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'%./ ]+/gu, ' ')
    .replace(/(?<=\p{L})'s\b/gu, '')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

// Irregular plurals and spellings that the suffix rules below would get wrong or miss.
const IRREGULAR: Readonly<Record<string, string>> = {
  leaves: 'leaf',
  loaves: 'loaf',
  halves: 'half',
  knives: 'knife',
  potatoes: 'potato',
  tomatoes: 'tomato',
  mangoes: 'mango',
  children: 'child',
  cookies: 'cookie',
  brownies: 'brownie',
  smoothies: 'smoothie',
  pies: 'pie',
  fries: 'fry',
  doughnuts: 'donut',
  doughnut: 'donut',
  yoghurt: 'yogurt',
  yogurts: 'yogurt',
  courgette: 'zucchini',
  aubergine: 'eggplant'
}

// Participles whose base is the same food sense ("whole wheat toast" is "Bread, whole wheat, toasted").
const PARTICIPLES: Readonly<Record<string, string>> = { toasted: 'toast', sliced: 'slice', mashed: 'mash', smoked: 'smoke', iced: 'ice', roasted: 'roast' }

/** A word's singular, by a few English suffix rules applied alike to the tables and to user text ("berries" ~ "berry"). */
export function stem (word: string): string {
  // Own properties only: "constructor" is a word, not Object's.
  if (Object.hasOwn(IRREGULAR, word)) return IRREGULAR[word]
  if (Object.hasOwn(PARTICIPLES, word)) return PARTICIPLES[word]
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && /(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

/** Words that join or frame names but name nothing; never indexed and never required of a match. */
export const STOPWORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'with', 'w', 'without', 'in', 'on', 'to', 'for', 'from', 'at', 'as', 'by',
  'type', 'ns', 'nfs', 'other', 'made', 'any', 'some', 'my', 'our', 'your', 'his', 'her', 'their', 'its',
  'added', 'include', 'including', 'excluding', 'style', 'kind', 'form', 'not', 'no', 'than', 'more', 'less', 'x',
  'it', 'its', 'this', 'that', 'these', 'those', 'them', 'they', 'both', 'each', 'all', 'also'
])

/** The content words of a text: folded, split, stopwords dropped and each word stemmed. */
export function tokens (text: string): string[] {
  const out: string[] = []
  // "no cheese", "without bun", "not lap swimming", "caffeine free" are one idea each: "Pizza, no cheese" must not match "cheese pizza".
  const joined = fold(text).replace(/\b(?:no|not|without|non) (?=\p{L})/gu, 'no_').replace(/(?<=\p{L}) free\b/gu, '_free')
  for (const word of joined.split(/[ ./]+/)) {
    // A lone letter names nothing ("g" of "360 g", "w" of "w/"); digits stay ("7 up", "2%").
    if (word.length === 0 || STOPWORDS.has(word) || /^\p{L}$/u.test(word)) continue
    out.push(stem(word))
  }
  return out
}

/** Word rewrites from an alias table ("soda" → "soft drink"), applied alike to query words and to our own alias phrases. */
export interface Rewriter {
  /** The words with each rewritten word replaced by its rewrite. */
  words (words: readonly string[]): string[]
  /** A phrase tokenised and rewritten, as one string (how an alias is indexed). */
  phrase (phrase: string): string
}

/** Builds a {@link Rewriter} from a table of word → replacement words. */
export function createRewriter (table: Readonly<Record<string, string>>): Rewriter {
  const rewrites = new Map(Object.entries(table).map(([from, to]) => [tokens(from).join(' '), tokens(to)]))
  const words = (list: readonly string[]): string[] => list.flatMap((w) => rewrites.get(w) ?? [w])
  return { words, phrase: (phrase) => words(tokens(phrase)).join(' ') }
}
