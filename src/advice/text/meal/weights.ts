// Where a weight said in a meal text goes, when the words around it move it: to a food put on another
// weighed food, or to each food of a list weighed "respectively". Linear patterns, as in text.ts.

/** An item phrase opens with an article or an amount. */
export const ITEM_START = /^(?:an?|one)\b|\d/
/** Metric and US weights and volumes, as people write them after a number. */
export const METRIC = '(?:g|gr|gm|gms|grams?|kg|kgs|kilos?|kilograms?|oz|ounces?|ml|mls|millilit(?:er|re)s?|l|lit(?:er|re)s?)'

// "12 g of jam on 40 g of toast", "a spoon of sugar stirred into 250 ml of green tea": a food put on, in or
// into a food weighed on its own is two items, each with its own weight; the verb says how, not what.
// A verb said with no food before it ("and tossed in 5 g of salt", "threw in 2 g of …") only adds the
// weighed food: the text is left as it is.
const PUT = 'spread|dunked|stirred|mixed|soaked|dissolved|melted|poured|drizzled|sprinkled|added|dipped|placed|put|threw|thrown|tossed|popped|crumbled|folded|dropped'
export const PLACED_ON_WEIGHED = new RegExp(`(^|[^\\s]+)((?:\\s+(?:${PUT}))?)\\s+(?:into|onto|on|in|over)\\s+(?=(?:about |around )?\\d+(?:\\.\\d+)? ?(?:g|gr|grams?|kg|ml|l|lit(?:er|re)s?|oz|ounces?) of\\b)`, 'g')
const PUT_WORDS: ReadonlySet<string> = new Set(PUT.split('|'))
/** The replacement for {@link PLACED_ON_WEIGHED}: a comma between the two foods, or the text as it was. */
export function placedApart (match: string, before: string, verb: string, at: number, text: string): string {
  const opens = /^$|[,;:.!?(]$|^(?:and|then|also|i|we|just)$/.test(before)
  if ((verb !== '' && opens) || (verb === '' && PUT_WORDS.has(before))) return match
  // The food put is said with an amount or an article in the same clause ("decided to snack on 50 g of
  // nuts" puts nothing anywhere).
  const clause = text.slice(0, at + before.length).split(/[,;:.!?()]/).at(-1) ?? ''
  if (!/\d|\b(?:an?|some|the|my)\b/.test(clause)) return match
  return `${before}, `
}

// "a coffee and a bagel, 240 g and 90 g respectively": the weights, in order, are the last foods' of
// the clause before them; each moves to its food.
const WEIGHT = `\\d+(?:\\.\\d+)? ?${METRIC}`
export const RESPECTIVELY = new RegExp(`([^.;:!?]*?)[\\s,]*(${WEIGHT}(?:(?:,| and|, and) ${WEIGHT})+)[\\s,]*respectively\\b`, 'g')
// Words left between the foods and their weights: "both weighing in at", "each".
const BEFORE_WEIGHTS = /(?:[\s,]|\b(?:each|both|all|weighing|weigh|in|at|totaling|totalling|coming|together)\b)*$/
const LIST_JOIN = /\s*,\s*(?:(?:and|plus)\s+)?|\s+(?:and|plus)\s+/g
/** The replacement for {@link RESPECTIVELY}: each of the last foods of the clause with its weight, comma-separated. */
export function respectively (match: string, clause: string, weights: string): string {
  const said = weights.split(/,? and |, /)
  const foods = clause.replace(BEFORE_WEIGHTS, '')
  // Where each food starts: after each joining word, and at the clause's start.
  const starts = [0, ...[...foods.matchAll(LIST_JOIN)].map((m) => (m.index ?? 0) + m[0].length)]
  if (starts.length < said.length) return match
  const from = starts.slice(-said.length)
  const named = from.map((start, k) => foods.slice(start, k + 1 < from.length ? foods.lastIndexOf(' ', from[k + 1]) : undefined).replace(/[\s,]*(?:and|plus)?$/, '').trim())
  // A food said with an article keeps it ("a bagel 90 g"); a bare one reads as "90 g of …".
  return `${foods.slice(0, from[0])}${named.map((food, k) => ITEM_START.test(food) ? `${food} ${said[k]}` : `${said[k]} of ${food}`).join(', ')}`
}
