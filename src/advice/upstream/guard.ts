/** The most words any advice message may have. */
export const MAX_WORDS = 25

/** Result of checking a provider's text. */
export type GuardResult = { ok: true, text: string, trimmed: boolean } | { ok: false, reason: string }

const CODE_FENCE = /```[\s\S]*?(```|$)/g
const HTML_TAG = /<\/?[a-z][^>]*>/gi
const MD_LINK = /!?\[([^\]]*)\]\([^)]*\)/g
// A link ends before trailing punctuation, so "see https://x.io. Drink" keeps its sentence end.
const URL = /\b(?:https?:\/\/|ftp:\/\/|www\.)(?:\S*[^\s.,;:!?'")\]])?/gi
// A bare domain such as "example.com/path" is still a link a client could render:
// a common or reserved top-level domain, or any dotted name followed by a path
// ("evil.shop/x"). Short TLDs that are English words (in, it, to, us) are left
// out so prose survives; a link to them needs a path or a scheme to be caught.
const TLDS = 'com|org|net|io|ai|co|info|biz|xyz|ly|me|app|dev|health|example|test|invalid|gov|edu|mil|int|eu|uk|de|fr|es|nl|ru|su|cn|jp|br|au|ca|tk|ml|ga|cf|gq|pw|cc|ws|tv|gg|sh|fm|top|site|online|shop|store|club|link|click|live|pro'
const LINK_PATH = '(?:\\/(?:\\S*[^\\s.,;:!?\'")\\]])?)'
const BARE_DOMAIN = new RegExp(`\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:(?:${TLDS})\\b${LINK_PATH}?|[a-z]{2,24}${LINK_PATH})`, 'gi')
const MD_MARKS = /(\*\*|__|\*|`|~~|^#{1,6}\s+|^>\s*|^\s*[-*+]\s+|^\s*\d+\.\s+)/gm

/** The full cleaning pass: strips code, HTML, markdown and links, then tidies the spacing. */
export function stripMarkup (text: string): string {
  return tidySpacing(text
    .replace(CODE_FENCE, ' ')
    .replace(HTML_TAG, ' ')
    .replace(MD_LINK, '$1')
    .replace(URL, ' ')
    .replace(BARE_DOMAIN, ' ')
    .replace(MD_MARKS, '')
    .replace(/[<>{}[\]|\\]/g, ' '))
}

// What tidySpacing changes: a space before punctuation, a whitespace run, whitespace other than
// one space, or whitespace at either end. Most texts (every local advisor message) have none,
// and one test costs less than the two replaces and the trim.
const UNTIDY = /\s[.,;:!?]|\s{2}|[^\S ]|^\s|\s$/

/** Drops space before punctuation and makes every whitespace run one space. */
export const tidySpacing = (text: string): string => !UNTIDY.test(text)
  ? text
  : text.replace(/\s+([.,;:!?])/g, '$1')
    // Only runs that are not already a single space are rewritten: replacing every space rebuilt the whole string.
    .replace(/\s{2,}|[^\S ]/g, ' ').trim()

// Every pattern of the full pass needs one of these to match: a markup
// character, a scheme or "www.", a dot between a name character and a letter
// (any domain), or a list marker at the start (with no line breaks, ^ can only
// match there). Text without them is already plain, which is what the
// providers and our own templates nearly always write, and the full pass (eight
// expressions, the bare-domain one costly) was the guard's whole cost.
const MAY_HAVE_MARKUP = /[`<>[\]{}|\\*_~#\n\r\u2028\u2029]|:\/\/|www\.|[a-z0-9-]\.[a-z]|^\s*(?:[-+]|\d+\.)\s/i

/** Reduces text to plain prose: no code, HTML, markdown or links. */
export function toPlainText (text: string): string {
  return MAY_HAVE_MARKUP.test(text) ? stripMarkup(text) : tidySpacing(text)
}

/** Cuts text to at most `max` words, preferring the end of a sentence. */
export function trimWords (text: string, max = MAX_WORDS): { text: string, trimmed: boolean } {
  const words = text.split(' ').filter((w) => w !== '')
  if (words.length <= max) return { text: words.join(' '), trimmed: false }
  const head = words.slice(0, max)
  // Keep whole sentences when at least half the budget survives; otherwise a
  // clean word cut reads better than a stub.
  for (let i = head.length - 1; i >= Math.floor(max / 2); i--) {
    if (/[.!?]$/.test(head[i])) return { text: head.slice(0, i + 1).join(' '), trimmed: true }
  }
  const cut = head.join(' ').replace(/[,;:\-–—]+$/, '')
  return { text: `${cut}.`, trimmed: true }
}

/** Enforces plain text and the word limit on any provider's message. */
export function guardMessage (raw: string, max = MAX_WORDS): GuardResult {
  const plain = toPlainText(raw)
  if (!/[\p{L}\p{N}]/u.test(plain)) return { ok: false, reason: 'empty after cleaning' }
  // Plain text is single-spaced and trimmed, so a text with fewer than `max` spaces is within budget as it is.
  if (spacesUpTo(plain, max) < max) return { ok: true, text: plain, trimmed: false }
  const { text, trimmed } = trimWords(plain, max)
  return { ok: true, text, trimmed }
}

/** The number of spaces in a text, counting no further than `limit`. */
function spacesUpTo (text: string, limit: number): number {
  let n = 0
  for (let i = text.indexOf(' '); i !== -1 && n < limit; i = text.indexOf(' ', i + 1)) n++
  return n
}

/** Counts words the way the guard does. */
export function countWords (text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length
}

const words = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter((w) => w !== '')

/**
 * Whether a reply leaks the prompt: our data delimiters, or any run of `n`
 * consecutive words of the instruction text (a model talked into reciting
 * its instructions).
 */
export function leaksPrompt (text: string, instruction: string, n = 6): boolean {
  if (/<<<\s*DATA|DATA\s*>>>/i.test(text)) return true
  const reply = words(text)
  const known = runsOf(instruction, n)
  for (let i = 0; i + n <= reply.length; i++) {
    if (known.has(reply.slice(i, i + n).join(' '))) return true
  }
  return false
}

// The instruction is fixed, so its word runs are built once, not per reply; a
// set, so a reply is checked run by run rather than against every run.
const runs = new Map<string, ReadonlySet<string>>()
function runsOf (instruction: string, n: number): ReadonlySet<string> {
  const key = `${n}\0${instruction}`
  let found = runs.get(key)
  if (found === undefined) {
    const source = words(instruction)
    const all = new Set<string>()
    for (let i = 0; i + n <= source.length; i++) all.add(source.slice(i, i + n).join(' '))
    runs.set(key, found = all)
  }
  return found
}
