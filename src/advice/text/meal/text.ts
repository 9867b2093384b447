import { HOMEMADE, SHORTHAND } from './lexicon.js'
import { ITEM_START, METRIC, PLACED_ON_WEIGHED, placedApart, RESPECTIVELY, respectively } from './weights.js'

// Meal text, from a sentence to its item phrases: normalise, drop the narrative around the food,
// split at item boundaries. Regular expressions over a bounded string (the schema caps it at 500
// characters), each linear: no nested quantifiers, so any input returns in bounded time.

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  hundred: 100
}
const NUMBER = `(?:${Object.keys(NUMBER_WORDS).join('|')})`
const SHORTHAND_RE = new RegExp(`\\b(?:${Object.keys(SHORTHAND).join('|')})\\b`, 'g')
const UNICODE_FRACTIONS: Readonly<Record<string, string>> = { '½': ' 1/2', '⅓': ' 1/3', '⅔': ' 2/3', '¼': ' 1/4', '¾': ' 3/4', '⅛': ' 1/8' }

// Policy for vague amounts: "a couple" is 2, "a few" and "several" are 3, "a dozen" 12.
const QUANTITY_PHRASES: ReadonlyArray<[RegExp, string | ((...m: string[]) => string)]> = [
  [new RegExp(`\\b(\\d+|${NUMBER}) and (?:a half|1/2)\\b`, 'g'), (_m, n) => String(toNumber(n) + 0.5)],
  [/\b(?:a|one) and (?:a half|1\/2)\b/g, '1.5'],
  // "a cup and a half of": the half belongs to the unit.
  [new RegExp(`\\b(?:an?|(\\d+|${NUMBER})) (cups?|slices?|pieces?|tablespoons?|teaspoons?|pounds?|glasses?|bowls?|scoops?|servings?|bottles?|cans?) and (?:a half|1/2)\\b`, 'g'), (_m, n, unit) => `${n === undefined ? 1.5 : toNumber(n) + 0.5} ${unit}`],
  [/\b(\d+) (\d)\/(\d)\b/g, (_m, w, n, d) => String(Number(w) + Number(n) / Number(d))],
  [/\bhalf (?:a |an )?dozen\b/g, '6'],
  [new RegExp(`\\b(\\d+|${NUMBER}) dozen\\b`, 'g'), (_m, n) => String(toNumber(n) * 12)],
  [/\b(?:an? )?dozen\b/g, '12'],
  [/\b(?:a )?couple(?: of)?\b/g, '2'],
  [/\b(?:a )?few\b/g, '3'],
  [/\bseveral\b/g, '3'],
  [/\bthree quarters?(?: of)?(?: an?\b| the\b)?/g, '0.75'],
  [/\b(?:an?|one)[ -]half\b(?: of)?(?: an?\b| the\b)?/g, '0.5'],
  [/\bhalf\b(?: of)?(?: an?\b| the\b| my\b)?/g, '0.5'],
  // Not "a quarter pounder": that is a burger.
  [/\b(?:an?|one) quarter(?! pound)(?: of)?(?: an?\b| the\b)?/g, '0.25'],
  [/\b(?:an?|one) third(?: of)?(?: an?\b| the\b)?/g, '0.33'],
  [new RegExp(`\\b(${NUMBER})\\b`, 'g'), (_m, n) => String(toNumber(n))]
]

function toNumber (word: string): number {
  return NUMBER_WORDS[word] ?? Number(word)
}

// The narrative around the food: who ate, when, where and why. Removed before splitting, so "i had"
// never reaches the lookup. "from a restaurant" and "fast food" stay: FNDDS rows are worded by them.
const NARRATIVE: readonly RegExp[] = [
  /\b(?:i|we|he|she|they|my \w+)(?: just| also| then| quickly| finally| really| probably)*(?:'m| am| was| were| have|'ve| had| did| will|'ll|'d)?(?: just| also| then| quickly| finally)* (?:having|had|have|ate|eaten|eat|eating|grabbed|grab|grabbing|got|get|getting|drank|drunk|drink|drinking|sipped|sipping|poured (?:myself|me)?|pour|made|make|making|cooked|enjoyed|enjoying|finished|finishing|snacked on|snacking on|treated (?:myself|me) to|packed|ordered|ordering|picked up|tried|munched on|munching on|downed|devoured|polished off|consumed|took|bought|heated up|whipped up|fixed (?:myself)?|threw together|shared)\b/g,
  /\b(?:breakfast|brunch|lunch|dinner|supper|dessert|my snack|snack|the meal|my meal|meal)(?: today| tonight)? (?:was|is|were|consisted of|included|includes|will be)\b/g,
  /\b(?:for|as) (?:my |a |an |our )?(?:late |quick |light |mid morning |afternoon |evening |midnight |post workout |pre workout )?(?:breakfast|brunch|lunch|dinner|supper|dessert|snack|treat|appetizer|starter|side|drink|beverage|meal)\b/g,
  /\b(?:this|that|last|yesterday) (?:morning|afternoon|evening|night)\b/g,
  /\bas (?:a )?part of (?:my|the|a|an|our) [a-z]+\b/g,
  // "a lunch of …", "a breakfast consisting of …", "a dinner plate with …": the meal, then its foods.
  /\b(?:(?:an?|my|the|our) )?(?:(?:light|quick|simple|hearty|late|big|small|healthy) )?(?:breakfast|brunch|lunch|dinner|supper|snack|meal)(?: spread| plate)? (?:that )?(?:with|of|consisting of|consists of|consisted of|including|includes|included|made up of|comprising)\b/g,
  /\b(?:today|tonight|yesterday|earlier|right now|just now|now|later|at the moment|so far)\b/g,
  /\b(?:at|around|about) (?:\d+(?::\d+)? ?(?:am|pm)|noon|midnight|breakfast|lunch|dinner|lunchtime|dinnertime|work|home|school|the office|my desk|the gym|the game|the movies|the park)\b/g,
  /\b(?:from|at) (?:a |the |my |our )?(?:local )?(?:coffee shop|cafe|café|deli|store|grocery store|supermarket|vending machine|cafeteria|canteen|gas station|food truck|street vendor|office|work|kitchen|market|stand)\b(?:(?! and | with | plus |\d+(?:\.\d+)? ?(?:g|grams?|kg|ml)\b)[^,;:.!?()])*/g,
  /\b(?:on the go|to go|on the side|on the way|in the car|at my desk|before (?:my |the )?(?:workout|run|gym|bed|work)|after (?:my |the )?(?:workout|run|gym|work|school))\b/g,
  /\b(?:treated (?:myself|me) to|picked up|whipped up|polished off|snacked on|munched on|(?:snacking|munching|nibbling|sipping|working) on|made (?:myself|me)|got (?:myself|me)|having|had|ate|eaten|eating|grabbed|grabbing|got|downed|bought|drank|sipped|sipping|enjoyed|enjoying|ordered|finished|snacked|munched|devoured|consumed|tried)\b/g,
  /\b(?:it was|that was|which was|there was|there were|i think|i guess|i believe|maybe|probably|roughly|approximately|approx|about|around|almost|nearly|just|only|also|too|as well(?! as)|really|pretty|very|quite|so good|delicious|yummy|tasty|some|any|myself|me|please|thanks?)\b/g,
  /\b(?:nothing(?: else)? to (?:eat|drink)|nothing else|on top(?! of)|on the side|sliced|chopped|diced)\b/g,
  /\b(?:(?:am |are |is |was )?(?:going to|gonna|about to|planning to|want to|plan to) (?:eat|have|drink|grab|enjoy|make|cook|try))\b/g,
  // "to snack on", "during my snack": the occasion, said around the food.
  /\b(?:to snack on|during (?:my |the |a |our )?(?:snack|meal|breakfast|brunch|lunch|dinner|supper)(?: time)?)\b/g,
  // "going with a yogurt", "opted for a salad": a choice, said before the food chosen.
  /\b(?:(?:i|we|he|she|they) )?(?:(?:am |are |is |was )?(?:going|opting)|went|opted) (?:with|for)(?= (?:an?|one|the|some|\d))/g,
  /\b(?:i'm|im|i am|we're|i've|ive|i'd|i)\b/g,
  // A verb with a pronoun and a particle frames the meal rather than naming food: "to wash it down",
  // "topped it off", "rounds everything off nicely"; so do sequence words and "starting my day".
  /\b(?:(?:which|that|and) )?(?:to )?[a-z]+ (?:it|everything|them|this|that|things)(?: all)? (?:down|off|up)(?: nicely| perfectly| well)?\b/g,
  /\b(?:finally|lastly|firstly|additionally|afterwards|to finish|to start|to drink|start(?:ed|ing)? (?:my|the) day|kick(?:ed|ing|s)? off(?: (?:my|the) day)?)\b/g
]

// Boundaries that always separate items (a topping is its own item: "pancakes topped with syrup");
// "and"/"with" are soft: "burrito with chicken and beans" is one food.
const HARD = /\s*(?:[,;:!?()+]|(?<!\b(?:tbsps?|tbs|tsps?|oz|fl|lbs?|kg|ml|pt|qt|pkg|approx|vs))\.(?!\d)|\b(?:plus|topped (?:it |them |that )with|on top of|along ?with|paired with|alongside|as well as|together with|followed by|and then|then|in my|accompanied by|washed down with|served with|with a side of|with sides? of|and a side of|a side of|chased with|dunked in|dipped in|washed down by)\b)\s*/
// "a sandwich filled with egg, cheese, ham, and bacon": the list after a filling word names what the
// dish holds, so its commas join softly like its "and", and a row may read the dish whole.
const LIST_WORD = "[a-z'%]+"
const LIST_ITEM = `(?:${LIST_WORD} ){0,2}${LIST_WORD}`
const INGREDIENT_LIST = new RegExp(`\\b(?:filled|stuffed|made|loaded|prepared|topped|that (?:has|had|have|contains)|containing|with) (?:with )?(?!(?:an?|one|the) )${LIST_ITEM}(?:,(?: and)? (?!(?:an?|one|the) )${LIST_ITEM}(?=\\s*(?:[,.;!?(]|and\\b|$|\\d)))+`, 'g')
// "a 150 g ham, egg, and cheese croissant": single words listed after a weighed article, then a dish
// of two words or more, are what that one dish is made of; the list is its name, not three foods.
const LISTED_DISH = /\b((?:an?|one) \d+(?:\.\d+)? ?(?:g|grams?)) ((?:[a-z]+, ){1,3}(?:and )?[a-z]+,? and )(?=(?!(?:an?|one|the|some)\b)[a-z]+ [a-z]+)/g
// A cooking medium ("made with mayo", "sauteed in olive oil") joins softly too: the whole run is tried as one row first.
const SOFT = /\s+(?:and|with|over|&|w\/|(?<=\bcovered\s+)in|(?:made|cooked|sauteed|sautéed|fried|simmered|tossed|blended|mixed) (?:with|in))\s+/

/** Lower-case text with number words as digits, fractions as decimals, and typographic marks folded. */
export function normalizeMeal (text: string): string {
  // Fraction glyphs first: NFKC would turn "½" into "1⁄2" with a fraction slash.
  let s = text
  for (const [glyph, ascii] of Object.entries(UNICODE_FRACTIONS)) s = s.replaceAll(glyph, ascii)
  s = s.normalize('NFKC').replace(/\u2044/g, '/').toLowerCase()
  s = s.replace(/[‘’`´]/g, "'").replace(/[“”"]/g, ' ').replace(/(?<=\p{L})'s\b/gu, '')
    .replace(/(?<=\d)-?(?=[a-z])/g, ' ').replace(/\bw\/\s*/g, 'with ').replace(/\bm ?& ?m'?s?\b/g, 'mms').replace(/&/g, ' and ')
    .replace(/(?<=\p{L})-(?=\p{L})/gu, ' ').replace(/\s+/g, ' ')
  // "Half and half" is a cream, not two halves; "pb&j" (and "pb and j", "pb n j") is one sandwich, not
  // peanut butter and a "j".
  s = ` ${s.trim()} `.replace(SHORTHAND_RE, (word) => SHORTHAND[word])
    // "heineken x2", "string cheese x 2": a count after the food, said first like any other.
    .replace(/(?<=^|[,;+]) *([^,;+]*?\S) x ?(\d+)(?= *(?:[,;+]|$))/g, ' $2 $1')
  s = s.replace(/\bhalf (?:and|n) half\b/g, 'halfnhalf').replace(/\bpb (?:and |n )?j\b/g, 'pbj')
  for (const [pattern, to] of QUANTITY_PHRASES) s = typeof to === 'string' ? s.replace(pattern, to) : s.replace(pattern, to)
  return s
}

/** The item phrases of a meal, each a list of alternatives joined by soft boundaries, narrative removed. */
export function mealSegments (text: string): string[][] {
  // "Breakfast in Nairobi: …", "Braai in Joburg - …": a short heading before a colon or dash names the occasion.
  let s = normalizeMeal(text).replace(/^\s*[^:\d]{1,60}?(?::| - | – | — )\s*/, (heading) => heading.trim().split(/\s+/).length <= 7 ? ' ' : heading)
  // "paired it with", "seasoned them with": the pronoun stands for the food just said, so the verb
  // joins what follows as it would without it ("topped it with" is a boundary of its own).
  s = s.replace(HOMEMADE, ' homemade ').replace(/\b(?!topped\b)([a-z]+(?:ed|t)) (?:it|them|this|that|everything) (with|in|on|using)\b/g, '$1 $2')
  for (const pattern of NARRATIVE) s = s.replace(pattern, ' ')
  // "a wrap with chicken, rice, and salsa that weighs 300 grams": the weight ends the list.
  s = s.replace(WEIGHT_VERB, ' ').replace(/ {2,}/g, ' ').replace(INGREDIENT_LIST, (list) => list.replace(/,(?: and)?/g, ' and'))
    .replace(PLACED_ON_WEIGHED, placedApart).replace(RESPECTIVELY, respectively)
    .replace(LISTED_DISH, (_m, opening, list) => `${opening} ${list.replace(/,(?: and)?| and/g, '')} `)
  const parts: string[] = []
  for (const part of s.split(HARD).map(cleanPart)) {
    // "a taco with meat and sour cream, about 109 grams", "(180 g)": a part that is only a weight
    // restates the item before it, so it joins that item's phrase.
    if (WEIGHT_ONLY.test(part) && parts.length > 0) parts[parts.length - 1] += `, ${part}`
    else if (/\p{L}/u.test(part)) parts.push(part)
  }
  return parts.flatMap(weighedRuns)
}

/**
 * A part's soft-joined pieces, cut after each piece that ends on a weight: "a roll 43 g and hard candy
 * 1 g" is two items, and the weight that ends "a cookie made with peanut butter 14 g" is the whole
 * dish's, so it moves to the piece that names the dish rather than sizing its last ingredient.
 */
function weighedRuns (part: string): string[][] {
  const runs: string[][] = []
  let run: string[] = []
  // "a diet cola in a 12 fl oz can": a container said after the food is its amount, as "a 12 fl oz can of diet cola".
  for (const piece of part.split(SOFT).map(tidyPiece).filter((p) => p.length > 0)) {
    run.push(piece)
    const weight = TRAILING_WEIGHT.exec(piece)
    const named = weight === null ? '' : piece.slice(0, weight.index).replace(/[\s,]+$/, '')
    if (weight === null || !/\p{L}/u.test(named)) continue
    // The dish starts at the last piece said with an article or an amount of its own: "a fresh 200 g
    // apple and a roll 43 g" is the apple, then a roll of 43 g.
    let start = run.length - 1
    while (start > 0 && !ITEM_START.test(start === run.length - 1 ? named : run[start])) start--
    // A piece weighed already ("300 g of lentil soup with rice and a roll 80 g") is not the
    // dish this weight sizes: the weight is the last piece's own.
    if (start < run.length - 1 && HAS_WEIGHT.test(run[start])) start = run.length - 1
    if (start > 0) runs.push(run.slice(0, start))
    const dish = run.slice(start)
    if (dish.length > 1) {
      dish[dish.length - 1] = named
      dish[0] = `${dish[0]} ${weight[0].trim()}`
    }
    runs.push(dish)
    run = []
  }
  if (run.length > 0) runs.push(run)
  return runs
}

const WEIGHT_VERB = /(?:\b(?:that|which)(?:'s| is| are| was| were)?(?:\s+(?:weighs|weighed|weighing))?|\b(?:weighs|weighed|weigh|weighing|totaling|totalling|totals|coming to|at))(?=\s+(?:about |around |approximately |roughly )?\d+(?:\.\d+)? ?(?:g|grams?|kg|oz|ounces?|ml)\b)/g
const WEIGHT_AFTER_ADJECTIVE = /\b(an?|the) ((?:(?!(?:of|and|with|or|plus) )[a-z]+ ){1,4}?)(\d+(?:\.\d+)? ?(?:g|grams?|kg|oz|ounces?|ml)) (?=(?!(?:and|with|or|plus) )[a-z])/g
/**
 * One soft-joined piece in the order the reader expects, amount first: "a diet cola in a 12 fl oz can"
 * is "a 12 fl oz can of diet cola"; in "dinner consists of 61.3 g of chapati", "mixed 33 g of pasta" or
 * "a glass of 240 g of water" the words before a weight said with "of" say what happened, or restate
 * the weight, and the food follows the "of".
 */
function tidyPiece (piece: string): string {
  return piece.trim().replace(CONTAINER_AFTER, '$2 of $1').replace(BEFORE_WEIGHT_OF, '')
}

const BEFORE_WEIGHT_OF = /^(?:[\p{L}']+ ){1,6}?(?=\d+(?:\.\d+)? ?(?:g|gr|grams?|kg|ml|oz|ounces?|l|lit(?:er|re)s?) of )/u
const CONTAINERS = 'cans?|bottles?|cups?|glass(?:es)?|mugs?|bowls?|cartons?|boxe?s?|jars?|containers?|pouch(?:es)?|packets?|bags?|packages?|juice boxe?s?'
const CONTAINER_AFTER = new RegExp(`^(?:an?|one) ((?:(?!and |with )[\\p{L}%'-]+ ){0,5}[\\p{L}%'-]+) (?:in|from) ((?:an?|one|\\d+) (?:\\d+(?:\\.\\d+)? ?(?:fl oz|oz|ml|l|liters?) )?(?:${CONTAINERS}))$`, 'u')
const WEIGHT_ONLY = new RegExp(`^(?:about |around |approximately |roughly )?\\d+(?:\\.\\d+)? ?${METRIC}\\.?$`)
const HAS_WEIGHT = new RegExp(`\\d ?${METRIC}\\b`)
const TRAILING_WEIGHT = new RegExp(`(?:^|\\s)\\d+(?:\\.\\d+)? ?${METRIC}\\.?$`)

// Cooking verbs that, before an article or amount, tell what the person did rather than name the food.
const COOKED_FIRST = /^(grilled|pan fried|fried|baked|roasted|boiled|steamed|cooked|toasted|scrambled|poached|microwaved|heated up|made|blended|brewed|poured|packed|ordered)\s+(?=an?\s|the\s|\d)/
function cleanPart (raw: string): string {
  const part = raw.trim()
    .replace(/^(?:and|with|or|a side of|side of|some|of|served with|over|on)\s+/, '')
    // "a scone that is 70 grams": the words introduce the weight (see below), not a clause.
    .replace(WEIGHT_VERB, ' ')
    // "lunch in dakar was 400 g of …": the clause before "was" says when and where.
    .replace(/^[\p{L}' ]{0,40}?\b(?:was|were|is|are|consisted of|included)\s+(?=\d|an?\s|the\s)/u, '')
    // "at the diner 2 pancakes", "in Lisbon 2 pastéis": a place before the amount is narrative.
    .replace(/^(?:at|in|during|on) (?:the |a |my )?(?:[\p{L}']+ ){0,3}[\p{L}']+\s+(?=\d|an?\s)/u, '')
    // "late night 300 ml of milk": a time of day before the amount.
    .replace(/^(?:late night|late|early|mid morning|morning|afternoon|evening|night|tonight|today)\s+(?=\d|an?\s)/, '')
    // "… during soccer practice", "… at the barbecue", "… from the deli down the street": the occasion, up to the next item.
    .replace(/\s+(?:during|while|before|after|on (?:the|my|our) way|on the road|in the car|off (?:a|the)\s|at (?:the|a|an|my|our|his|her|their)\s|from (?:the|a|my|our) (?!restaurant|fast food|bakery|school|box|mix|can|jar|packet|package|freezer|frozen))(?:(?! and | with | plus |\d+(?:\.\d+)? ?(?:g|grams?|kg|ml)\b).)*/, '')
    // "410 g prepared", "214 g total": words that restate a weight.
    .replace(/\b(?:total|in total|altogether|combined|all together|prepared|weighing|worth)\b/g, ' ')
    // "a burrito that weighs 250 grams", "pizza at 120 g", "rolls totaling 334 g", "water that's 507 g":
    // the words only introduce the item's weight, which then ends the phrase as any trailing weight does.
    // Again after the narrative above is gone ("weighing" leaves "that 250 g").
    .replace(WEIGHT_VERB, ' ')
    // "a fresh 200 gram apple", "a big 620 gram sports drink": the weight is the amount, before the food's words.
    .replace(WEIGHT_AFTER_ADJECTIVE, '$1 $3 $2')
    .replace(/\s+(?:and|with|or)\s*$/, '').replace(/\s+/g, ' ').trim()
  // "grilled an 8 oz sirloin steak": the cooking verb describes the food, so it goes after the amount,
  // before the food's own words (which end on the head noun): "an 8 oz grilled sirloin steak".
  const verb = COOKED_FIRST.exec(part)
  if (verb === null) return part
  const rest = part.slice(verb[0].length)
  const amount = /^(?:an?|the|\d+(?:\.\d+)?)(?:\s+\d+(?:\.\d+)?)?(?:\s+(?:fl oz|oz|g|grams?|ml|lbs?|pounds?|ounces?|kg))?\s+(?:\S+\s+of\s+)?/.exec(rest)
  const cut = amount === null ? 0 : amount[0].length
  return `${rest.slice(0, cut)}${verb[1]} ${rest.slice(cut)}`
}
