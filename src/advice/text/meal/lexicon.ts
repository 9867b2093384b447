// The meal reader's lexicon: its word classes, shared by its stages (text, amount, portion, parse):
// words that describe a food without naming one, words of the occasion, shorthand, the measures,
// counts, sizes and containers amounts are said in, and the parts of a food. Each is a class of the
// language, not a patch for one text.

/**
 * Words that say how a food is made, seasoned, served or sweetened, and name none. Alone in a part
 * ("coffee, black", "chicken breast, grilled", "tea, unsweetened", "a pinch of salt") they describe
 * the food before: looked up, each matched some row that uses it (black → Black beans, grilled →
 * Potato, roasted, unsweetened → Martini), adding a food nobody ate. Nor do they head a near food.
 */
export const PREPARATION: ReadonlySet<string> = new Set([
  'unsweetened', 'sweetened', 'unflavored', 'flavored', 'plain', 'salted', 'unsalted', 'lightly', 'hot', 'cold',
  'iced', 'warm', 'chilled', 'fresh', 'frozen', 'raw', 'cooked', 'boiled', 'steamed', 'fried', 'pan', 'deep', 'air',
  'oven', 'stir', 'grilled', 'baked', 'roasted', 'toasted', 'sauteed', 'scrambled', 'poached', 'broiled', 'smoked',
  'shredded', 'grated', 'sliced', 'diced', 'chopped', 'organic', 'extra', 'lean', 'skinless', 'peelless', 'boneless', 'nonfat',
  'lowfat', 'low', 'fat', 'reduced', 'skim', 'whole', 'light', 'crispy', 'crunchy', 'spicy', 'sweet', 'sour',
  'homestyle', 'black', 'buttered', 'seasoned', 'breaded', 'battered', 'mashed', 'well', 'done', 'rare'
])

/** Seasonings: said without a weight ("a pinch of salt", "fries with salt") they season the food before; weighed ("2 g of salt"), they are eaten. */
export const SEASONINGS: ReadonlySet<string> = new Set(['salt'])

/** Words of the occasion, not the food ("Breakfast in Caracas", "homemade chili"): never looked up, so "breakfast" alone cannot match "Breakfast pastry". */
export const OCCASION: ReadonlySet<string> = new Set([
  'breakfast', 'brunch', 'lunch', 'dinner', 'supper', 'snack', 'meal', 'night', 'morning', 'afternoon', 'evening',
  'weekend', 'day', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'late', 'early',
  'quick', 'leftover', 'diner', 'drive', 'thru', 'run', 'trip', 'party', 'game', 'watching',
  'while', 'movie', 'treat', 'myself', 'topped', 'drizzled', 'sprinkled', 'yummy', 'delicious', 'tasty', 'nice', 'good', 'favorite', 'favourite', 'usual'
])

/**
 * Shorthand people type into a food log, and the word each stands for: sizes ("lg fries"), counts
 * ("10pc nuggets") and cuts of a word ("qtr pounder"). Spelled out before anything else reads the text.
 */
export const SHORTHAND: Readonly<Record<string, string>> = {
  w: 'with',
  lg: 'large',
  lrg: 'large',
  sm: 'small',
  sml: 'small',
  med: 'medium',
  md: 'medium',
  reg: 'regular',
  xl: 'extra large',
  pc: 'piece',
  pcs: 'pieces',
  qtr: 'quarter',
  pkg: 'package',
  pkt: 'packet',
  btl: 'bottle',
  sl: 'slice',
  tbl: 'tablespoon',
  choc: 'chocolate',
  sandwhich: 'sandwich',
  sammich: 'sandwich',
  brekfast: 'breakfast',
  bfast: 'breakfast',
  // Dishes FNDDS has no row for, said as what they are made of.
  'avocado toast': 'toast with avocado',
  // Brands whose name starts with a number, which would otherwise be read as a count.
  '7 up': '7up',
  '3 musketeers': 'musketeers'
}

/**
 * How people say a dish was made at home ("the chili I made myself", "from my own recipe", "from
 * scratch"): one word, "homemade", which the word table reads as FNDDS's "home recipe". "Made myself
 * a sandwich" is narrative: an article or amount after it starts the food.
 */
export const HOMEMADE = /\b(?:(?:that |which )?(?:i |we )?(?:made|cooked|prepared|baked) (?:it |them |this |these )?(?:myself|ourselves|at home)|(?:from |following )?(?:my|our) (?:own )?(?:home )?recipe|from scratch|home made|home cooked)\b(?! (?:an?|some|the|\d))/g

/**
 * Phrases said elsewhere for what the USDA names in other words: "semi-skimmed" milk is reduced fat,
 * "full cream" and "full fat" are whole, "milk powder" is dry milk, "from the freezer" is "from frozen". Read as the USDA words before a
 * phrase is looked up; the rest of the text is left as written.
 */
export const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/\bsemi[ -]skim(?:med)?\b/g, 'reduced fat'],
  [/\bfull[ -](?:cream|fat)\b/g, 'whole'],
  [/\b(?:milk powder|powdered milk)\b/g, 'milk, dry, not reconstituted'],
  // Eggs and milk are the hen's and the cow's unless the text names another animal.
  [/\b(?:chicken|hen)(?:'s)? (?=eggs?\b)/g, ''],
  [/\bcow(?:'s)? (?=milk\b)/g, ''],
  // Milk chocolate is chocolate candy in FNDDS; word for word it would be chocolate milk.
  [/\bmilk chocolate\b(?! milk)/g, 'chocolate candy'],
  // FNDDS says "from frozen" ("Pizza, cheese, from frozen"); "freezer" alone would name a freezer pop.
  [/\b(?:straight )?(?:from|out of) (?:the |my )?freezer\b/g, 'from frozen'],
  // Coffee-shop words: a "skinny" espresso drink is made with nonfat milk.
  [/\bskinny (?=(?:iced )?(?:latte|cappuccino|mocha|macchiato|flat white)s?\b)/g, 'nonfat '],
  // Baby food is FNDDS's "Baby Toddler" rows; "strained" (for a baby's purée) is a word FNDDS never uses
  // otherwise, save strained yogurt.
  [/\bbaby foods?\b/g, 'baby toddler'],
  [/\bstrained\b(?! (?:greek )?yog(?:h)?urt)/g, 'baby toddler'],
  // Milk is milk however it was heated ("boiled whole milk" is no boiled egg).
  [/\b(?:boiled|boiling|warm(?:ed)?|heated|hot) (?=(?:(?:whole|full|fresh|skim(?:med)?|low fat|cow|goat|buffalo)(?:'s)? )*milk\b)/g, ''],
  // "Oats milk" is oat milk, not oats.
  [/\boats milk\b/g, 'oat milk'],
  // "A cookie shaped like an animal" is an animal cookie: the shape names the kind.
  [/\b([a-z]+) shaped like (?:an? )?([a-z]+)\b/g, '$2 $1'],
  // "Frying beef" is beef cut for frying, not frying fat.
  [/\bfrying (?=(?:beef|steak|pork|chicken|fish)\b)/g, ''],
  // Breakfast cereal is the ready-to-eat kind ("breakfast" alone is the occasion, never looked up).
  [/\bbreakfast cereals?\b/g, 'ready-to-eat cereal'],
  // Sweet tea, as the US South says it, is iced black tea brewed with sugar.
  [/\bsweet (?:iced )?tea\b/g, 'iced tea brewed pre-sweetened with sugar']
]

// Amounts: the words a text sizes a food with, and the words FNDDS portion rows use for them.

/** A measure: its spellings (alternatives of a regular expression), canonical name, kind, and size in g or mL. */
export interface Measure { spellings: string, name: string, kind: 'mass' | 'volume', size: number }

// US customary measures, as USDA household rows use them: a cup is 236.6 mL, a fl oz 29.57 mL.
export const MEASURES: readonly Measure[] = [
  { spellings: 'g|gr|gm|gms|grams?|grammes?', name: 'g', kind: 'mass', size: 1 },
  { spellings: 'kg|kgs|kilos?|kilograms?', name: 'kg', kind: 'mass', size: 1000 },
  { spellings: 'mg|milligrams?', name: 'mg', kind: 'mass', size: 0.001 },
  { spellings: 'lbs?|pounds?', name: 'lb', kind: 'mass', size: 453.592 },
  { spellings: 'fl oz|fl\\. oz|fluid ounces?|floz|fl ounces?', name: 'fl oz', kind: 'volume', size: 29.5735 },
  { spellings: 'oz|ounces?', name: 'oz', kind: 'mass', size: 28.3495 },
  { spellings: 'ml|mls|millilit(?:er|re)s?|cc', name: 'ml', kind: 'volume', size: 1 },
  { spellings: 'cl|centilit(?:er|re)s?', name: 'cl', kind: 'volume', size: 10 },
  { spellings: 'dl|decilit(?:er|re)s?', name: 'dl', kind: 'volume', size: 100 },
  { spellings: 'l|lit(?:er|re)s?|ltrs?', name: 'l', kind: 'volume', size: 1000 },
  { spellings: 'cups?|cupfuls?', name: 'cup', kind: 'volume', size: 236.588 },
  { spellings: 'tbsps?|tbs|tbl|tablespoons?|tablespoonfuls?|spoons?|spoonfuls?', name: 'tablespoon', kind: 'volume', size: 14.787 },
  { spellings: 'tsps?|teaspoons?|teaspoonfuls?', name: 'teaspoon', kind: 'volume', size: 4.929 },
  { spellings: 'pints?', name: 'pint', kind: 'volume', size: 473.176 },
  { spellings: 'quarts?', name: 'quart', kind: 'volume', size: 946.353 },
  { spellings: 'gallons?', name: 'gallon', kind: 'volume', size: 3785.41 },
  { spellings: 'shots?', name: 'shot', kind: 'volume', size: 44.36 }
]
// Units that count things; FNDDS names its portions with these words ("1 slice", "1 can (12 fl oz)").
export const COUNT_UNITS: readonly string[] = [
  'slice', 'piece', 'can', 'bottle', 'glass', 'bowl', 'plate', 'mug', 'order', 'serving', 'handful', 'scoop',
  'stick', 'packet', 'package', 'pack', 'bag', 'box', 'container', 'carton', 'jar', 'pouch', 'bar', 'link', 'patty',
  'strip', 'wedge', 'fillet', 'leaf', 'stalk', 'spear', 'clove', 'sprig', 'pinch', 'dash', 'pat', 'dollop', 'square',
  'stack', 'drink', 'tub', 'cube', 'ear', 'head', 'loaf', 'round', 'portion', 'helping', 'sleeve', 'tin', 'thermos',
  'sachet', 'drumstick', 'thigh', 'breast', 'wing', 'leg', 'cob', 'bunch', 'individual', 'chunk', 'sheet', 'bite',
  'spoon', 'splash', 'squeeze', 'drizzle', 'knob', 'rasher', 'plateful', 'bowlful', 'jug', 'cone', 'tray', 'basket'
]
export const PLURAL_COUNTS: Readonly<Record<string, string>> = { leaves: 'leaf', loaves: 'loaf', pinches: 'pinch', dashes: 'dash', boxes: 'box', bunches: 'bunch', glasses: 'glass', pouches: 'pouch', patties: 'patty', helpings: 'helping', ears: 'ear' }
// Words users write for a unit FNDDS words differently.
export const COUNT_SYNONYMS: Readonly<Record<string, string>> = {
  portion: 'serving', helping: 'serving', plateful: 'plate', bowlful: 'bowl', pack: 'package', sachet: 'packet', tin: 'can', rasher: 'strip', spoon: 'tablespoon', cob: 'ear'
}

/** Size words and the size each says. */
export const SIZES: ReadonlyArray<[string, string]> = [
  ['extra large|extra big|xl|jumbo|supersize|super size', 'extra large'],
  // Coffee-shop sizes as FNDDS weighs coffee drinks: small 12, medium 16, large 20 fl oz (tall, grande, venti).
  ['large|big|king size|king sized|venti', 'large'],
  ['medium|regular|normal|average|standard|grande', 'medium'],
  ['small|little|kids|kid|child|childs|junior|short|tall', 'small'],
  ['fun size|fun sized|snack size|snack sized', 'fun size'],
  ['bite size|bite sized|mini|miniature', 'miniature'],
  ['personal|personal size|single serve|single serving|individual', 'personal'],
  // A sandwich or hot dog a foot long: FNDDS's "1 footlong" row, or twice the 6-inch one.
  ['footlong|foot long', 'footlong']
]

// Coffee-shop sizes are volumes too, in fl oz (hot drinks): a grande is 16 fl oz of whatever it is.
export const COFFEE_SIZES: Readonly<Record<string, number>> = { tall: 12, grande: 16, venti: 20 }

// Chains whose name may come before the size ordered ("a starbucks grande latte", "mcdonalds large fries").
export const CHAINS: readonly string[] = [
  'starbucks', 'dunkin', 'dunkin donuts', "dunkin'", 'mcdonalds', "mcdonald's", 'mcd', 'burger king', 'bk', 'wendys',
  "wendy's", 'taco bell', 'kfc', 'popeyes', 'chick-fil-a', 'chick fil a', 'sonic', 'dairy queen', 'dq', 'tim hortons',
  'tims', 'costa', 'pret', 'panera', 'jack in the box', 'five guys', 'in-n-out', 'arbys', "arby's", 'peets', "peet's"
]

// Policy: a size word with no row of that size scales the default portion (small 0.75, large 1.5).
export const SIZE_FACTOR: Readonly<Record<string, number>> = { small: 0.75, medium: 1, large: 1.5, 'extra large': 2, 'fun size': 0.35, miniature: 0.25, personal: 1, footlong: 2 }
// FNDDS's words for each size the text may say.
export const SIZE_WORDS: Readonly<Record<string, readonly string[]>> = {
  small: ['small', 'kid', 'child', 'junior'],
  medium: ['medium', 'regular'],
  large: ['large', 'king', 'big'],
  'extra large': ['extra', 'jumbo'],
  // Each names its own row first, and the other's when the food has only that one.
  'fun size': ['fun', 'snack', 'miniature', 'mini', 'bite'],
  miniature: ['miniature', 'mini', 'bite', 'fun', 'snack'],
  personal: ['personal', 'individual', 'single'],
  footlong: ['footlong', 'foot']
}

// Words the text uses for a countable that FNDDS words another way. Policy for the non-USDA ones
// (glass, mug, bowl): one cup of the same food, the table's earlier documented convention.
export const UNIT_WORDS: Readonly<Record<string, readonly string[]>> = {
  slice: ['slice', 'piece'],
  piece: ['piece', 'slice', 'each', 'item'],
  glass: ['glass', 'cup'],
  mug: ['mug', 'cup'],
  bowl: ['bowl', 'cup'],
  plate: ['plate', 'serving', 'cup'],
  serving: ['serving', 'portion', 'order'],
  order: ['order', 'serving'],
  bag: ['bag', 'package', 'packet'],
  package: ['package', 'packet', 'bag', 'pack'],
  packet: ['packet', 'package', 'bag'],
  container: ['container', 'carton', 'cup', 'tub'],
  carton: ['carton', 'container', 'box'],
  bottle: ['bottle', 'can'],
  can: ['can', 'bottle'],
  bar: ['bar', 'package'],
  drink: ['drink', 'cup'],
  strip: ['strip', 'slice'],
  patty: ['patty', 'burger'],
  scoop: ['scoop'],
  handful: ['handful', 'oz']
}

// Containers: a container said without its size is the food's usual one.
export const CONTAINERS: ReadonlySet<string> = new Set(['can', 'bottle', 'bag', 'package', 'packet', 'box', 'carton', 'container', 'pouch', 'jar', 'tub'])

// Parts and pieces of a food.

// Countables that name the food itself when nothing else does ("a thigh"); "2 slices" alone names nothing.
export const FOOD_COUNTS: ReadonlySet<string> = new Set(['thigh', 'breast', 'wing', 'leg', 'drumstick'])
// Parts of a food that FNDDS rows tell apart by ("thin crust", "on white bun", "skin eaten").
export const COMPONENTS: ReadonlySet<string> = new Set(['crust', 'bun', 'coating', 'skin', 'shell', 'breading', 'batter', 'casing', 'peel', 'rind', 'patty'])
// What a part of a food is said with: "a thin crust", "a white bun", "the skin".
export const COMPONENT_MODIFIERS: ReadonlySet<string> = new Set(['thin', 'thick', 'stuffed', 'white', 'wheat', 'whole', 'hand', 'tossed', 'deep', 'dish', 'regular', 'original', 'medium', 'large', 'small', 'beef', 'double', 'single'])
