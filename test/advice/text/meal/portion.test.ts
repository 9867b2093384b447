import t, { type Test } from 'tap'
import { foods, type Food, type Portion } from '../../../../src/advice/data/foods.js'
import { readAmount } from '../../../../src/advice/text/meal/amount.js'
import { portionFit, weigh, type Weighed } from '../../../../src/advice/text/meal/portion.js'

// Rows and portions below are quoted from src/advice/data/sources/fndds-2021-2023/*.csv (grep the code).

/** The FNDDS row with this food code. */
function food (code: string): Food {
  const found = foods.find((f) => f.code === code)
  if (found === undefined) throw new Error(`no FNDDS row ${code}`)
  return found
}

/** A made-up row for the branches no real row reaches, with the portions a case needs. */
function madeUp (portions: Portion[]): Food {
  return { code: '99999999', source: 'FNDDS 2021-2023', description: 'Test food', synonyms: [], aliases: [], category: 'test', kcalPer100g: 100, proteinPer100g: 1, carbsPer100g: 1, fatPer100g: 1, portions }
}

/** Weighs a phrase's amount (read by readAmount, as the parser does). */
const weighText = (f: Food, phrase: string, words: string[] = []): Weighed | null => weigh(f, readAmount(phrase), words)

/** Fails unless the weighing is the expected row or measure, grams (to 0.05 g), quantity and trust. */
function expectWeighed (t: Test, actual: Weighed | null, expected: Weighed, label: string) {
  if (actual === null) {
    t.fail(`${label}: not weighed`)
    return
  }
  t.ok(Math.abs(actual.grams - expected.grams) < 0.05, `${label}: ${actual.grams} g, expected ${expected.grams} g`)
  t.same({ ...actual, grams: expected.grams }, expected, label)
}

const PIZZA = food('58106540') // Pizza with pepperoni, from restaurant or fast food, NS as to type of crust
const RICE = food('56205001') // Rice, white, cooked, NS as to fat: 1 cup, cooked 163; QNS 122
const COLA = food('92410310') // Soft drink, cola: 1 fl oz (no ice) 31; 1 can (12 fl oz) 372; 1 bottle (16.9 fl oz or 500 ml) 524; 1 bottle (20 fl oz) 620; drinks 279/372/512/744/1023
const MILK = food('11100000') // Milk, NFS: 1 cup 244; 1 fl oz 30.5
const EGG = food('31101010') // Egg, whole, raw: 1 egg 50; 1 cup 245; QNS 50
const WATER = food('94000010') // Water, NFS: 1 cup 240; 1 fl oz 30; QNS 360
const BEER = food('93101000') // Beer: 1 fl oz 30; 1 can or bottle (12 fl oz) 360; QNS 360
const BAGEL = food('51180010') // Bagel: QNS 105; 1 miniature 26; 1 small 69; 1 regular 105; 1 large 131
const OJ = food('61210000') // Orange juice, 100%, NFS: 1 fl oz (no ice) 31; 1 fl oz (with ice) 23; QNS 248; no cup row
const COFFEE = food('92100000') // Coffee, NS as to type: 1 fl oz 30; 1 cup (8 fl oz) 240; 1 small 360; 1 medium 480; 1 large 600

t.test('a count unit picks the food\'s own row, scaled by the count', async (t) => {
  // 2 × "1 piece, NFS" 124 g = 248 g: with no size said, USDA's piece of a size not specified.
  expectWeighed(t, weighText(PIZZA, '2 slices of pepperoni pizza', ['pepperoni', 'pizza']),
    { grams: 248, quantity: 2, unit: '1 piece, NFS', trust: 1 }, '2 slices')
  // 2 × "1 piece, large pizza" 124 g = 248 g.
  expectWeighed(t, weighText(PIZZA, '2 large slices of pepperoni pizza', ['pepperoni', 'pizza']),
    { grams: 248, quantity: 2, unit: '1 piece, large pizza', trust: 1 }, '2 large slices')
  // "1 can (12 fl oz)" 372 g.
  expectWeighed(t, weighText(COLA, 'a can of coke', ['cola']), { grams: 372, quantity: 1, unit: '1 can (12 fl oz)', trust: 1 }, 'a can')
  // A glass is a cup where the food has a cup row: "1 cup" 244 g.
  expectWeighed(t, weighText(MILK, 'a glass of milk', ['milk']), { grams: 244, quantity: 1, unit: '1 cup', trust: 1 }, 'a glass of milk')
})

t.test('a size word picks the row of that size', async (t) => {
  // "1 small drink" 372, "1 large drink" 744, "1 extra large drink" 1023.
  expectWeighed(t, weighText(COLA, 'a small coke', ['cola']), { grams: 372, quantity: 1, unit: '1 small drink', trust: 1 }, 'small')
  expectWeighed(t, weighText(COLA, 'a large coke', ['cola']), { grams: 744, quantity: 1, unit: '1 large drink', trust: 1 }, 'large')
  expectWeighed(t, weighText(COLA, 'an extra large coke', ['cola']), { grams: 1023, quantity: 1, unit: '1 extra large drink', trust: 1 }, 'extra large')
  // 25210110 Hot dog, NFS: "1 footlong" 88 g.
  expectWeighed(t, weighText(food('25210110'), 'a footlong hot dog', ['hot', 'dog']), { grams: 88, quantity: 1, unit: '1 footlong', trust: 1 }, 'footlong hot dog')
  // Coffee "1 small" 360 g.
  expectWeighed(t, weighText(COFFEE, 'a small coffee', ['coffee']), { grams: 360, quantity: 1, unit: '1 small', trust: 1 }, 'small coffee')
  // No row of the size: the default portion scaled (large 1.5): 1.5 × QNS 122 g = 183 g.
  expectWeighed(t, weighText(RICE, 'a large rice', ['rice']), { grams: 183, quantity: 1, unit: 'large Quantity not specified', trust: 0.8 }, 'large rice')
  // fun size 0.35 × 122 = 42.7 g; miniature 0.25 × 122 = 30.5 g.
  expectWeighed(t, weighText(RICE, 'a fun size rice', ['rice']), { grams: 42.7, quantity: 1, unit: 'fun size Quantity not specified', trust: 0.8 }, 'fun size rice')
  expectWeighed(t, weighText(RICE, 'a mini rice', ['rice']), { grams: 30.5, quantity: 1, unit: 'miniature Quantity not specified', trust: 0.8 }, 'mini rice')
})

t.test('one item said with a size the food has no row for is its one item, sized', async (t) => {
  // 58104700 Quesadilla, NFS: "1 full circle" 140 g, no sized rows; medium is factor 1, large 1.5 → 210 g.
  const quesadilla = food('58104700')
  expectWeighed(t, weighText(quesadilla, 'a medium quesadilla', ['quesadilla']), { grams: 140, quantity: 1, unit: 'medium 1 full circle', trust: 0.8 }, 'medium quesadilla')
  expectWeighed(t, weighText(quesadilla, 'a large quesadilla', ['quesadilla']), { grams: 210, quantity: 1, unit: 'large 1 full circle', trust: 0.8 }, 'large quesadilla')
  // 71400990 Potato, french fries, NFS: "1 fry, NS as to shape" 5 g; "a medium fries" is a serving (QNS 110 g), not one fry.
  expectWeighed(t, weigh(food('71400990'), readAmount('a medium fries'), ['fry', 'potato', 'french']), { grams: 110, quantity: 1, unit: 'medium Quantity not specified', trust: 0.8 }, 'medium fries')
})

t.test('a size said with a cup is the food\'s serving of that size, not a measuring cup', async (t) => {
  // 92302000 Tea, hot, leaf, black: "1 small" 360 g, where "1 cup" is 240 g.
  expectWeighed(t, weighText(food('92302000'), 'a small cup of tea', ['tea']), { grams: 360, quantity: 1, unit: '1 small', trust: 1 }, 'small cup of tea')
  // 13110110 Ice cream, chocolate: "1 medium ice cream cup" 240 g, where "1 cup" is 135 g.
  expectWeighed(t, weighText(food('13110110'), 'a medium cup of ice cream', ['ice', 'cream']), { grams: 240, quantity: 1, unit: '1 medium ice cream cup', trust: 1 }, 'medium cup of ice cream')
  // No size: the measuring cup.
  expectWeighed(t, weighText(food('13110110'), 'a cup of ice cream', ['ice', 'cream']), { grams: 135, quantity: 1, unit: '1 cup', trust: 1 }, 'cup of ice cream')
})

t.test('a mass is weighed as stated', async (t) => {
  expectWeighed(t, weighText(RICE, '200 g rice'), { grams: 200, quantity: 200, unit: 'g', trust: 1 }, '200 g')
  expectWeighed(t, weighText(RICE, '1 kg rice'), { grams: 1000, quantity: 1, unit: 'kg', trust: 1 }, '1 kg')
  // 8 × 28.3495 g = 226.796 g.
  expectWeighed(t, weighText(food('21001000'), '8 oz steak'), { grams: 226.796, quantity: 8, unit: 'oz', trust: 1 }, '8 oz steak')
  // 1 × 453.592 g.
  expectWeighed(t, weighText(food('63223020'), '1 lb of strawberries'), { grams: 453.592, quantity: 1, unit: 'lb', trust: 1 }, '1 lb')
})

t.test('a US volume uses the food\'s own row of that measure', async (t) => {
  // 0.5 × "1 cup, cooked" 163 g = 81.5 g.
  expectWeighed(t, weighText(RICE, '0.5 cup of rice'), { grams: 81.5, quantity: 0.5, unit: '1 cup, cooked', trust: 1 }, 'half a cup')
  // 1.5 × "1 cup" 244 g = 366 g.
  expectWeighed(t, weighText(MILK, '1.5 cups of milk'), { grams: 366, quantity: 1.5, unit: '1 cup', trust: 1 }, '1.5 cups')
  // Peanut butter 42202000: 2 × "1 tablespoon" 16 g = 32 g.
  expectWeighed(t, weighText(food('42202000'), '2 tbsp of peanut butter'), { grams: 32, quantity: 2, unit: '1 tablespoon', trust: 1 }, '2 tbsp')
  // Sugar, NFS 91101000: "1 teaspoon" 4.2 g.
  expectWeighed(t, weighText(food('91101000'), 'a teaspoon of sugar'), { grams: 4.2, quantity: 1, unit: '1 teaspoon', trust: 1 }, 'a teaspoon')
})

t.test('any other volume goes through the food\'s density', async (t) => {
  // Milk "1 fl oz" 30.5 g: 300 ml × 30.5 / 29.5735 = 309.40 g.
  expectWeighed(t, weighText(MILK, '300 ml of milk'), { grams: 309.40, quantity: 300, unit: 'ml', trust: 0.95 }, '300 ml')
  // Beer "1 fl oz" 30 g: a pint, 473.176 ml × 30 / 29.5735 = 480.0 g.
  expectWeighed(t, weighText(BEER, 'a pint of beer'), { grams: 480.0, quantity: 1, unit: 'pint', trust: 0.95 }, 'a pint')
  // Coffee "1 fl oz" 30 g: a cup, 236.588 ml × 30 / 29.5735 = 240.0 g (its "1 cup (8 fl oz)" row is not a bare cup).
  expectWeighed(t, weighText(COFFEE, 'a cup of coffee'), { grams: 240.0, quantity: 1, unit: 'cup', trust: 0.95 }, 'a cup of coffee')
  // A glass of a food with no cup row: one cup by density, 236.588 × 30 / 29.5735 = 240.0 g.
  expectWeighed(t, weighText(BEER, 'a glass of beer'), { grams: 240.0, quantity: 1, unit: 'glass', trust: 0.9 }, 'a glass of beer')
  expectWeighed(t, weighText(BEER, '2 mugs of beer'), { grams: 480.0, quantity: 2, unit: 'mug', trust: 0.9 }, '2 mugs of beer')
})

t.test('a drink whose fluid-ounce rows say "(no ice)" still has a density', async (t) => {
  // Orange juice "1 fl oz (no ice)" 31 g, so 31 / 29.5735 g per ml: a volume of it is weighed by that
  // density, not as one default portion.
  // 500 ml × 31 / 29.5735 = 524.12 g.
  expectWeighed(t, weighText(OJ, '500 ml of orange juice'), { grams: 524.12, quantity: 500, unit: 'ml', trust: 0.95 }, '500 ml of juice')
  // 16 fl oz × 29.5735 ml × 31 / 29.5735 = 16 × 31 = 496 g.
  expectWeighed(t, weighText(OJ, '16 fl oz of orange juice'), { grams: 496, quantity: 16, unit: 'fl oz', trust: 0.95 }, '16 fl oz of juice')
  // "a 20 oz coke": fluid ounces of a drink, 20 × 31 = 620 g.
  expectWeighed(t, weighText(COLA, 'a 20 oz coke', ['cola']), { grams: 620, quantity: 20, unit: 'oz', trust: 0.95 }, 'a 20 oz coke')
})

t.test('a measure inside a container picks the row that states it', async (t) => {
  // "1 bottle (20 fl oz)" 620 g.
  expectWeighed(t, weighText(COLA, 'a 20 oz bottle of coke', ['cola']), { grams: 620, quantity: 1, unit: '1 bottle (20 fl oz)', trust: 1 }, '20 oz bottle')
  // Diet cola 92410320 "1 can (12 fl oz)" 360 g.
  expectWeighed(t, weighText(food('92410320'), 'a 12 fl oz can of diet coke', ['cola', 'diet']),
    { grams: 360, quantity: 1, unit: '1 can (12 fl oz)', trust: 1 }, '12 fl oz can')
  // "1 bottle (16.9 fl oz or 500 ml)" 524 g: the measure in the row's parenthesis picks it over the 20 fl oz bottle.
  expectWeighed(t, weighText(COLA, 'a 16.9 oz bottle of coke', ['cola']),
    { grams: 524, quantity: 1, unit: '1 bottle (16.9 fl oz or 500 ml)', trust: 1 }, '16.9 oz bottle')
  // Water, NFS has no bottle row: 24 fl oz × 29.5735 ml × 30 / 29.5735 = 24 × 30 = 720 g.
  expectWeighed(t, weighText(WATER, 'a 24 oz bottle of water', ['water']), { grams: 720, quantity: 1, unit: '24 oz bottle', trust: 0.95 }, '24 oz bottle')
  // A measure with no container (an Amount readAmount never builds, but weigh accepts): the same 720 g.
  expectWeighed(t, weigh(WATER, { quantity: 1, unit: null, measure: { value: 24, unit: { name: 'oz', kind: 'mass', size: 28.3495 } }, size: null, food: 'water' }, ['water']),
    { grams: 720, quantity: 1, unit: '24 oz', trust: 0.95 }, '24 oz, no container')
})

t.test('a bare count uses the row that counts the food', async (t) => {
  // 42301020 Peanut butter sandwich, with regular peanut butter, on wheat bread: "1 sandwich" 92 g and
  // "1 sandwich (1 slice bread)" 46 g. The parenthesis's "bread" repeats the food's name and tells nothing;
  // its "slice", said in the text, tells the open-faced one.
  const pb = food('42301020')
  expectWeighed(t, weighText(pb, 'a sandwich', ['peanut', 'butter', 'sandwich', 'wheat', 'bread']), { grams: 92, quantity: 1, unit: '1 sandwich', trust: 1 }, 'a sandwich')
  expectWeighed(t, weighText(pb, 'a sandwich', ['peanut', 'butter', 'sandwich', 'slice', 'wheat', 'bread']), { grams: 46, quantity: 1, unit: '1 sandwich (1 slice bread)', trust: 1 }, 'a sandwich on a slice')
  // 2 × "1 egg" 50 g = 100 g.
  expectWeighed(t, weighText(EGG, '2 eggs', ['egg']), { grams: 100, quantity: 2, unit: '1 egg', trust: 1 }, '2 eggs')
  // 24168010 Chicken "wings" with hot sauce, from precooked: its one item row is "1 drummette" 35 g; 6 are
  // 210 g, not 6 × QNS 140 g. Trusted less: the text did not name the drummette.
  expectWeighed(t, weighText(food('24168010'), '6 buffalo wings', ['buffalo', 'wing']), { grams: 210, quantity: 6, unit: '1 drummette', trust: 0.8 }, '6 buffalo wings')
  // 71905410 Plantain chips: "10 chips" 8.4 g, so 5 chips are 4.2 g (not 5 × QNS 38 g).
  expectWeighed(t, weighText(food('71905410'), '5 plantain chips', ['plantain', 'chip']), { grams: 4.2, quantity: 5, unit: '10 chips', trust: 1 }, '5 plantain chips')
  // A bagel: "1 regular" 105 g (medium or regular is the default size).
  expectWeighed(t, weighText(BAGEL, 'a bagel', ['bagel']), { grams: 105, quantity: 1, unit: '1 regular', trust: 1 }, 'a bagel')
  // "pieces" with no piece row counts the food's own items: 2 × "1 egg" 50 g.
  expectWeighed(t, weighText(EGG, '2 pieces of egg', ['egg']), { grams: 100, quantity: 2, unit: '1 egg', trust: 1 }, '2 pieces of egg')
  // No row counts rice: 1 × QNS 122 g, trusted less.
  expectWeighed(t, weighText(RICE, 'a rice', ['rice']), { grams: 122, quantity: 1, unit: 'Quantity not specified', trust: 0.8 }, 'a rice')
  // A volume row is not a count: "1 cup" would match the word but is not "one" of the food.
  expectWeighed(t, weigh(WATER, readAmount('1 water'), ['cup']), { grams: 360, quantity: 1, unit: 'Quantity not specified', trust: 0.8 }, 'a cup row is not an item')
})

t.test('no amount: the default portion', async (t) => {
  expectWeighed(t, weighText(RICE, 'rice', ['rice']), { grams: 122, quantity: 1, unit: 'Quantity not specified', trust: 1 }, 'rice')
  expectWeighed(t, weighText(WATER, 'water', ['water']), { grams: 360, quantity: 1, unit: 'Quantity not specified', trust: 1 }, 'water')
})

t.test('a package that states its energy weighs that energy of the food', async (t) => {
  // 42100100 Almonds, NFS, 598 kcal per 100 g: a 100 calorie pack is 100 × 100 / 598 = 16.72 g; two are 33.44 g.
  const almonds = food('42100100')
  expectWeighed(t, weighText(almonds, 'a 100 calorie pack of almonds', ['almond']), { grams: 16.72, quantity: 1, unit: '100 calorie package', trust: 1 }, 'a 100 calorie pack')
  expectWeighed(t, weighText(almonds, '2 100 calorie packs of almonds', ['almond']), { grams: 33.44, quantity: 2, unit: '100 calorie package', trust: 1 }, 'two packs')
})

t.test('no amount: one of a food that a row names by its own name', async (t) => {
  // 63129010 Mango, raw: "1 mango" 210 g; QNS 83 g. "mango" logged alone is one mango.
  const mango = food('63129010')
  expectWeighed(t, weighText(mango, 'mango', ['mango']), { grams: 210, quantity: 1, unit: '1 mango', trust: 1 }, 'mango')
  // Said only in the plural, it is some of it: QNS 83 g.
  expectWeighed(t, weighText(mango, 'mangos', ['mango']), { grams: 83, quantity: 1, unit: 'Quantity not specified', trust: 1 }, 'mangos')
  // 51166000 Croissant: "1 medium croissant" 57 g, the usual one; QNS 70 g.
  expectWeighed(t, weighText(food('51166000'), 'croissant', ['croissant']), { grams: 57, quantity: 1, unit: '1 medium croissant', trust: 1 }, 'croissant')
  // 75117020 Onions, raw: "1 whole" 148 g names no onion by name, so "with onions" is QNS 15 g.
  expectWeighed(t, weighText(food('75117020'), 'onion', ['onion']), { grams: 15, quantity: 1, unit: 'Quantity not specified', trust: 1 }, 'onion')
})

t.test('a bare count: the regular item before a piece of one', async (t) => {
  // 75122200 Peppers, sweet, red, raw: "1 piece" 10 g, "1 regular" 120 g. A red pepper is the regular one.
  expectWeighed(t, weighText(food('75122200'), 'a red pepper', ['pepper']), { grams: 120, quantity: 1, unit: '1 regular', trust: 1 }, 'a red pepper')
})

t.test('a size names its own row first, another size\'s only when the food has no row of its own', async (t) => {
  // 91705520 Chocolate candy, nougat filled with nuts: "1 miniature/bite size" 10 g, "1 fun/snack size" 15 g.
  const candy = food('91705520')
  expectWeighed(t, weighText(candy, 'a fun size candy', ['candy']), { grams: 15, quantity: 1, unit: '1 fun/snack size', trust: 1 }, 'fun size')
  expectWeighed(t, weighText(candy, 'a miniature candy', ['candy']), { grams: 10, quantity: 1, unit: '1 miniature/bite size', trust: 1 }, 'miniature')
  // 51180010 Bagel has "1 miniature" 26 g and no fun size row: "a snack size bagel" takes it.
  expectWeighed(t, weighText(BAGEL, 'a snack size bagel', ['bagel']), { grams: 26, quantity: 1, unit: '1 miniature', trust: 1 }, 'snack size bagel')
})

t.test('fallbacks when no row fits', async (t) => {
  // A count unit the food has no row for: 2 × QNS 122 g, trust 0.6.
  expectWeighed(t, weighText(RICE, '2 bags of rice', ['rice']), { grams: 244, quantity: 2, unit: 'Quantity not specified', trust: 0.6 }, '2 bags')
  // A volume of a food with no volume row at all: one default portion (QNS 105 g), trust 0.5.
  expectWeighed(t, weighText(BAGEL, 'a cup of bagel', ['bagel']), { grams: 105, quantity: 1, unit: 'Quantity not specified', trust: 0.5 }, 'a cup of bagel')
  // A container measure of a food with no density: scaled default portion.
  const solid = madeUp([{ description: 'Quantity not specified', grams: 50 }])
  expectWeighed(t, weighText(solid, 'a 500 ml tub of test food'), { grams: 50, quantity: 1, unit: 'Quantity not specified', trust: 0.6 }, 'measure, no density')
  // A glass of a food with no density: the default portion.
  expectWeighed(t, weighText(solid, 'a glass of test food'), { grams: 50, quantity: 1, unit: 'Quantity not specified', trust: 0.6 }, 'glass, no density')
})

t.test('density from a cup, tablespoon or teaspoon row', async (t) => {
  // 100 ml × 200 g / 236.588 ml = 84.535 g.
  expectWeighed(t, weighText(madeUp([{ description: '1 cup', grams: 200 }]), '100 ml of test food'), { grams: 84.535, quantity: 100, unit: 'ml', trust: 0.95 }, 'cup')
  // 100 ml × 15 g / 14.787 ml = 101.44 g.
  expectWeighed(t, weighText(madeUp([{ description: '1 tablespoon', grams: 15 }]), '100 ml of test food'), { grams: 101.44, quantity: 100, unit: 'ml', trust: 0.95 }, 'tablespoon')
  // 10 ml × 5 g / 4.929 ml = 10.144 g.
  expectWeighed(t, weighText(madeUp([{ description: '1 teaspoon', grams: 5 }]), '10 ml of test food'), { grams: 10.144, quantity: 10, unit: 'ml', trust: 0.95 }, 'teaspoon')
})

t.test('row counts: "2 slices" and "1/2 bar" rows count what they say', async (t) => {
  // 3 × 50 g / 2 slices = 75 g.
  expectWeighed(t, weighText(madeUp([{ description: '2 slices', grams: 50 }]), '3 slices of test food'), { grams: 75, quantity: 3, unit: '2 slices', trust: 1 }, '2 slices row')
  // 1 × 20 g / 0.5 bar = 40 g.
  expectWeighed(t, weighText(madeUp([{ description: '1/2 bar', grams: 20 }]), 'a bar of test food'), { grams: 40, quantity: 1, unit: '1/2 bar', trust: 1 }, '1/2 bar row')
})

t.test('the default row: "Quantity not specified", else the first serving, else the first row', async (t) => {
  const noQns = madeUp([{ description: 'Guideline amount per cup', grams: 5 }, { description: '1 piece', grams: 30 }])
  expectWeighed(t, weighText(noQns, 'test food'), { grams: 30, quantity: 1, unit: '1 piece', trust: 1 }, 'guideline rows are not servings')
  const onlyGuidelines = madeUp([{ description: '1 cubic inch', grams: 17 }, { description: 'Guideline amount per cup', grams: 5 }])
  expectWeighed(t, weighText(onlyGuidelines, 'test food'), { grams: 17, quantity: 1, unit: '1 cubic inch', trust: 1 }, 'no servings: the first row')
  t.equal(weighText(madeUp([]), '2 test food'), null, 'no rows: nothing to weigh')
  t.equal(weighText(madeUp([]), '200 g test food'), null, 'no rows, even for a mass')
})

t.test('portionFit: whether the food\'s own rows name the unit or container said', async (t) => {
  // 92410320 Soft drink, cola, diet has "1 can (12 fl oz)" and "1 bottle (20 fl oz)" rows, no scoop.
  const cola = foods.find((f) => f.code === '92410320') as Food
  t.equal(portionFit(cola, readAmount('a can of diet cola')), 1)
  t.equal(portionFit(cola, readAmount('a 20 fl oz bottle of diet cola')), 1)
  t.equal(portionFit(cola, readAmount('a scoop of diet cola')), 0)
  t.equal(portionFit(cola, readAmount('diet cola')), 0, 'nothing said that a row could name')
  t.equal(portionFit(cola, readAmount('a large diet cola')), 1, 'a size its rows name')
})

t.test('a container said without its size is the typical one', async (t) => {
  // 93101000 Beer: "1 can or bottle (12 fl oz)" 360 g, "1 bottle (40 fl oz)" 1200 g, "Quantity not specified" 360 g.
  expectWeighed(t, weighText(food('93101000'), 'a bottle of beer', ['beer']), { grams: 360, quantity: 1, unit: '1 can or bottle (12 fl oz)', trust: 1 }, 'a bottle')
  // With its size said, the size wins.
  expectWeighed(t, weighText(food('93101000'), 'a 40 fl oz bottle of beer', ['beer']), { grams: 1200, quantity: 1, unit: '1 bottle (40 fl oz)', trust: 1 }, 'a 40 fl oz bottle')
})

t.test('a form noun after the food counts it', async (t) => {
  // 91705520 Chocolate candy, nougat filled with nuts (Snickers): no bar row; "Quantity not specified" 55 g each,
  // not "1 piece" 8 g.
  expectWeighed(t, weighText(food('91705520'), '2 snickers bars', ['snicker', 'bar']), { grams: 110, quantity: 2, unit: 'Quantity not specified', trust: 0.6 }, 'two bars')
})

t.test('a volume of a food measured only cut gives that row\'s density', async (t) => {
  // 24154010 Chicken thigh, grilled without sauce, skin eaten: its one cup row is "1 cup, cooked, diced" 135 g,
  // not a plain "1 cup"; QNS is 80 g. Two cups are 2 × 135 = 270 g; a tablespoon 135 × 14.787 / 236.588 = 8.44 g.
  const thigh = food('24154010')
  expectWeighed(t, weighText(thigh, '2 cups of grilled chicken thigh', ['chicken', 'thigh']), { grams: 270, quantity: 2, unit: 'cup (1 cup, cooked, diced)', trust: 0.9 }, 'two cups')
  expectWeighed(t, weighText(thigh, 'a tablespoon of grilled chicken thigh', ['chicken', 'thigh']), { grams: 8.438, quantity: 1, unit: 'tablespoon (1 cup, cooked, diced)', trust: 0.9 }, 'a tablespoon')
})

t.test('a sized container with no row of its own takes the food\'s row of that size', async (t) => {
  // 91705510 Chocolate candy, nougat filled: no bag row; "1 fun/snack size" 15 g, "1 large/king size" 110 g,
  // QNS 55 g. Not QNS scaled by the size (0.35 × 55 = 19.25 g).
  const nougat = food('91705510')
  expectWeighed(t, weighText(nougat, 'a fun size bag of candy', ['candy']), { grams: 15, quantity: 1, unit: '1 fun/snack size', trust: 0.8 }, 'fun size bag')
  expectWeighed(t, weighText(nougat, '2 king size bags of candy', ['candy']), { grams: 220, quantity: 2, unit: '1 large/king size', trust: 0.8 }, 'two king size bags')
})

t.test('a cup of a food cut as the text says is the cup row cut so', async (t) => {
  // 14104100 Cheese, Cheddar: "1 cup, shredded" 113 g, "1 cup, diced" 132 g, "1 cup, melted" 244 g.
  const cheddar = food('14104100')
  expectWeighed(t, weighText(cheddar, 'a cup of diced cheddar', ['diced', 'cheddar', 'cheese']), { grams: 132, quantity: 1, unit: '1 cup, diced', trust: 1 }, 'diced')
  expectWeighed(t, weighText(cheddar, '2 cups of melted cheddar', ['melted', 'cheddar', 'cheese']), { grams: 488, quantity: 2, unit: '1 cup, melted', trust: 1 }, 'melted')
  // Nothing said of the cut: the first plain cup row, as before.
  expectWeighed(t, weighText(cheddar, 'a cup of cheddar', ['cheddar', 'cheese']), { grams: 113, quantity: 1, unit: '1 cup, shredded', trust: 1 }, 'no cut said')
})

t.test('a unit and a size no row names together: the size row', async (t) => {
  // 91705510 Chocolate candy, nougat filled: no bar row; "1 miniature/bite size" 10 g, "1 fun/snack size" 15 g.
  const nougat = food('91705510')
  expectWeighed(t, weighText(nougat, 'a miniature candy bar', ['candy', 'bar']), { grams: 10, quantity: 1, unit: '1 miniature/bite size', trust: 1 }, 'miniature bar')
  expectWeighed(t, weighText(nougat, '2 fun size candy bars', ['candy', 'bar']), { grams: 30, quantity: 2, unit: '1 fun/snack size', trust: 1 }, 'two fun size bars')
  // 52206010 Cornbread muffin, stick, round: "1 round" 45 g, "1 small" 66 g, "1 medium" 113 g, "1 large" 154 g;
  // no row is both round and sized, so the size said picks the row.
  const muffin = food('52206010')
  expectWeighed(t, weighText(muffin, 'a large round cornbread muffin', ['cornbread', 'muffin']), { grams: 154, quantity: 1, unit: '1 large', trust: 1 }, 'large round')
  expectWeighed(t, weighText(muffin, 'a round cornbread muffin', ['cornbread', 'muffin']), { grams: 45, quantity: 1, unit: '1 round', trust: 1 }, 'round, no size')
})
