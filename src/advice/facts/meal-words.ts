const SMALL_NUMBERS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve']
const NUMBER = `(?:\\d+(?:\\.\\d+)?|${SMALL_NUMBERS.join('|')})`

function numberValue (word: string): number {
  const i = SMALL_NUMBERS.indexOf(word)
  return i >= 0 ? i + 1 : Number(word)
}

// Order matters: "half a dozen" before "dozen", "a couple of" before the bare "a" rule in cleanPart.
// Policy: "a few" and "several" both mean 3; "a couple" means 2.
const QUANTITY_WORDS: ReadonlyArray<[RegExp, string | ((...m: string[]) => string)]> = [
  [new RegExp(`\\b(${NUMBER}) and (?:a half|1/2|½)\\b`, 'g'), (_m, n) => String(numberValue(n) + 0.5)],
  [/\bhalf (?:a |an )?dozen\b/g, '6'],
  [new RegExp(`\\b(${NUMBER}) dozen\\b`, 'g'), (_m, n) => String(numberValue(n) * 12)],
  [/\b(?:an? )?dozen\b/g, '12'],
  [/\b(?:a )?couple(?: of)?\b/g, '2'],
  [/\b(?:a )?few\b/g, '3'],
  [/\bseveral\b/g, '3'],
  [/\b(?:an?|one)[ -]half(?: of)?(?: an?\b| the\b)?/g, '0.5'],
  [/\bhalf(?: of)?(?: an?\b| the\b)?/g, '0.5'],
  [/\b(?:an?|one) quarter(?: of)?(?: an?\b| the\b)?/g, '0.25'],
  [new RegExp(`\\b(${SMALL_NUMBERS.join('|')})\\b`, 'g'), (_m, n) => String(numberValue(n))]
]

// Said around a meal but naming no food; removed before splitting so "i had" never reaches the matcher.
const FILLERS = [
  /\b(?:i|we)(?: just| also)? (?:have |'ve )?(?:had|ate|eaten|drank|drunk|got)\b/g,
  /\bi've (?:had|eaten)\b/g,
  /\b(?:had|ate|eaten|drank|eating|drinking|having)\b/g,
  /\bfor (?:my )?(?:breakfast|brunch|lunch|dinner|supper|dessert|(?:a )?snack)\b/g,
  /\b(?:at|around) (?:breakfast|lunch|dinner|noon)\b/g,
  /\b(?:today|tonight|yesterday|this (?:morning|afternoon|evening))\b/g,
  /\ba (?:little )?bit of\b/g,
  /\b(?:a little|some|just|only|approximately|approx|about|around|roughly)\b/g
]

/** Words naming the meal or nothing; a part made only of these is dropped, not reported as unmatched. */
export const LONE_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'of', 'my', 'it', 'that', 'this', 'too', 'well', 'as', 'also', 'more', 'then', 'in', 'on', 'me',
  'breakfast', 'brunch', 'lunch', 'dinner', 'supper', 'snack', 'dessert', 'meal', 'food', 'something'
])

/** Adjectives that do not change which food it is, so a contained alias may ignore them. */
export const MODIFIERS: ReadonlySet<string> = new Set([
  'fresh', 'plain', 'homemade', 'home', 'made', 'hot', 'cold', 'warm', 'iced', 'chilled', 'little', 'delicious',
  'tasty', 'yummy', 'organic', 'leftover', 'sliced', 'chopped', 'diced', 'ripe', 'whole', 'regular', 'normal',
  'simple', 'nice', 'good', 'big', 'small', 'medium', 'large', 'extra', 'piece', 'pieces', 'bowl', 'cup', 'glass',
  'mug', 'serving', 'portion', 'side', 'freshly', 'lightly', 'lean', 'sized', 'size', 'handful', 'slice', 'scoop',
  'fillet', 'stick', 'clove', 'strip', 'rasher', 'spear', 'wedge'
])

/** Cooking words: kept when an alias names them ("scrambled eggs"), else dropped to reach the base food. */
export const COOKING: ReadonlySet<string> = new Set([
  'grilled', 'fried', 'scrambled', 'boiled', 'baked', 'roasted', 'roast', 'steamed', 'raw', 'poached', 'sauteed',
  'sautéed', 'toasted', 'broiled', 'stir', 'pan', 'deep', 'cooked', 'smoked', 'hard', 'soft', 'microwaved', 'barbecued', 'bbq', 'mashed'
])

const SEPARATOR = /\s*(?:[,;&+\n]|\.(?=\s|$)|\bw\/|\b(?:and|with|plus|then|also|alongside|on|in)\b)\s*/
const SEPARATOR_WORDS = /(?:^\d|[,;&+]|\b(?:and|with|plus|then|also|on|in)\b)/

function escape (s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Lower-cases, folds hyphens and curly quotes, and trims the sentence punctuation users add. */
export function normalize (text: string): string {
  return text.toLowerCase().replace(/[‘’]/g, "'").replace(/(?<=[a-z])-(?=[a-z])/g, ' ')
    .replace(/[!?"()]/g, ' ').replace(/\s+/g, ' ').trim()
}

/** Finds the aliases that a naive split would break ("mac and cheese", "2% milk"), longest first. */
export function protectedAliases (aliases: Iterable<string>): string[] {
  return [...new Set([...aliases].map(normalize).filter((a) => SEPARATOR_WORDS.test(a)))]
    .sort((a, b) => b.length - a.length)
}

function token (i: number): string {
  // Letters only, so parse-ingredient never reads the placeholder as a number or unit.
  return `qzq${String(i).replace(/\d/g, (d) => 'abcdefghij'[Number(d)])}qzq`
}

/** One part of a meal: `raw` keeps protected aliases as placeholders for the amount parser; `restore` undoes them. */
export interface MealPart { raw: string, text: string }

/** Splits a meal into its parts, keeping whole every protected alias, and rewrites number words as digits. */
export function splitMeal (text: string, guarded: readonly string[]): { parts: MealPart[], restore: (s: string) => string } {
  let s = ` ${normalize(text)} `
  const kept: string[] = []
  for (const alias of guarded) {
    s = s.replace(new RegExp(`(?<![\\w%])${escape(alias)}(?:e?s)?(?![\\w%])`, 'g'), (m) => ` ${token(kept.push(m) - 1)} `)
  }
  for (const filler of FILLERS) s = s.replace(filler, ' ')
  for (const [pattern, to] of QUANTITY_WORDS) s = s.replace(pattern, to as string)
  const restore = (t: string): string => t.replace(/qzq([a-j]+)qzq/g, (_m, code: string) =>
    kept[Number(code.replace(/[a-j]/g, (c) => String(c.charCodeAt(0) - 97)))])
  const parts = s.split(SEPARATOR)
    .map((part) => part.replace(/[.:]+$/, '').replace(/\s+/g, ' ').trim())
    .filter((part) => part.length > 0)
    .map((raw) => ({ raw, text: restore(raw) }))
  return { parts, restore }
}

/** Rewrites a leading "a"/"an" as 1 and drops a leading "of", so "a slice of toast" reads "1 slice of toast". */
export function leadingArticle (part: string): string {
  return part.replace(/^(?:of |the |my )+/, '').replace(/^an? (?=\d)/, '').replace(/^an? (?=\S)/, '1 ')
}

/** Singular form used to compare words, applied alike to the text and the aliases ("berries" ~ "berry"). */
export function singular (word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`
  if (word.length > 4 && /(?:oes|ches|shes|xes)$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1)
  return word
}

/** Words of a description, without punctuation that carries no meaning. */
export function words (text: string): string[] {
  return normalize(text).replace(/[,;:.]+/g, ' ').split(' ').filter((w) => w.length > 0)
}

/** Whether a word names no food by itself: a filler, modifier or cooking word, in any number. */
export function ignorable (word: string): boolean {
  return [word, singular(word)].some((w) => LONE_WORDS.has(w) || MODIFIERS.has(w) || COOKING.has(w))
}
