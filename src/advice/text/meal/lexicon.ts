// The meal reader's word classes, shared by its stages: words that describe a food without naming
// one, and words of the occasion. Each is a class of the language, not a patch for one text.

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
  'shredded', 'grated', 'sliced', 'diced', 'chopped', 'organic', 'extra', 'lean', 'skinless', 'boneless', 'nonfat',
  'lowfat', 'low', 'fat', 'reduced', 'skim', 'whole', 'light', 'crispy', 'crunchy', 'spicy', 'sweet', 'sour',
  'homestyle', 'black', 'buttered', 'seasoned', 'breaded', 'battered', 'mashed', 'well', 'done', 'rare', 'salt'
])

/** Words of the occasion, not the food ("Breakfast in Caracas", "homemade chili"): never looked up, so "breakfast" alone cannot match "Breakfast pastry". */
export const OCCASION: ReadonlySet<string> = new Set([
  'breakfast', 'brunch', 'lunch', 'dinner', 'supper', 'snack', 'meal', 'night', 'morning', 'afternoon', 'evening',
  'weekend', 'day', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'late', 'early',
  'quick', 'homemade', 'home', 'leftover', 'diner', 'drive', 'thru', 'run', 'trip', 'party', 'game', 'watching',
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
  bfast: 'breakfast'
}
