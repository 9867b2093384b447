// The word classes the text ranking weighs apart from the rest, for foods and activities alike.

// Name words that state the usual case, so a row is not penalised for saying them ("Rice, white, cooked").
const DEFAULT_WORDS: ReadonlySet<string> = new Set(['cooked', 'white', 'plain', 'regular', 'raw', 'whole', 'fresh', 'prepared', 'general', 'unflavored', 'original', 'shredded', 'grated', 'slice', 'chopped', 'diced', 'minced', 'cubed', 'crumbled', 'homestyle', 'moderate', 'effort'])
// Where a dish was made ("home recipe", said as "homemade") picks among a food's rows, and names no food.
const SOURCE_WORDS: ReadonlySet<string> = new Set(['home', 'recipe'])
// A cooking word ("grilled") narrows the row but names no food.
const COOKING_WORDS: ReadonlySet<string> = new Set(['grilled', 'fried', 'baked', 'roast', 'boiled', 'steamed', 'broiled', 'sauteed', 'poached', 'toast', 'smoke', 'stewed', 'braised', 'barbecued', 'scrambled'])
// Units that size a row ("25-40 kg load", "6-6.3 mph"), as numbers do.
const MEASURE_WORDS: ReadonlySet<string> = new Set(['kg', 'lb', 'mph', 'km', 'oz', 'fl', 'ml', 'min', 'rpm', 'watt'])

/**
 * How much a query word counts toward what a row explains, as a share of its rarity: a default or
 * source word ("plain", "home") a third, so it never outweighs the food it describes; a cooking word half.
 */
export function wordShare (word: string): number {
  return DEFAULT_WORDS.has(word) || SOURCE_WORDS.has(word) ? 0.3 : COOKING_WORDS.has(word) ? 0.5 : 1
}

/** Whether a name word a query leaves unsaid counts against the row: not a default word, a number or a unit. */
export function costsUnsaid (word: string): boolean {
  return !DEFAULT_WORDS.has(word) && !/^\d/.test(word) && !MEASURE_WORDS.has(word)
}
