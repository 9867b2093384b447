import type { FoodItem } from '../../../../schemas/food.js'
import { Memo } from '../../memo.js'
import { readAmount, type Amount } from './amount.js'
import { createFoodLookup, headOf, type FoodLookup, type FoodMatch } from './lookup.js'
import { FOOD_COUNTS } from './lexicon.js'
import { rowWords, toItem, type PortionSize } from './item.js'
import { mealSegments } from './text.js'
import { countsNothing, explainsEach, namedFirst, genericDish, holdsWhatFollows, weighsWhole, namesHead, pluralFood, describesOnly, FILLED, framedOff, hasAmount, partOnly, placeOnly, restated, TOPPED, type Placed } from './parts.js'

/**
 * Foods recognized in a meal, the parts of the text that named no known food, and the texts of items
 * read as the nearest food to their head noun (their other words named no row).
 */
export interface MealParse { items: FoodItem[], unmatched: string[], near: string[] }

export type { PortionSize } from './item.js'

/** Options for a meal parse. */
export interface MealOptions {
  /** Overall portion size: it sizes only items given with no amount at all. */
  portionSize?: PortionSize | undefined
}

// A dish named over several soft-joined parts ("burrito with chicken and beans") is one food when one
// row explains this much of all their words; otherwise each part is its own item.
const WHOLE_DISH = 0.75
// Soft-joined parts tried as one dish, at most; a longer run is read part by part.
const MAX_SPAN = 6
// Items per meal, at most: the response schema's bound.
const MAX_ITEMS = 50
/** Builds a meal parser over a food lookup; the API uses {@link parseMeal}. */
export function createMealParser (lookup: Omit<FoodLookup, 'candidates'> = createFoodLookup()): (text: string, options?: MealOptions) => MealParse {
  return (text, options = {}) => {
    const items: FoodItem[] = []
    const unmatched: string[] = []
    const near: string[] = []
    const size = options.portionSize
    // A part that only restates the amount of an item already read replaces that item.
    const restate = (target: Placed | null, part: string, amount: Amount): boolean => {
      const item = target === null ? null : toItem(`${target.text}, ${part}`, target.found, amount, size)
      if (target === null || item === null) return false
      items[target.index] = item
      return true
    }
    let open: Placed | null = null
    // The item just read, which a following weight ("(180 g)") may restate.
    let previous: Placed | null = null
    // The first item of the segment before, whose dish a following weight ("chili with beans, 255 g") restates.
    let dish: Placed | null = null
    let firstOfSegment: Placed | null = null
    for (const parts of mealSegments(text)) {
      const segment = items.length
      dish = previous === null ? null : firstOfSegment
      firstOfSegment = null
      let i = 0
      while (i < parts.length && items.length < MAX_ITEMS) {
        parts[i] = framedOff(parts[i], lookup)
        // "a burrito loaded with …": the filling word says what follows is in the dish; it names nothing itself.
        const filling = FILLED.exec(parts[i])
        if (filling !== null) parts[i] = parts[i].slice(0, filling.index).trim()
        const amount = readAmount(parts[i])
        const first = lookup.words(amount.food)
        const last: Placed | null = open
        open = null
        // "no sugar", "sugar-free" after a comma: a modifier of the food before, which names no food itself.
        // A weight or volume said with a description ("a bagel, no butter, 90 g", "a lamb chop, broiled,
        // 100 g") restates the food it describes, as a bare one does, even when a count came first; not
        // when a food follows in its phrase ("4 g of boiled and salted peanuts", "200 g of a cold,
        // crisp lager"), which it weighs.
        const described: Placed | null = last ?? (weighsWhole(amount) && parts.length === 1 && !/\bof\b/.test(parts[i]) ? previous : null)
        if (first.length > 0 && first.every((w) => w.startsWith('no_') || w.endsWith('_free'))) {
          if (hasAmount(amount)) restate(described, parts[i], amount)
          i++
          continue
        }
        // "a thigh", "2 drumsticks": a countable that is also the food's name is the food.
        if (first.length === 0 && amount.unit !== null && FOOD_COUNTS.has(amount.unit.name)) {
          const named = lookup.find(lookup.words(amount.unit.name))
          const item = named === null ? null : toItem(parts[i], named, { ...amount, unit: null }, size)
          if (item !== null) { items.push(item); previous = null; dish = null; i++; continue }
        }
        if (first.length === 0) {
          // "olive oil, 2 tbsp", "a Big Mac (219 g)": a bare amount sizes the food before it, and a
          // weight or volume restates it even when a count came first. A part with words that sizes
          // nothing is reported, never dropped; one of only numbers or filler names nothing.
          const target: Placed | null = last ?? (amount.unit !== null && amount.unit.kind !== 'count' ? dish : null)
          // The size said with the food stays with it: "large pepperoni pizza, 3 slices" is three slices of a large one.
          const sized = target !== null && amount.size === null && target.size !== null ? { ...amount, size: target.size } : amount
          const weighs: boolean = hasAmount(amount) && restate(target, parts[i], sized)
          if (!weighs && amount.unit !== null && /\p{L}/u.test(parts[i])) unmatched.push(parts[i])
          // The item it sized is still the one just read: "a peanut butter sandwich, 80 g, regular peanut butter …" names it further.
          // A part of filler words only ("made") leaves it so too.
          if (weighs && target !== null) previous = { ...target, text: `${target.text}, ${parts[i]}`, amount: sized }
          else if (hasAmount(amount)) previous = null
          dish = null
          i++
          continue
        }
        // "pizza, 142 g, with a thin crust", "a sandwich (140 g) on a white bun": a part of a food said
        // apart from it names which row the food is, not another food; so does where it came from
        // ("fries (100 g) from a takeout place").
        if (previous !== null && (partOnly(parts[i], first) || (parts.length === 1 && placeOnly(amount)))) {
          const whole = lookup.find([...previous.found.words, ...first])
          const sized = hasAmount(amount) && amount.unit !== null && amount.unit.kind !== 'count' ? amount : previous.amount
          const item = whole === null || whole.confidence < previous.found.confidence ? null : toItem(`${previous.text}, ${parts[i]}`, whole, sized, size)
          if (item !== null) items[previous.index] = item
          i++
          continue
        }
        // The longest run of soft-joined parts that one row explains as a whole dish.
        let span = 1
        let found: FoodMatch | null = null
        // A dish is said with one amount: a later part with an amount of its own ("and 4 falafel") is another food.
        let reach = i + 1
        // After a food weighed as a whole, only a stated amount ("100 g of beans", "a can of …"), not an
        // article ("with a chocolate coating"), starts another food.
        const weighed = weighsWhole(amount)
        const another = (part: string): boolean => {
          const said = readAmount(part)
          // A size alone ("with regular peanut butter") describes; it counts nothing.
          return weighed ? /\d/.test(part) || said.unit !== null || said.measure !== null : said.quantity !== null || said.unit !== null
        }
        while (reach < parts.length && reach < i + MAX_SPAN && !another(parts[reach])) reach++
        for (let j = reach; j > i + 1; j--) {
          const later = parts.slice(i + 1, j)
          const whole = lookup.find([...first, ...later.flatMap((p) => lookup.words(p))])
          if (whole !== null && whole.confidence >= WHOLE_DISH && namedFirst(first, whole, lookup) && explainsEach(later, whole, lookup) && !pluralFood(amount, first, whole, lookup)) { found = whole; span = j - i; break }
        }
        // A filled dish no row explains whole is the row best named by all its words that the dish's own
        // part names ("burrito meat beans rice" → a burrito row with meat), or else its own part's row.
        if (found === null && filling !== null && reach > i + 1) {
          const all = lookup.find([...first, ...parts.slice(i + 1, reach).flatMap((p) => lookup.words(p))])
          // The row is the dish's kind: its head noun is said in the dish's part ("Enchilada sauce" is no enchilada).
          if (all !== null && first.includes(lookup.words(headOf(all.food.description)).at(-1) ?? '')) { found = all; span = reach - i }
        }
        // Tried after the whole run, which may be a dish named by such a word ("hot and sour soup").
        if (found === null && describesOnly(amount)) {
          // "chicken breast, grilled, 150 g": a weight said with the description sizes the food it describes.
          if (hasAmount(amount)) restate(described, parts[i], amount)
          open = last
          i++
          continue
        }
        found ??= lookup.find(first, amount) ??
          // A food said with a measured amount is food even when its words are not all known: its head's row, trusted less.
          ((amount.unit !== null || amount.measure !== null) ? lookup.nearest(first, amount) : null)
        // Later parts whose head noun the row's name already says are the dish's own, not more food:
        // "2 hard tacos with ground beef" is 58102010 Taco, corn tortilla, beef, cheese, not tacos and
        // 85 g of raw ground beef. A part with an amount of its own (beyond `reach`) is another food.
        if (found !== null) {
          const { name } = rowWords(found.food)
          const madeOf = (part: string): boolean => name.has(lookup.words(part).at(-1) ?? '')
          while (i + span < reach && madeOf(parts[i + span])) span++
          // A food weighed as a whole ("148 g of instant oatmeal made with water and some fat", "151 g
          // of pizza topped with meats") is all that weight: the pieces joined to it without an amount
          // of their own say what it is made with, and are no more food.
          // So is a dish said to be filled ("a burrito loaded with chicken, beans, rice, and sour cream"):
          // what it holds is in the dish, not beside it.
          // A topping no row names with the dish ("pancakes topped with syrup") is a food of its own.
          if (weighed || (filling !== null && !TOPPED.test(filling[0]))) span = Math.max(span, reach - i)
        }
        // "a sandwich with a 70 g tortilla and 30 g of ham": a dish that only a generic row names, said
        // with no amount of its own and made with weighed foods, is those foods; it is not counted again.
        if (found !== null && genericDish(parts[i], amount, found) && i + span < parts.length && weighsWhole(readAmount(parts[i + span]))) { i += span; continue }
        const phrase = parts.slice(i, i + span).join(' ').replace(/halfnhalf/g, 'half and half')
        const item = found === null ? null : toItem(phrase, found, amount, size)
        const madeInto: Placed | null = i === 0 && !parts.some((p) => /\d/.test(p)) && previous !== null && previous.index < segment && holdsWhatFollows(previous) && countsNothing(amount) && amount.size === null ? previous : null
        if (item === null || found === null) { unmatched.push(phrase); previous = null } else if (restated(previous, segment, found, amount, parts[i])) {
          // The part names the dish said just before more fully: it is that dish, not a second one, with
          // the amount whichever of the two said it.
          const said: Placed = previous
          const stated = countsNothing(amount) ? said.amount : amount
          items[said.index] = toItem(`${said.text} ${phrase}`, found, stated, size) ?? item
          previous = { index: said.index, text: `${said.text} ${phrase}`, found, size: said.size, amount: stated }
        } else if (madeInto !== null) {
          // "200 g of roast lamb, carrots, and peas": after a food weighed as a whole, a food said apart
          // with no amount of its own is what that food is made of; the weight was said for all of it.
          // A row that names the food with it, as well as the food did, is the food's row.
          const { words } = madeInto.found
          const whole = lookup.find([...words, ...lookup.words(amount.food)], madeInto.amount)
          const text = `${madeInto.text}, ${phrase}`
          const names = whole !== null && whole.food !== madeInto.found.food && whole.confidence >= Math.max(WHOLE_DISH, madeInto.found.confidence) &&
            explainsEach([amount.food], whole, lookup) && namedFirst(words, whole, lookup) && namesHead(words, whole, lookup)
          const read = names ? toItem(text, whole, madeInto.amount, size) : null
          if (whole !== null && read !== null) [items[madeInto.index], previous] = [read, { ...madeInto, text, found: whole }]
        } else {
          const placed = { index: items.length, text: phrase, found, size: amount.size, amount }
          // A food said with no amount, or only a size ("a large pizza"), can be counted by the next part.
          if (countsNothing(amount)) open = placed
          previous = placed
          firstOfSegment ??= placed
          items.push(item)
          if (found?.near === true) near.push(phrase)
        }
        i += span
      }
    }
    return { items, unmatched, near }
  }
}

// Built on first use, or by warmMealIndex while the app is built, not at import.
let parser: ((text: string, options?: MealOptions) => MealParse) | undefined
let lookup: FoodLookup | undefined

/** The food lookup the meal parser reads with (search ranks by it too, so a search and a meal text agree). */
export function mealLookup (): FoodLookup {
  lookup ??= createFoodLookup()
  return lookup
}

// People log the same meal text again and again ("2 eggs and toast"); a parse is a pure function of
// the text and the portion size, and reading the text (two dozen patterns) was most of a repeated
// parse. Bounded, and frozen so that no caller can change an answer another caller will get.
const PARSES_KEPT = 2000
const parses = new Memo<MealParse>(PARSES_KEPT)

function frozen (parse: MealParse): MealParse {
  for (const item of parse.items) Object.freeze(item)
  Object.freeze(parse.items)
  Object.freeze(parse.unmatched)
  Object.freeze(parse.near)
  return Object.freeze(parse)
}

/** Parses free meal text into matched food items and unmatched parts; never guesses an unknown food. The result is frozen. */
export function parseMeal (text: string, options?: MealOptions): MealParse {
  return parses.get(`${options?.portionSize ?? ''}\0${text}`, () => {
    parser ??= createMealParser(mealLookup())
    return frozen(parser(text, options))
  })
}

/** Builds the food index now, so the first meal logged does not pay for it. */
export function warmMealIndex (): void {
  parser ??= createMealParser(mealLookup())
}
