import { unitOf, type Amount } from './amount.js'
import { tokens } from '../tokens.js'
import { headOf, type FoodLookup, type FoodMatch } from './lookup.js'
import { CHAINS, COMPONENT_MODIFIERS, COMPONENTS, OCCASION, PREPARATION, SEASONINGS } from './lexicon.js'
import { rowWords } from './item.js'

// What a part of a meal text is, read before and beside the lookup: an amount, a description of the
// food before it, a part of a food, a filling word, the words that frame an item, a restated dish.

// Volumes people measure rather than serve: "250 ml of …" is weighed like grams; "a cup of …" is a serving.
export const METRIC_VOLUMES: ReadonlySet<string> = new Set(['ml', 'cl', 'dl', 'l'])
/** Whether a part's words only describe the food before it: preparation words, and seasonings said without a weight. */
export const describesOnly = (amount: Amount): boolean => {
  const words = tokens(amount.food)
  const weighed = amount.unit?.kind === 'mass'
  return words.length > 0 && words.every((w) => PREPARATION.has(w) || (!weighed && SEASONINGS.has(w)))
}
/** Whether a part only names a part of a food ("a thin crust"), with no amount of its own. */
export const partOnly = (part: string, words: readonly string[]): boolean => !/\d/.test(part) && COMPONENTS.has(words.at(-1) ?? '') &&
  words.slice(0, -1).every((w) => COMPONENT_MODIFIERS.has(w) || PREPARATION.has(w))
// Words that say only where a food came from: "(from) a takeout place", "a restaurant".
const PLACES: ReadonlySet<string> = new Set(['from', 'restaurant', 'fast', 'food', 'place', 'chain', 'joint', 'takeout', 'drive', 'thru', 'through'])
/** Whether a part only says where the food before it came from, with no amount of its own ("from a restaurant"). */
export const placeOnly = (amount: Amount): boolean => {
  const words = tokens(amount.food)
  return words.some((w) => w !== 'from' && w !== 'food') && words.every((w) => PLACES.has(w)) && amount.unit === null && amount.measure === null && (amount.quantity ?? 1) === 1
}
// A dish part that ends on a filling word: the soft-joined parts after it are what fills it.
export const FILLED = /\b(?:filled|stuffed|loaded|topped|covered)$/
export const TOPPED = /topped|covered/

/** An item read: where it is in the list, the words it was read from, its row and its amount. */
export interface Placed { index: number, text: string, found: FoodMatch, size: Amount['size'], amount: Amount }

/** Whether an amount counts nothing: no count, unit or measure (a size word alone, "regular", counts nothing). */
export const countsNothing = (a: Amount): boolean => a.quantity === null && a.unit === null && a.measure === null

/**
 * Whether an amount weighs the food as a whole: a mass, or a volume people measure ("250 ml"); or a
 * metric one as the measure of one serving ("a 150 g portion of …"), where "a 4 oz container" is a
 * package size.
 */
export const weighsWhole = (a: Amount): boolean =>
  (a.unit !== null && (a.unit.kind === 'mass' || METRIC_VOLUMES.has(a.unit.name))) ||
  (a.measure !== null && METRIC.has(a.measure.unit.name) && (a.quantity ?? 1) === 1)
const METRIC: ReadonlySet<string> = new Set(['g', 'kg', ...METRIC_VOLUMES])

/** Whether a part names a dish that only a generic (NFS) row names, said with an article and no other amount ("a wrap"). */
export const genericDish = (part: string, amount: Amount, found: FoodMatch): boolean =>
  /\bNFS\b/.test(found.food.description) && /^(?:an?|one) \D*$/.test(part) && amount.unit === null && amount.measure === null && (amount.quantity ?? 1) === 1

/**
 * Whether an item was weighed whole as a sentence says it ("200 g of lamb", "a 300 g bowl of …", "lamb,
 * 200 g"), so that foods said after it with no amount are what it holds; an app-style list ("150g
 * chicken, rice, broccoli") names each food.
 */
export const holdsWhatFollows = (placed: Placed): boolean =>
  placed.found.words.length > 0 && /\bof\b|^(?:an?|one) |, \d/.test(placed.text) && weighsWhole(placed.amount)

/** Whether an amount says anything: a count, a unit or a size. */
export const hasAmount = (a: Amount): boolean => a.quantity !== null || a.unit !== null || a.size !== null

/**
 * Whether a food restates the dish read just before it in the same segment, naming it more fully: its
 * head is the dish's or part of it ("Cheese sandwich" of "Grilled cheese sandwich"), and one of the two
 * says the amount: "a peanut butter and jelly sandwich with 150 g of regular peanut butter and jelly on
 * wheat", "a peanut butter sandwich, 80 g, regular peanut butter on white bread".
 */
export function restated (previous: Placed | null, segment: number, found: FoodMatch, amount: Amount, part = ''): previous is Placed {
  if (previous === null) return false
  const counted = previous.amount
  // Weighed right after a dish counted only by its article, in its phrase or the next one: "a muffin,
  // 110 g of blueberry muffin", "an apple, 150 g of apple" name that one food and weigh it.
  // A food said with an article of its own after a comma is another one ("a candy bar, and a small 15 g one").
  const weighs = (previous.index >= segment || (previous.index === segment - 1 && !/^(?:an?|one)\b/.test(part))) && counted.unit === null && counted.measure === null && (counted.quantity ?? 1) === 1 && amount.unit?.kind === 'mass'
  // The same row again ("apple, apple") is the food twice, not the dish named more fully, unless it weighs it.
  if (found.food === previous.found.food) return weighs && previous.index === segment - 1
  const dish = new Set(tokens(headOf(previous.found.food.description)))
  if (!tokens(headOf(found.food.description)).every((w) => dish.has(w))) return false
  // Said with no amount (a size word alone, "regular", counts nothing), it restates the dish even after
  // a comma ("a peanut butter sandwich, 80 g, regular peanut butter"), unless its row is USDA's generic
  // one, which says less than the dish did ("whole milk, … milk").
  if (countsNothing(amount)) return !/\bNFS\b/.test(found.food.description)
  return weighs
}

// An item is said as a noun phrase that opens with an article or an amount; words before it that
// name no food on their own say what happened ("lunch consists of a roll", "took out a bag of chips").
export function framedOff (part: string, lookup: Pick<FoodLookup, 'words' | 'find' | 'knows'>): string {
  // After an opening amount, a later number is that item's weight ("a fried egg that weighs 30 g").
  const start = (/^(?:an?|one|the|\d)/.test(part) ? /\s(?:an?|one)\s/ : /\s(?:an?|one|\d+)\b/).exec(part)
  if (start === null) return part
  const said = part.slice(0, start.index)
  // An amount before it ("152 g of a fruit drink", "slice of a large pizza") is the item's own.
  const unit = /(\S+) of$/.exec(said)
  // A weight after a comma ("fondant, 2 grams") restates the food before it, whatever that food is.
  if (/\d/.test(said) || /,$/.test(said) || (unit !== null && unitOf(unit[1]) !== null)) return part
  // Words the index does not know as written ("picked", "consists") are not food, whatever they are near.
  const known = tokens(said).filter((w) => !OCCASION.has(w) && lookup.knows(w))
  const before = lookup.words(known.join(' '))
  return before.length === 0 || lookup.find(before) === null ? part.slice(start.index + 1) : part
}

/**
 * Whether words say a row's head noun: the word that ends its head, or ends one of its alternatives
 * ("Taco or tostada"). Taken from the words as written: the lookup drops words of the occasion, and
 * "dinner" is one ("… meatballs dinner").
 */
export function namesHead (words: readonly string[], found: FoodMatch, lookup: Pick<FoodLookup, 'words'>): boolean {
  return headOf(found.food.description).split(/\s+or\s+/).some((alternative) => {
    const last = tokens(alternative).at(-1)
    return last !== undefined && words.includes(lookup.words(last).at(-1) ?? last)
  })
}

/**
 * A run whose first part names a food in the plural ("2 eggs", "eggs", "three pancakes") and whose
 * row's head noun that part does not say is other foods met by chance: "eggs and toast" spells
 * 51119040 "Bread, egg, Challah, toasted", "3 pancakes and syrup" 91300100 "Pancake syrup",
 * "meatballs and spaghetti" 58304010 "Spaghetti and meatballs dinner, NFS, frozen meal". A plural
 * names whole things, where a modifier is singular ("egg bread"); so a dish named by its last word
 * ("2 beef and cheese burritos"), or headed by the plural food ("2 biscuits and gravy", Biscuit
 * with gravy; "beans and rice"), stays whole, and so does a row whose name, synonyms or aliases say
 * the words as they were joined ("cookies and cream ice cream", an alias of 13110102). A measured
 * run ("2 cups of beans and rice") is one dish.
 */
export function pluralFood (amount: Amount, first: readonly string[], found: FoodMatch, lookup: Pick<FoodLookup, 'words'>): boolean {
  if (amount.unit !== null) return false
  const plural = /[\p{L}'-]+$/u.exec(amount.food)?.[0].toLowerCase()
  if (plural === undefined || !plural.endsWith('s') || tokens(plural)[0] === plural) return false
  const row = [found.food.description, ...found.food.synonyms, ...found.food.aliases].join('; ').toLowerCase()
  if (row.includes(`${plural} and `)) return false
  return !namesHead(first, found, lookup)
}

const CHAIN_NAME = new RegExp(`\\b(?:${CHAINS.join('|')})\\b`, 'g')
// Heads that make a food another product: a cereal bar is no cereal, a cheese stick no cheese.
const PRODUCT_FORMS: ReadonlySet<string> = new Set(['bar', 'stick'])

/**
 * Whether a dish read over several parts is named in its first part by the row's own name or one of
 * our aliases, not only by the source's synonyms: "a hot dog with mustard" spelled 75503020 "Relish,
 * pickle" through its additional description ("relish, NFS; sweet; mustard; hot dog"). A chain's name
 * in an alias names no food: "burger and fries" is no "Potato, french fries, fast food", whose alias
 * "burger king fries" says "burger" only as the chain's.
 */
export function namedFirst (first: readonly string[], found: FoodMatch, lookup: Pick<FoodLookup, 'words'>): boolean {
  const { name } = rowWords(found.food)
  if (first.some((w) => name.has(w))) return true
  // Per row, once: the dish checks ask this of the same few rows for every run of parts tried.
  let aliased = aliasWords.get(found.food)
  if (aliased === undefined) {
    aliased = new Set(found.food.aliases.flatMap((alias) => lookup.words(alias.replace(CHAIN_NAME, ' '))))
    aliasWords.set(found.food, aliased)
  }
  const words = aliased
  return first.some((w) => words.has(w))
}
const aliasWords = new WeakMap<FoodMatch['food'], ReadonlySet<string>>()
const headWord = new WeakMap<FoodMatch['food'], string>()

/**
 * Whether each later part of a dish read whole says something of that row: "a pbj sandwich and milk"
 * is 83 % peanut butter and jelly sandwich by word weight, but the row says nothing of the milk, which
 * would vanish from the meal. A row whose head is a product form the text never says ("Milk 'n Cereal
 * bar") is another product: "cereal with milk" is no cereal bar.
 */
export function explainsEach (later: readonly string[], found: FoodMatch, lookup: Pick<FoodLookup, 'words'>): boolean {
  const { said } = rowWords(found.food)
  let head = headWord.get(found.food)
  if (head === undefined) {
    head = tokens(headOf(found.food.description)).at(-1) ?? ''
    headWord.set(found.food, head)
  }
  const form = PRODUCT_FORMS.has(head) && !found.words.includes(head)
  return !form && later.every((part) => lookup.words(part).some((w) => said.has(w)))
}
