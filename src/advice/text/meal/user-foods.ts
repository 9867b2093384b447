import type { FoodItem } from '../../../../schemas/food.js'
import { nutrientsFrom, type Nutrients } from '../../../../schemas/nutrients.js'
import { round } from '../../facts/round.js'

// A user's own foods in a meal text. Each name and alias is matched as a whole phrase: only an amount,
// "my" and words that frame a meal ("I had", "for lunch") may stand beside it, so "banana" is not
// found in "banana bread" nor "protein shake" in "chocolate protein shake". The matched phrases, with
// their amounts, are cut out of the text; what is left is read by the FNDDS reader as any meal is.

/** A user's food as the matcher needs it: plain data, no storage. */
export interface MatchableFood {
  id: string
  name: string
  aliases: readonly string[]
  serving: { description: string, grams: number }
  per_serving: { kcal: number, protein_g: number | null, carbs_g: number | null, fat_g: number | null } & Nutrients
}

/** A meal text in order: the items read as the user's foods, and the text between them. */
export type UserFoodPiece = { item: FoodItem } | { text: string }

/** The user's foods, indexed once for reading many meal texts. */
export interface UserFoodIndex {
  readonly size: number
  /** The foods it was built from, in the order given. */
  readonly foods: readonly MatchableFood[]
  /** The text split into the user's foods and the rest, in text order. */
  read (text: string): UserFoodPiece[]
}

interface Token { word: string, start: number, end: number, sep: boolean }
interface Phrase { words: string[], food: MatchableFood }

/**
 * A name's comparison key: lower case, accents folded, a possessive 's and other punctuation dropped,
 * spacing collapsed and a leading "my" removed. Names are unique per user by this key, so two names
 * the matcher cannot tell apart cannot both be saved.
 */
export function nameKey (name: string): string {
  return words(name).filter((w, i) => !(i === 0 && w === 'my')).join(' ')
}

const words = (text: string): string[] => tokenize(text).filter((t) => !t.sep).map((t) => t.word)

const SEPARATOR_WORDS: ReadonlySet<string> = new Set(['and', 'with', 'plus', 'then', 'or', 'w/'])
// Words that frame a meal rather than modify a food: they may stand just before or after a name.
const FRAME: ReadonlySet<string> = new Set([
  'i', 'we', 'he', 'she', 'they', 'you', 'had', 'have', 'has', 'having', 'ate', 'eat', 'eaten', 'eating', 'drank', 'drink', 'drinking',
  'made', 'make', 'grabbed', 'got', 'finished', 'just', 'also', 'some', 'for', 'after', 'before', 'at', 'in', 'on', 'as', 'this', 'that',
  'today', 'tonight', 'yesterday', 'morning', 'afternoon', 'evening', 'breakfast', 'brunch', 'lunch', 'dinner', 'supper', 'snack', 'again', 'too'
])
const COUNT_WORDS: Readonly<Record<string, number>> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, half: 0.5, quarter: 0.25, third: 1 / 3
}
const SERVING_WORDS: ReadonlySet<string> = new Set(['serving', 'portion', 'helping'])
const MASS_GRAMS: Readonly<Record<string, number>> = { g: 1, gram: 1, grams: 1, kg: 1000, oz: 28.349523125, ounce: 28.349523125, ounces: 28.349523125, lb: 453.59237, lbs: 453.59237 }

/** Words, numbers and separators with their offsets; a possessive 's and accents dropped from words. */
function tokenize (text: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(/\d+(?:[./]\d+)?|w\/|[\p{L}\p{N}'’]+|[,;:!?()+&\n]|\.(?!\d)/gu)) {
    const raw = m[0]
    const start = m.index
    // "&" is said as "and": a separator between foods, a word inside a name ("mac & cheese").
    const sep = /^[,;:!?()+\n.]$/.test(raw)
    const word = raw === '&' ? 'and' : sep ? raw : raw.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/['’]s$/u, '').replace(/['’]/gu, '')
    if (word !== '') out.push({ word, start, end: start + raw.length, sep })
  }
  return out
}

const singular = (w: string): string => w.endsWith('s') && w.length > 3 ? w.slice(0, -1) : w

/** Whether a text word says a name's word: the same, or with a plural or possessive s ("moms" for "mom's"). */
function says (text: string, name: string, last: boolean): boolean {
  return text === name || text === `${name}s` || (last && text === `${name}es`)
}

function numberOf (word: string): number | undefined {
  if (word in COUNT_WORDS) return COUNT_WORDS[word]
  // A vulgar fraction ("½") reads as 1⁄2 once folded; its slash is the fraction slash.
  const fraction = /^(\d+)[/⁄](\d+)$/.exec(word)
  if (fraction !== null) return Number(fraction[2]) === 0 ? undefined : Number(fraction[1]) / Number(fraction[2])
  return /^\d+(?:\.\d+)?$/.test(word) ? Number(word) : undefined
}

/** The serving's own count and unit: "1 scoop (30 g)" is 1 scoop, "2 cookies" 2 cookies, "1 serving" 1 serving. */
function servingUnit (description: string): { count: number, unit: string } | undefined {
  const [first, second] = words(description)
  const count = first === undefined ? undefined : numberOf(first)
  return count === undefined || count <= 0 || second === undefined ? undefined : { count, unit: singular(second) }
}

const MAX_GRAMS = 50000
const FRACTIONS: ReadonlySet<string> = new Set(['half', 'quarter', 'third'])

/** How much of a food the words before its name say, and where they start; undefined when they are not an amount. */
function amountBefore (tokens: Token[], at: number, food: MatchableFood): { servings: number, quantity: number, unit: string, from: number } | undefined {
  let i = at - 1
  const word = (k: number): string | undefined => k >= 0 ? tokens[k].word : undefined
  const skip = (...ws: string[]): boolean => {
    const w = word(i)
    if (w !== undefined && ws.includes(w)) { i--; return true }
    return false
  }
  skip('my', 'our', 'the')
  skip('a', 'an')
  skip('of')
  let servings = 1
  let quantity = 1
  let unit = food.serving.description
  const said = word(i)
  const own = servingUnit(food.serving.description)
  const mass = said === undefined ? undefined : MASS_GRAMS[said]
  const counted = said !== undefined && (SERVING_WORDS.has(singular(said)) || (own !== undefined && singular(said) === own.unit))
  if (mass !== undefined || counted) {
    // "2 servings of", "200 g of", "3 scoops of": a number, or an article, before the unit.
    i--
    const n = word(i) === undefined ? undefined : numberOf(word(i) as string)
    if (n !== undefined) i--
    else if (mass !== undefined) return undefined
    const count = n ?? 1
    if (mass !== undefined) {
      quantity = count
      unit = said === 'gram' || said === 'grams' ? 'g' : said as string
      servings = count * mass / food.serving.grams
    } else {
      servings = SERVING_WORDS.has(singular(said as string)) ? count : count / (own?.count ?? 1)
      quantity = servings
    }
  } else if (said !== undefined && numberOf(said) !== undefined) {
    servings = numberOf(said) as number
    quantity = servings
    i--
  }
  // "1 1/2 servings": a whole number before a written fraction adds to it.
  const whole = word(i)
  if (/[/⁄]/.test(tokens[i + 1]?.word ?? '') && whole !== undefined && /^\d+$/.test(whole)) {
    servings += Number(whole)
    quantity += Number(whole)
    i--
  }
  // "half a serving of", "a quarter of": a fraction word before an article or a count of one.
  const fraction = FRACTIONS.has(word(i) ?? '') ? numberOf(word(i) ?? '') : undefined
  if (servings === quantity && quantity === 1 && /^(a|an|one)$/.test(tokens[i + 1]?.word ?? '') && fraction !== undefined) {
    servings = fraction
    quantity = servings
    i--
  } else if (FRACTIONS.has(tokens[i + 1]?.word ?? '')) {
    // "a half", "a quarter": the article is the fraction's.
    skip('a', 'an')
  }
  const before = i >= 0 ? tokens[i] : undefined
  if (before !== undefined && !before.sep && !SEPARATOR_WORDS.has(before.word) && !FRAME.has(before.word)) return undefined
  // An amount heavier than 50 kg is a typo or a test, not a meal: left to the reader, which reports it.
  if (!(servings > 0 && servings * food.serving.grams <= MAX_GRAMS)) return undefined
  return { servings, quantity, unit, from: tokens[i + 1].start }
}

function itemOf (food: MatchableFood, text: string, amount: { servings: number, quantity: number, unit: string }): FoodItem {
  const n = amount.servings
  const scaled = (v: number | null): number | null => v === null ? null : round(v * n, 1)
  const ps = food.per_serving
  return {
    text,
    food: food.name,
    quantity: round(amount.quantity, 2),
    unit: amount.unit,
    grams: round(food.serving.grams * n, 1),
    kcal: round(ps.kcal * n, 1),
    protein_g: scaled(ps.protein_g),
    carbs_g: scaled(ps.carbs_g),
    fat_g: scaled(ps.fat_g),
    nutrients: nutrientsFrom((key) => scaled(ps[key])),
    confidence: 1,
    source: `user food ${food.id}`
  }
}

/** Indexes a user's foods by the first word of each name and alias, longest phrase first. */
export function createUserFoodIndex (foods: readonly MatchableFood[]): UserFoodIndex {
  const byFirst = new Map<string, Phrase[]>()
  for (const food of foods) {
    for (const name of [food.name, ...food.aliases]) {
      const phrase = nameKey(name).split(' ').filter((w) => w !== '')
      if (phrase.length === 0) continue
      const list = byFirst.get(phrase[0]) ?? []
      list.push({ words: phrase, food })
      byFirst.set(phrase[0], list)
    }
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length)
  const lookup = (word: string): Phrase[] | undefined => byFirst.get(word) ?? (word.endsWith('s') ? byFirst.get(word.slice(0, -1)) : undefined)

  function read (text: string): UserFoodPiece[] {
    const tokens = tokenize(text)
    const pieces: UserFoodPiece[] = []
    let rest = 0
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i].sep) continue
      for (const phrase of lookup(tokens[i].word) ?? []) {
        const end = i + phrase.words.length
        if (end > tokens.length || !phrase.words.every((w, k) => says(tokens[i + k].word, w, k === phrase.words.length - 1))) continue
        const after = tokens[end]
        if (after !== undefined && !after.sep && !SEPARATOR_WORDS.has(after.word) && !FRAME.has(after.word)) continue
        const amount = amountBefore(tokens, i, phrase.food)
        if (amount === undefined || amount.from < rest) continue
        const said = text.slice(amount.from, tokens[end - 1].end)
        if (text.slice(rest, amount.from).trim() !== '') pieces.push({ text: text.slice(rest, amount.from) })
        pieces.push({ item: itemOf(phrase.food, said, amount) })
        rest = tokens[end - 1].end
        i = end - 1
        break
      }
    }
    if (text.slice(rest).trim() !== '') pieces.push({ text: text.slice(rest) })
    return pieces
  }

  return { size: foods.length, foods, read }
}
