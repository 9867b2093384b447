/** Lower-cases, folds accents, quotes and symbols, and collapses whitespace: the one text form every index entry and query share. */
export function fold (text: string): string {
  // Most source text is printable ASCII: no marks to strip (normalising is the costly step), and its
  // letters and digits are [a-z0-9], so the Unicode classes below reduce to ASCII ones. The start-up
  // index folds every table string; test/advice/text/tokens.test.ts holds the two paths equal.
  return PRINTABLE_ASCII.test(text) ? foldAscii(text) : foldUnicode(text)
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/** {@link fold} for any text. */
export function foldUnicode (text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[^\p{L}\p{N}'%./ ]+/gu, ' ')
    .replace(/(?<=\p{L})'s\b/gu, '')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** {@link fold} for printable ASCII text, the same result as {@link foldUnicode} by fewer passes. */
export function foldAscii (text: string): string {
  let s = text.toLowerCase()
  if (s.includes('`')) s = s.replaceAll('`', "'")
  s = s.replace(/[^a-z0-9'%./ ]+/g, ' ')
  if (s.includes("'")) s = s.replace(/(?<=[a-z])'s\b/g, '').replaceAll("'", '')
  // Only spaces are left of the whitespace.
  return s.replace(/ {2,}/g, ' ').trim()
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
  let joined = fold(text)
  // Tested only where they can match: most table strings have neither.
  // Skin or peel left uneaten is one idea however it is said: USDA's "skin not eaten" (kept as two
  // words, as long as its "skin eaten"), a person's "without the skin", "skinless" or "peeled".
  if (joined.includes('skin') || joined.includes('peel')) {
    joined = joined.replace(/\b(skin|peel) not eaten\b/g, '$1less eaten')
      .replace(/\b(?:without|no) (?:the |its )?(skin|peel)\b|\b(skin|peel) (?:removed|taken off)\b|\bnot eating the (skin|peel)\b/g, (_m, a, b, c) => `${a ?? b ?? c}less`)
      .replace(/\bpeeled\b/g, 'peelless')
  }
  if (joined.includes('no') || joined.includes('without')) {
    // "no added fat" states the usual case of a cooked food rather than a food of its own: it says nothing to match.
    joined = joined.replace(/\b(?:no|without)(?: any)? added (?:fat|oil)\b|\bno fat added\b/gu, ' ')
      .replace(/\b(?:no|not|without|non) (?=\p{L})/gu, 'no_')
  }
  if (joined.includes(' free')) joined = joined.replace(/(?<=\p{L}) free\b/gu, '_free')
  for (const word of joined.split(/[ ./]+/)) {
    // A lone letter names nothing ("g" of "360 g", "w" of "w/"); digits stay ("7 up", "2%"). One code
    // point is at most two UTF-16 units.
    if (word.length === 0 || STOPWORDS.has(word) || (word.length <= 2 && /^\p{L}$/u.test(word))) continue
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
