import t, { type Test } from 'tap'
import { Value } from '@sinclair/typebox/value'
import { FoodItem } from '../../../../schemas/food.js'
import { Nutrients } from '../../../../schemas/nutrients.js'
import { createMealParser, parseMeal, type MealOptions } from '../../../../src/advice/text/meal/parse.js'

// Every expected number below is worked by hand from src/advice/data/sources/fndds-2021-2023/:
// fndds_2021_2023_foods.csv (kcal_per_100g and macros) and fndds_2021_2023_portions.csv (gram_weight),
// found with `grep '^<food code>,'`. grams are rounded to 0.1 g first, then kcal = grams × kcal_per_100g / 100.

/** What a test pins for an item: its row, the portion or measure it was weighed by, quantity, grams and kcal. */
type Row = [source: string, unit: string, quantity: number, grams: number, kcal: number]

/** The items of a meal as rows, and its unmatched parts. */
function parsed (text: string, options?: MealOptions): { items: Row[], unmatched: string[] } {
  const { items, unmatched } = parseMeal(text, options)
  return { items: items.map((i) => [i.source, i.unit, i.quantity, i.grams, i.kcal]), unmatched }
}

/** Fails unless a text parses to exactly these rows and no unmatched part. */
function expectItems (t: Test, text: string, rows: Row[], options?: MealOptions) {
  t.same(parsed(text, options), { items: rows, unmatched: [] }, text)
}

t.test('issue example: lunch of chips, a soft drink and a chicken-and-bean burrito', async (t) => {
  const text = 'For lunch, I\'m having a cup of plain tortilla chips, a can of caffeine-free fruit-flavored soft drink, and a small burrito with chicken and beans.'
  expectItems(t, text, [
    // 54401075 Tortilla chips, plain, 472 kcal: "1 cup" 30 g → 30 × 4.72 = 141.6
    ['FNDDS 54401075', '1 cup', 1, 30, 141.6],
    // 92410510 Soft drink, fruit flavored, caffeine free, 40 kcal: "1 can (12 fl oz)" 372 g → 148.8
    ['FNDDS 92410510', '1 can (12 fl oz)', 1, 372, 148.8],
    // 58102530 Burrito, chicken, with beans, cheese, 203 kcal: "1 small/regular" 220 g → 446.6
    ['FNDDS 58102530', '1 small/regular', 1, 220, 446.6]
  ])
  const burrito = parseMeal(text).items[2]
  t.match(burrito.food, /^Burrito, chicken, with beans/, 'one burrito row with chicken and beans, not three items')
  t.equal(burrito.food, 'Burrito, chicken, with beans, cheese')
})

t.test('issue example: a large decaf latte and a blueberry muffin from the coffee shop', async (t) => {
  expectItems(t, 'This morning I grabbed a large decaf latte and a blueberry muffin from the coffee shop.', [
    // 92101910 Coffee, Latte, decaffeinated, 43 kcal: "1 large" 600 g → 258
    ['FNDDS 92101910', '1 large', 1, 600, 258],
    // 52302010 Muffin, fruit (additional description: blueberry), 375 kcal: "1 medium" 130 g → 487.5
    ['FNDDS 52302010', '1 medium', 1, 130, 487.5]
  ])
})

t.test('issue example: boiled groundnuts and sweet potato by weight', async (t) => {
  const { items, unmatched } = parseMeal('I had 171 grams of boiled groundnuts and 230 g of boiled sweet potato.')
  t.same(unmatched, [])
  // 42111030 Peanuts, boiled, 318 kcal: 171 g → 543.78 → 543.8
  t.same([items[0].food, items[0].source, items[0].grams, items[0].kcal], ['Peanuts, boiled', 'FNDDS 42111030', 171, 543.8])
  // 73405000 Sweet potato, boiled, NS as to fat: 115 kcal, 1.58 g protein, 17.14 g carbohydrate, 4.53 g fat per 100 g.
  // 230 g → 264.5 kcal, 3.634 → 3.6 g, 39.422 → 39.4 g, 10.419 → 10.4 g. Its nutrients per 100 g (USDA's FNDDS
  // Nutrient Values): fiber 3, sugars 6, saturated fat 1.106, sodium 161, cholesterol 3, potassium 481, calcium 22,
  // iron 0.4, vitamin C 12.4, vitamin D, caffeine and alcohol 0; × 2.3 → 6.9, 13.8, 2.5438 → 2.5, 370.3, 6.9,
  // 1106.3, 50.6, 0.92 → 0.9, 28.52 → 28.5.
  t.same(items[1], {
    text: '230 g of boiled sweet potato',
    food: 'Sweet potato, boiled, NS as to fat',
    quantity: 230,
    unit: 'g',
    grams: 230,
    kcal: 264.5,
    protein_g: 3.6,
    carbs_g: 39.4,
    fat_g: 10.4,
    nutrients: { fiber_g: 6.9, sugars_g: 13.8, saturated_fat_g: 2.5, sodium_mg: 370.3, cholesterol_mg: 6.9, potassium_mg: 1106.3, calcium_mg: 50.6, iron_mg: 0.9, vitamin_c_mg: 28.5, vitamin_d_mcg: 0, caffeine_mg: 0, alcohol_g: 0 },
    confidence: 1,
    source: 'FNDDS 73405000'
  })
  for (const item of items) t.ok(Value.Check(FoodItem, [Nutrients], item), `${item.text} matches the FoodItem schema`)
})

t.test('issue example: a cup of tap water is water, 0 kcal, and not unmatched', async (t) => {
  // 94000100 Water, tap, 0 kcal: "1 cup" 240 g.
  expectItems(t, 'a cup of tap water', [['FNDDS 94000100', '1 cup', 1, 240, 0]])
})

t.test('water, black coffee and tea are near zero', async (t) => {
  // 94000010 Water, NFS: a glass is its "1 cup" row, 240 g, 0 kcal.
  expectItems(t, 'a glass of water', [['FNDDS 94000010', '1 cup', 1, 240, 0]])
  // 92101000 Coffee, brewed, 1 kcal: no bare "1 cup" row, so by density from "1 fl oz" 30 g:
  // 236.588 ml × 30 / 29.5735 = 240.0 g → 2.4 kcal.
  expectItems(t, 'a cup of black coffee', [['FNDDS 92101000', 'cup', 1, 240, 2.4]])
  // 92111000 Coffee, NS as to brewed or instant, decaffeinated, 0 kcal: 240.0 g the same way.
  expectItems(t, 'a cup of decaf coffee', [['FNDDS 92111000', 'cup', 1, 240, 0]])
  // 92303010 Tea, hot, leaf, green, 1 kcal: a mug is its "1 cup" row, 240 g → 2.4.
  expectItems(t, 'a mug of green tea', [['FNDDS 92303010', '1 cup', 1, 240, 2.4]])
  const tea = parseMeal('a cup of tea')
  t.same([tea.items.length, tea.items[0].grams, tea.items[0].kcal], [1, 240, 2.4], 'any hot tea row: 1 kcal per 100 g, "1 cup" 240 g')
  t.equal(tea.items[0].source, 'FNDDS 92302000', 'plain tea is Tea, hot, leaf, black')
})

t.test('Oxford comma: each listed food is an item', async (t) => {
  expectItems(t, 'toast, bacon, and orange juice', [
    // 51000110 Bread, NS as to major flour, toasted, 293 kcal: QNS 25 g → 73.25 → 73.3
    ['FNDDS 51000110', 'Quantity not specified', 1, 25, 73.3],
    // 22600100 Bacon, NS as to type of meat, cooked, 484 kcal: QNS 16 g → 77.44 → 77.4
    ['FNDDS 22600100', 'Quantity not specified', 1, 16, 77.4],
    // 61210000 Orange juice, 100%, NFS, 47 kcal: QNS 248 g → 116.56 → 116.6
    ['FNDDS 61210000', 'Quantity not specified', 1, 248, 116.6]
  ])
})

t.test('"along with", "paired with" and "topped with" join two foods', async (t) => {
  const bagel: Row = ['FNDDS 51180010', '1 regular', 1, 105, 277.2] // Bagel, 264 kcal: "1 regular" 105 g → 277.2
  const creamCheese: Row = ['FNDDS 14301010', 'Quantity not specified', 1, 30, 102.9] // Cream cheese, regular, plain, 343 kcal: QNS 30 g
  expectItems(t, 'a bagel along with cream cheese', [bagel, creamCheese])
  // FNDDS has no bagel-with-cream-cheese row, so a plain "with" gives two items too.
  expectItems(t, 'a bagel with cream cheese', [bagel, creamCheese])
  expectItems(t, 'grilled chicken paired with rice', [
    // 24103050 Chicken, NS as to part, grilled without sauce, NS as to skin eaten, 179 kcal: QNS 85 g → 152.15 → 152.2
    ['FNDDS 24103050', 'Quantity not specified', 1, 85, 152.2],
    // 56205001 Rice, white, cooked, NS as to fat, 129 kcal: QNS 122 g → 157.38 → 157.4
    ['FNDDS 56205001', 'Quantity not specified', 1, 122, 157.4]
  ])
  expectItems(t, 'oatmeal topped with blueberries', [
    // 56202960 Oatmeal, NFS, 76 kcal: QNS 240 g → 182.4
    ['FNDDS 56202960', 'Quantity not specified', 1, 240, 182.4],
    // 63203010 Blueberries, raw, 64 kcal: QNS 75 g → 48
    ['FNDDS 63203010', 'Quantity not specified', 1, 75, 48]
  ])
})

t.test('two foods that together spell another row stay two foods', async (t) => {
  // "pancakes topped with syrup" is pancakes and syrup: a topping is its own item, looked up alone.
  const pancakes = parseMeal('pancakes topped with syrup')
  t.equal(pancakes.items.length, 2, 'pancakes and syrup')
  t.match(pancakes.items[0]?.food, /^Pancakes/)
  // 91300010 Syrup, NFS, 265 kcal: QNS 40 g → 106 (the same values as 91300100 Pancake syrup)
  t.same(pancakes.items.map((i) => [i.source, i.grams, i.kcal]).slice(-1), [['FNDDS 91300010', 40, 106]])
  // "a bowl of cereal with milk" is not 53710600 "Milk 'n Cereal bar", a 40 g bar, though the bar's
  // name explains both words: its head, "bar", is a product the text never names.
  const cereal = parseMeal('a bowl of cereal with milk')
  t.equal(cereal.items.length, 2, 'cereal and milk')
  t.notOk(cereal.items.some((i) => i.source === 'FNDDS 53710600'), 'not a cereal bar')
  // "2 eggs and toast" is two eggs and a slice of toast: 31102000 Egg, whole, cooked, NS as to cooking
  // method, 176 kcal, "1 egg" 50 g × 2 = 100 g → 176; 51000110 Bread, NS as to major flour, toasted,
  // 293 kcal, QNS 25 g → 73.25 → 73.3. Read whole, "egg toast" (toast is bread) spells 51119040
  // "Bread, egg, Challah, toasted"; a counted plural names its own food unless the row is headed by it.
  const items = (text: string) => parseMeal(text).items.map((i) => [i.source, i.grams, i.kcal])
  t.same(items('2 eggs and toast'), [['FNDDS 31102000', 100, 176], ['FNDDS 51000110', 25, 73.3]], 'eggs and toast')
  // 55100005 Pancakes, NFS, 282 kcal, "1 medium pancake" 50 g × 3 = 150 g → 423; 91300010 Syrup, NFS,
  // 265 kcal, QNS 40 g → 106 (whole, "pancake syrup" was three servings of syrup).
  t.same(items('3 pancakes and syrup'), [['FNDDS 55100005', 150, 423], ['FNDDS 91300010', 40, 106]], 'pancakes and syrup')
  // A dish counted by its last word, or headed by the counted food, stays one row: 58102310 Burrito,
  // beef, cheese, 267 kcal, "1 small/regular" 190 g × 2 = 380 g → 1014.6; 58128000 Biscuit with
  // gravy, 224 kcal, "1 biscuit with gravy" 220 g × 2 = 440 g → 985.6.
  t.same(items('2 beef and cheese burritos'), [['FNDDS 58102310', 380, 1014.6]])
  t.same(items('2 biscuits and gravy'), [['FNDDS 58128000', 440, 985.6]])
  // Uncounted, a plural still names whole things: "eggs and toast" is one egg (the QNS portion, 50 g
  // → 88) and a slice of toast (25 g → 73.3), not 51119040 Bread, egg, Challah, toasted.
  t.same(items('eggs and toast'), [['FNDDS 31102000', 50, 88], ['FNDDS 51000110', 25, 73.3]], 'eggs and toast, uncounted')
  // Read whole, "meatball spaghetti" is 58304010 Spaghetti and meatballs dinner, NFS, frozen meal,
  // whose head noun is "dinner" (a word the lookup drops as the occasion's). 27160100 Meatballs, NS as
  // to type of meat, with sauce, 186 kcal, QNS 129 g → 239.94 → 239.9; 56130000 Pasta, cooked,
  // 157 kcal, QNS 140 g → 219.8; counted, "1 meatball with sauce" 43 g × 3 = 129 g → 239.9 too.
  t.same(items('meatballs and spaghetti'), [['FNDDS 27160100', 129, 239.9], ['FNDDS 56130000', 140, 219.8]])
  t.same(items('3 meatballs and spaghetti'), [['FNDDS 27160100', 129, 239.9], ['FNDDS 56130000', 140, 219.8]])
  // A run spelled only by a row's synonyms is not that dish: "a hot dog with mustard" was 75503020
  // Relish, pickle ("relish, NFS; sweet; mustard; hot dog"), 15 g. 25210110 Hot dog, NFS, 310 kcal,
  // "1 regular" 57 g → 176.7; 75506010 Mustard, 69 kcal, QNS 5 g → 3.45 → 3.5.
  t.same(items('a hot dog with mustard'), [['FNDDS 25210110', 57, 176.7], ['FNDDS 75506010', 5, 3.5]])
  // "a bowl of cheerios with milk" was 53710600 Milk 'n Cereal bar, named by its synonyms only:
  // 57401100 Cereal, O's, NFS ("Cheerios" is its synonym), 379 kcal, a bowl is "1 cup" 35 g → 132.65
  // → 132.7; 11100000 Milk, NFS, 52 kcal, QNS 244 g → 126.88 → 126.9.
  t.same(items('a bowl of cheerios with milk'), [['FNDDS 57401100', 35, 132.7], ['FNDDS 11100000', 244, 126.9]])
  // Each later part of a dish read whole must be said by the row: "lentil soup with bread" was 41603010
  // Soup, lentil alone (the row explains 75 % of the words by weight, and nothing of the bread). Soup,
  // lentil, 60 kcal, QNS 255 g → 153; 51000100 Bread, NS as to major flour, 267 kcal, QNS 28 g → 74.76 → 74.8.
  t.same(items('lentil soup with bread'), [['FNDDS 41603010', 255, 153], ['FNDDS 51000100', 28, 74.8]])
  // "pb&j" is one sandwich, and the milk after it is not swallowed by it: 42302010 Peanut butter and
  // jelly sandwich, NFS, 361 kcal, "1 sandwich" 112 g → 404.32 → 404.3; Milk, NFS, 244 g → 126.9.
  t.same(items('a pb&j sandwich and milk'), [['FNDDS 42302010', 112, 404.3], ['FNDDS 11100000', 244, 126.9]])
  // A row that says the words as they were joined keeps them one food: "cookies and cream ice cream"
  // is an alias of 13110102 Ice cream, vanilla, with additional ingredients, 242 kcal, QNS 140 g → 338.8.
  t.same(items('cookies and cream ice cream'), [['FNDDS 13110102', 140, 338.8]])
})

t.test('a part that only says how the food before was made or served names no food', async (t) => {
  const items = (text: string) => parseMeal(text).items.map((i) => [i.source, i.grams, i.kcal])
  // Looked up alone, "black" was 41101990 Black beans, NFS (166.5 kcal), "grilled" 71104030 Potato,
  // roasted, NFS (214.2), "unsweetened" 93301110 Martini (241.2): foods nobody ate. None is reported unmatched either.
  // 92100000 Coffee, NS as to type, 1 kcal, QNS 360 g → 3.6.
  t.same(parseMeal('coffee, black'), { items: [parseMeal('coffee').items[0]], unmatched: [], near: [] })
  t.same(items('coffee, black'), [['FNDDS 92100000', 360, 3.6]])
  // 92303010 Tea, hot, leaf, green, 1 kcal, "1 cup" 240 g → 2.4.
  t.same(items('a cup of green tea, unsweetened'), [['FNDDS 92303010', 240, 2.4]])
  // A weight after the description still sizes the food: 24120110 Chicken breast, NS as to cooking
  // method, skin eaten, 175 kcal × 150 g → 262.5.
  t.same(items('chicken breast, grilled, 150 g'), [['FNDDS 24120110', 150, 262.5]])
  // Such words still start a dish that one row names: 28340750 Soup, hot and sour, 39 kcal, QNS 245 g
  // → 95.55 → 95.6; 27120060 Sweet and sour pork, 260 kcal, QNS 170 g → 442.
  t.same(items('hot and sour soup'), [['FNDDS 28340750', 245, 95.6]])
  t.same(items('sweet and sour pork'), [['FNDDS 27120060', 170, 442]])
  // Salt seasons the food before; "salt" alone was corrected to "salted" and found almonds, salted
  // (168.3 kcal), even with an amount. 31102000 Egg, whole, cooked, "1 egg" 50 g × 2 → 176.
  t.same(items('2 eggs with a pinch of salt'), [['FNDDS 31102000', 100, 176]])
  // Alone, such a word is no meal: nothing matched, nothing to report.
  t.same(parseMeal('grilled'), { items: [], unmatched: [], near: [] })
})

t.test('a later part that names what the row is made of belongs to the dish', async (t) => {
  const items = (text: string) => parseMeal(text).items.map((i) => [i.text, i.source, i.grams, i.kcal])
  // "2 hard tacos" is 58102010 Taco, corn tortilla, beef, cheese, 249 kcal, "1 small/regular" 105 g × 2
  // = 210 g → 522.9; "ground beef" names its beef, where it was another 85 g of raw ground beef.
  t.same(items('2 hard tacos with ground beef'), [['2 hard tacos ground beef', 'FNDDS 58102010', 210, 522.9]])
  // Pancakes, NFS says nothing of syrup: the syrup is its own item.
  t.equal(parseMeal('pancakes with syrup').items.length, 2)
})

t.test('a compound dish is kept whole', async (t) => {
  // 42302010 Peanut butter and jelly sandwich, NFS, 361 kcal: "1 sandwich" 112 g → 404.32 → 404.3
  expectItems(t, 'a peanut butter and jelly sandwich', [['FNDDS 42302010', '1 sandwich', 1, 112, 404.3]])
  // 58145110 Macaroni or noodles with cheese, 223 kcal: QNS 230 g → 512.9
  expectItems(t, 'macaroni and cheese', [['FNDDS 58145110', 'Quantity not specified', 1, 230, 512.9]])
})

t.test('fractions', async (t) => {
  // Rice "1 cup, cooked" 163 g: 0.5 × 163 = 81.5 g → 81.5 × 1.29 = 105.135 → 105.1
  const halfCup: Row = ['FNDDS 56205001', '1 cup, cooked', 0.5, 81.5, 105.1]
  expectItems(t, 'half a cup of rice', [halfCup])
  expectItems(t, '1/2 cup of rice', [halfCup])
  // 11100000 Milk, NFS, 52 kcal: 1.5 × "1 cup" 244 g = 366 g → 190.32 → 190.3
  const cupAndHalf: Row = ['FNDDS 11100000', '1 cup', 1.5, 366, 190.3]
  expectItems(t, '1 1/2 cups of milk', [cupAndHalf])
  expectItems(t, 'one and a half cups of milk', [cupAndHalf])
  // Vulgar-fraction glyphs read as the fractions they stand for (NFKC alone would make "½" "1⁄2").
  expectItems(t, '½ cup of rice', [halfCup])
  expectItems(t, '1½ cups of milk', [cupAndHalf])
})

t.test('containers with an inner measure pick the row that states it', async (t) => {
  // 92410310 Soft drink, cola (Coke), 42 kcal: "1 bottle (20 fl oz)" 620 g → 260.4
  expectItems(t, 'a 20 oz bottle of Coke', [['FNDDS 92410310', '1 bottle (20 fl oz)', 1, 620, 260.4]])
  // 92410320 Soft drink, cola, diet (Diet Coke), 2 kcal: "1 can (12 fl oz)" 360 g → 7.2
  expectItems(t, 'a 12 fl oz can of diet coke', [['FNDDS 92410320', '1 can (12 fl oz)', 1, 360, 7.2]])
  // 94000010 Water, NFS has no bottle row: 24 fl oz by its "1 fl oz" 30 g row = 720 g, 0 kcal.
  expectItems(t, 'a 24 oz bottle of water', [['FNDDS 94000010', '24 oz bottle', 1, 720, 0]])
  // Cola "1 bottle (16.9 fl oz or 500 ml)" 524 g → 220.08 → 220.1: the measure in the row's parenthesis
  // picks it over the 20 fl oz bottle.
  expectItems(t, 'a 16.9 oz bottle of coke', [['FNDDS 92410310', '1 bottle (16.9 fl oz or 500 ml)', 1, 524, 220.1]])
})

t.test('grams, millilitres and ounces', async (t) => {
  // Rice 129 kcal: 200 g → 258
  expectItems(t, '200g rice', [['FNDDS 56205001', 'g', 200, 200, 258]])
  // Milk "1 fl oz" 30.5 g: 300 ml × 30.5 / 29.5735 = 309.40 g → 309.4 × 0.52 = 160.888 → 160.9
  expectItems(t, '300 ml of milk', [['FNDDS 11100000', 'ml', 300, 309.4, 160.9]])
  // 21001000 Steak, NS as to type of meat, NS as to fat eaten, 230 kcal: 8 × 28.3495 = 226.796 → 226.8 g → 521.64 → 521.6
  expectItems(t, '8 oz steak', [['FNDDS 21001000', 'oz', 8, 226.8, 521.6]])
  // 82104000 Olive oil, 900 kcal: 2 × "1 tablespoon" 14 g = 28 g → 252
  expectItems(t, '2 tbsp of olive oil', [['FNDDS 82104000', '1 tablespoon', 2, 28, 252]])
})

t.test('drinks measured in ml or oz use their fluid-ounce row', async (t) => {
  // Orange juice "1 fl oz (no ice)" 31 g: 500 ml × 31 / 29.5735 = 524.12 → 524.1 g → 524.1 × 0.47 = 246.327 → 246.3.
  // A 20 oz coke: 20 fl oz × 31 g = 620 g → 260.4, by the "1 fl oz (no ice)" row's density, not one
  // default portion.
  expectItems(t, '500 ml of orange juice', [['FNDDS 61210000', 'ml', 500, 524.1, 246.3]])
  expectItems(t, 'a 20 oz coke', [['FNDDS 92410310', 'oz', 20, 620, 260.4]])
})

t.test('a trailing weight restates the item before it', async (t) => {
  // 14640100 Grilled cheese sandwich, NFS, 343 kcal: 180 g → 617.4
  t.same(parseMeal('a grilled cheese sandwich (180 g)').items.map((i) => [i.text, i.source, i.unit, i.grams, i.kcal]),
    [['a grilled cheese sandwich, 180 g', 'FNDDS 14640100', 'g', 180, 617.4]])
  expectItems(t, 'rice, 200 g', [['FNDDS 56205001', 'g', 200, 200, 258]])
  expectItems(t, 'rice 200 g', [['FNDDS 56205001', 'g', 200, 200, 258]])
  // Bagel 264 kcal: 95 g → 250.8; 200 g → 528 (a weight restates even after a count).
  expectItems(t, 'a bagel (95 g)', [['FNDDS 51180010', 'g', 95, 95, 250.8]])
  expectItems(t, '2 bagels, 200 g', [['FNDDS 51180010', 'g', 200, 200, 528]])
  // A bare amount sizes an item that had none: olive oil, 2 × 14 g = 28 g → 252.
  expectItems(t, 'olive oil, 2 tbsp', [['FNDDS 82104000', '1 tablespoon', 2, 28, 252]])
  // An item said with only a size is counted by the next part, and keeps its size: 58106540 Pizza with
  // pepperoni, 282 kcal, 3 × "1 piece, large pizza" 124 g = 372 g → 1049.04 → 1049 (the count was
  // reported unmatched, and the pizza was one slice).
  expectItems(t, 'large pepperoni pizza, 3 slices', [['FNDDS 58106540', '1 piece, large pizza', 3, 372, 1049]])
  // A piece is part of a thing: 26109140 Fish, cod, fried, 217 kcal, has no piece row, so a piece is
  // one "1 small/regular fillet" (140 g), never "1 whole fish, any size" (420 g): 2 × 140 = 280 g → 607.6.
  expectItems(t, '2 pieces of fried cod', [['FNDDS 26109140', '1 small/regular fillet', 2, 280, 607.6]])
  // A count after a counted item does not restate it, and a bare amount with nothing before sizes
  // nothing: both are reported as unmatched, never silently dropped.
  t.same(parsed('a bagel, 2 slices'), { items: [['FNDDS 51180010', '1 regular', 1, 105, 277.2]], unmatched: ['2 slices'] })
  t.same(parsed('360 g'), { items: [], unmatched: ['360 g'] })
  // A countable that is also a food's name is that food: 24150210 Chicken thigh, NS as to cooking method,
  // skin eaten, 226 kcal: "1 thigh" 80 g → 180.8
  expectItems(t, 'a thigh', [['FNDDS 24150210', '1 thigh', 1, 80, 180.8]])
  // Only the item just before is restated: 63107010 Banana, raw, 97 kcal, "1 banana" 126 g → 122.2; 100 g → 97.
  expectItems(t, 'a banana, a banana, 100 g', [['FNDDS 63107010', '1 banana', 1, 126, 122.2], ['FNDDS 63107010', 'g', 100, 100, 97]])
  // A weight after a comma restates the words just before it, even words no row knows: the banana keeps its
  // 100 g (97 kcal) and the unknown food is reported, not read as the banana's weight.
  t.same(parsed('a banana that weighs 100 grams and some zorbleberry, 20 grams'), { items: [['FNDDS 63107010', 'g', 100, 100, 97]], unmatched: ['zorbleberry, 20 grams'] })
})

t.test('size words pick the sized row', async (t) => {
  // Diet cola "1 small drink" 360 g → 7.2; cola "1 medium drink" 512 g → 215.04 → 215; "1 large drink" 744 g → 312.48 → 312.5
  expectItems(t, 'a small diet coke', [['FNDDS 92410320', '1 small drink', 1, 360, 7.2]])
  expectItems(t, 'a medium coke', [['FNDDS 92410310', '1 medium drink', 1, 512, 215]])
  expectItems(t, 'a large coke', [['FNDDS 92410310', '1 large drink', 1, 744, 312.5]])
  // 92101900 Coffee, Latte, 43 kcal: "1 small" 360 g → 154.8
  expectItems(t, 'a small latte', [['FNDDS 92101900', '1 small', 1, 360, 154.8]])
  // A chain's name before the size, and the size is 16 fl oz: 16 × "1 fl oz" 30 g = 480 g → 206.4; a food
  // logged with no amount is one of it: 51166000 Croissant, 406 kcal, "1 medium croissant" 57 g → 231.42 → 231.4.
  expectItems(t, 'starbucks grande latte + croissant', [['FNDDS 92101900', '1 fl oz', 16, 480, 206.4], ['FNDDS 51166000', '1 medium croissant', 1, 57, 231.4]])
  // A drink with no sized rows is sized by the volume: 92101820 Coffee, macchiato, sweetened (40 kcal),
  // "1 fl oz" 31 g × 16 = 496 g → 198.4.
  expectItems(t, 'a grande caramel macchiato', [['FNDDS 92101820', '1 fl oz', 16, 496, 198.4]])
})

t.test('app-style counts after the food, and brands whose name starts with a number', async (t) => {
  // 58151180 Sushi roll, California, 94 kcal: 8 × "1 piece" 30 g = 240 g → 225.6 kcal.
  expectItems(t, 'california roll 8 pcs', [['FNDDS 58151180', '1 piece', 8, 240, 225.6]])
  // 7-Up is a synonym of 92410510 Soft drink, fruit flavored, caffeine free (40 kcal), not seven of anything: QNS 372 g → 148.8.
  expectItems(t, '7 up', [['FNDDS 92410510', 'Quantity not specified', 1, 372, 148.8]])
})

t.test('a chain\'s name in an alias names no food of a dish', async (t) => {
  // 71400990 Potato, french fries, fast food has the alias "burger king fries"; "burger and fries" is still
  // two foods: 27510521 Hamburger, NFS (288 kcal) QNS 145 g → 417.6; 71400990 Potato, french fries, NFS
  // (225 kcal) QNS 110 g → 247.5.
  expectItems(t, 'burger and fries', [['FNDDS 27510521', 'Quantity not specified', 1, 145, 417.6], ['FNDDS 71400990', 'Quantity not specified', 1, 110, 247.5]])
})

t.test('a dish FNDDS has no row for is read as what it is made of', async (t) => {
  // Avocado toast: 51000110 Bread, NS as to major flour, toasted (293 kcal) QNS 25 g → 73.25 → 73.3, and
  // 63105010 Avocado, raw (160 kcal) QNS 30 g → 48.
  expectItems(t, 'avocado toast', [['FNDDS 51000110', 'Quantity not specified', 1, 25, 73.3], ['FNDDS 63105010', 'Quantity not specified', 1, 30, 48]])
})

t.test('descriptors pick the row: diet or regular, decaf or not', async (t) => {
  expectItems(t, 'a can of coke', [['FNDDS 92410310', '1 can (12 fl oz)', 1, 372, 156.2]]) // 372 × 0.42 = 156.24
  expectItems(t, 'a can of diet coke', [['FNDDS 92410320', '1 can (12 fl oz)', 1, 360, 7.2]])
  // 92100000 Coffee, NS as to type, 1 kcal: "1 medium" 480 g → 4.8; 92111000 decaffeinated, 0 kcal.
  expectItems(t, 'a coffee', [['FNDDS 92100000', '1 medium', 1, 480, 4.8]])
  expectItems(t, 'a decaf coffee', [['FNDDS 92111000', '1 medium', 1, 480, 0]])
  const cola = parseMeal('a can of cola').items[0]
  const diet = parseMeal('a can of diet cola').items[0]
  t.equal(cola?.source, 'FNDDS 92410310', 'cola is Soft drink, cola')
  t.equal(diet?.source, 'FNDDS 92410320', 'diet cola is Soft drink, cola, diet')
})

t.test('unknown words are unmatched, never guessed', async (t) => {
  t.same(parsed('zorblax'), { items: [], unmatched: ['zorblax'] })
  t.same(parsed('a banana and zorblax'), { items: [['FNDDS 63107010', '1 banana', 1, 126, 122.2]], unmatched: ['zorblax'] })
  t.same(parsed('2 cups of qwxyz'), { items: [], unmatched: ['2 cups of qwxyz'] }, 'the amount stays with the unknown food')
  t.same(parsed('a glorpnik with rice'), { items: [['FNDDS 56205001', 'Quantity not specified', 1, 122, 157.4]], unmatched: ['a glorpnik'] })
  t.same(parsed(''), { items: [], unmatched: [] })
  // A pronoun names no food: like "I had", it is narrative, so nothing is matched and nothing is left out.
  t.same(parsed('I had it this morning'), { items: [], unmatched: [] }, 'a pronoun is not a food')
})

t.test('every part that names a food is an item or unmatched', async (t) => {
  // "sandwiches" is a countable and the food alike: the part is an item or reported, never dropped.
  const { items, unmatched } = parseMeal('2 sandwiches')
  t.equal(items.length + unmatched.length, 1, '2 sandwiches')
})

t.test('amounts of zero are zero', async (t) => {
  // A zero is a quantity: "0 g of rice" is no rice, not one gram.
  expectItems(t, '0 g of rice', [['FNDDS 56205001', 'g', 0, 0, 0]])
  expectItems(t, 'rice 0 g', [['FNDDS 56205001', 'g', 0, 0, 0]])
})

t.test('a unit abbreviation with a full stop', async (t) => {
  // "2 tbsp. of olive oil": the full stop ends the abbreviation, not the phrase: 2 × 14 g = 28 g → 252 kcal.
  expectItems(t, '2 tbsp. of olive oil', [['FNDDS 82104000', '1 tablespoon', 2, 28, 252]])
})

t.test('portion_size sizes only items with no amount', async (t) => {
  // Bagel: "1 large" 131 g → 345.84 → 345.8; "1 small" 69 g → 182.16 → 182.2; medium is the default, QNS 105 g.
  expectItems(t, 'bagel', [['FNDDS 51180010', '1 large', 1, 131, 345.8]], { portionSize: 'large' })
  expectItems(t, 'bagel', [['FNDDS 51180010', '1 small', 1, 69, 182.2]], { portionSize: 'small' })
  expectItems(t, 'bagel', [['FNDDS 51180010', 'Quantity not specified', 1, 105, 277.2]], { portionSize: 'medium' })
  expectItems(t, 'a bagel', [['FNDDS 51180010', '1 regular', 1, 105, 277.2]], { portionSize: 'large' })
  // Rice has no sized row: large is 1.5 × QNS 122 g = 183 g → 236.07 → 236.1, trusted less.
  const rice = parseMeal('rice', { portionSize: 'large' }).items[0]
  t.same([rice.unit, rice.grams, rice.kcal, rice.confidence], ['large Quantity not specified', 183, 236.1, 0.8])
})

t.test('at most 50 items', async (t) => {
  const { items, unmatched } = parseMeal(Array.from({ length: 60 }, () => 'apple').join(', '))
  t.equal(items.length, 50)
  t.same(unmatched, [])
})

t.test('a parser over another lookup', async (t) => {
  const none = createMealParser({ words: (phrase) => phrase.split(' '), find: () => null, nearest: () => null, knows: () => true })
  t.same(none('toast and jam'), { items: [], unmatched: ['toast', 'jam'], near: [] }, 'no whole dish: each soft-joined part is its own unmatched phrase')
  // A row with no portions cannot be weighed: the part is unmatched rather than given a made-up weight.
  const food = { code: '99999999', source: 'FNDDS 2021-2023' as const, description: 'Test food', synonyms: [], aliases: [], category: 'test', kcalPer100g: 100, proteinPer100g: null, carbsPer100g: null, fatPer100g: null, portions: [] }
  const unweighable = createMealParser({ words: (phrase) => phrase.split(' '), find: (words) => ({ food, confidence: 1, words: [...words] }), nearest: () => null, knows: () => true })
  t.same(unweighable('test food'), { items: [], unmatched: ['test food'], near: [] })
})

t.test('plain ingredients FNDDS lacks come from SR Legacy', async (t) => {
  // SR28 NDB 05062 "CHICKEN, BROILER OR FRYERS, BRST, SKINLESS, BNLESS, MEAT ONLY, RAW": 120 kcal/100 g.
  // 200 g × 1.20 = 240 kcal.
  const chicken = parseMeal('200 g of raw chicken breast').items
  t.same(chicken.map((i) => [i.source, i.grams, i.kcal]), [['SR Legacy NDB 05062', 200, 240]])
  // SR28 NDB 20081 all-purpose flour: 364 kcal/100 g, GmWt "1 cup" 125 g. 2 cups = 250 g × 3.64 = 910 kcal.
  const flour = parseMeal('2 cups of flour').items
  t.same(flour.map((i) => [i.source, i.unit, i.grams, i.kcal]), [['SR Legacy NDB 20081', '1 cup', 250, 910]])
})

t.test('a count of items weighs one item, not one serving per item', async (t) => {
  // 53209015 Cookie, chocolate sandwich (synonym "Oreo"), 464 kcal: 3 × "1 Oreo sandwich" 11 g = 33 g → 153.12 → 153.1
  expectItems(t, '3 Oreos', [['FNDDS 53209015', '1 Oreo sandwich', 3, 33, 153.1]])
  // 63223020 Strawberries, raw, 36 kcal: 6 × "1 fruit" 18 g = 108 g → 38.88 → 38.9
  expectItems(t, '6 strawberries', [['FNDDS 63223020', '1 fruit', 6, 108, 38.9]])
  // 51180010 Bagel, 264 kcal: "1 regular" 105 g → 277.2 (not "1 Bagel Thin" 46 g, nor "1 miniature" 26 g)
  expectItems(t, 'a plain bagel', [['FNDDS 51180010', '1 regular', 1, 105, 277.2]])
})

t.test('words that look like amounts or modifiers', async (t) => {
  // "half and half" is 12120100 Cream, half and half, 131 kcal: QNS 20 g → 26.2
  expectItems(t, 'a splash of half and half', [['FNDDS 12120100', 'Quantity not specified', 1, 20, 26.2]])
  t.equal(parseMeal('a splash of half and half').items[0]?.text, 'a splash of half and half', 'the item keeps the words')
  // A weight after a count is the whole amount: 58102010 Taco, corn tortilla, beef, cheese, 249 kcal: 156 g → 388.44 → 388.4
  expectItems(t, '2 beef tacos, 156 g', [['FNDDS 58102010', 'g', 156, 156, 388.4]])
  // "no sugar" after a comma modifies the tea and names no food: one item, nothing unmatched.
  const tea = parseMeal('a cup of mint tea, no sugar')
  t.equal(tea.items.length, 1)
  t.same(tea.unmatched, [])
  // Our alias: 93301182 Whiskey and cola, 89 kcal: "a" is one of its one item row, "1 drink" 225 g → 200.25 → 200.3
  expectItems(t, 'a Jack and Coke', [['FNDDS 93301182', '1 drink', 1, 225, 200.3]])
})

t.test('a fuller row below a generic one that explains too little', async (t) => {
  // "Steak, NS as to type of meat" ranks first on its head noun but explains only "steak"; the
  // sirloin row explains "sirloin" and "steak". 21102150 Beef, steak, sirloin, NS as to fat eaten,
  // 239 kcal: 8 oz = 8 × 28.3495 = 226.796 → 226.8 g → 542.05 → 542.1
  expectItems(t, 'an 8 oz grilled sirloin steak', [['FNDDS 21102150', 'oz', 8, 226.8, 542.1]])
})

t.test('an occasion after a food ends at the next item', async (t) => {
  // "off a large hand-tossed pie" is narrative; "and a 20 oz Dr Pepper" is the next item,
  // 92410360 Soft drink, pepper type.
  const { items } = parseMeal('2 slices of pepperoni pizza off a large hand-tossed pie and a 20 oz Dr Pepper')
  t.same(items.map((i) => i.source), ['FNDDS 58106540', 'FNDDS 92410360'])
})

t.test('a repeated text gets the same parse, which no caller can change', async (t) => {
  const first = parseMeal('a bagel and a cup of plain tortilla chips')
  // 51180010 bagel "1 regular" 105 g × 2.64 = 277.2; 54401075 tortilla chips "1 cup" 30 g × 4.72 = 141.6
  t.same(first.items.map((i) => [i.source, i.grams, i.kcal]), [['FNDDS 51180010', 105, 277.2], ['FNDDS 54401075', 30, 141.6]])
  const again = parseMeal('a bagel and a cup of plain tortilla chips')
  t.equal(again, first, 'the very parse kept, not a new one')
  t.not(parseMeal('a bagel and a cup of plain tortilla chips', { portionSize: 'large' }), first, 'the portion size is part of what is remembered')
  t.throws(() => { again.items[0].kcal = 1 }, TypeError, 'an item is frozen')
  t.throws(() => { again.items.push(again.items[0]) }, TypeError, 'the item list is frozen')
  t.throws(() => { again.unmatched.push('x') }, TypeError)
  t.equal(parseMeal('a bagel and a cup of plain tortilla chips').items[0].kcal, 277.2)
})

t.test('a weight stated after the food is the item\'s weight, with no portion row', async (t) => {
  const items = (text: string) => parseMeal(text).items.map((i) => [i.source, i.grams, i.kcal])
  // 58102510 Burrito, chicken, cheese, 244 kcal per 100 g: 250 g → 610.
  t.same(items('a chicken burrito that weighs 250 grams'), [['FNDDS 58102510', 250, 610]])
  // 58106210 Pizza, cheese, from restaurant or fast food, 266 kcal: 140 g → 372.4 (not a slice's portion weight).
  t.same(items('a slice of pizza weighing 140 grams'), [['FNDDS 58106210', 140, 372.4]])
  // 31105005 Egg, whole, fried, NS as to fat, 185 kcal: 55 g → 101.75 → 101.8; hyphenated weight before the food.
  t.same(items('a 55-gram fried egg'), [['FNDDS 31105005', 55, 101.8]])
})

t.test('a container said after the food weighs it by the row\'s own container', async (t) => {
  const items = (text: string) => parseMeal(text).items.map((i) => [i.source, i.unit, i.grams, i.kcal])
  // 92410320 Soft drink, cola, diet, 2 kcal per 100 g, "1 can (12 fl oz)" 360 g → 7.2.
  t.same(items('a diet cola in a 12 fl oz can'), [['FNDDS 92410320', '1 can (12 fl oz)', 360, 7.2]])
})

t.test('a food weighed as a whole is all that weight: what it is made with is no more food', async (t) => {
  const items = (text: string) => parseMeal(text).items.map((i) => [i.source, i.grams, i.kcal])
  // 56203087 Oatmeal, instant, plain, made with water, fat added, 88 kcal per 100 g: 148 g → 130.24 → 130.2.
  // The water and the fat are in the row; they were a 360 g water and a serving of mixed vegetables.
  t.same(items('148 grams of instant oatmeal made with water and some fat'), [['FNDDS 56203087', 148, 130.2]])
  // 53235500 Cookie, with peanut butter filling, chocolate-coated, 562 kcal: 28 g → 157.36 → 157.4.
  // An article does not start another food after a weighed one; a stated amount does.
  t.same(items('a 28 g cookie with a peanut butter filling and a chocolate coating'), [['FNDDS 53235500', 28, 157.4]])
  // 56205001 Rice, white, cooked, NS as to fat, 129 kcal: 200 g → 258; 41100990 Beans, NFS, 189 kcal: 100 g → 189.
  t.same(items('200 g of rice with 100 g of beans'), [['FNDDS 56205001', 200, 258], ['FNDDS 41100990', 100, 189]])
  // A container or unit starts another food too.
  t.same(parseMeal('an ounce of almonds and a can of cola').items.map((i) => i.source), ['FNDDS 42100100', 'FNDDS 92410310'])
})

t.test('one of a food said without a unit is the whole item', async (t) => {
  // 58104700 Quesadilla, NFS, 316 kcal per 100 g: "1 full circle" 140 g → 442.4, not "1 triangular piece" 35 g.
  t.same(parseMeal('a quesadilla').items.map((i) => [i.source, i.unit, i.grams, i.kcal]), [['FNDDS 58104700', '1 full circle', 140, 442.4]])
})

t.test('a size before "single serving bag" picks that size of bag', async (t) => {
  // 54401021 Corn chips, plain, 535 kcal: "1 large single serving bag" 85 g → 85 × 5.35 = 454.75 → 454.8
  expectItems(t, 'a large single serving bag of plain corn chips', [['FNDDS 54401021', '1 large single serving bag', 1, 85, 454.8]])
})

t.test('words before an item that name no food frame it and are not read as food', async (t) => {
  // 51150000 Roll, white, soft, 279 kcal: "1 medium/regular/sandwich size roll" 43 g → 43 × 2.79 = 119.97 → 120
  const roll: Row = ['FNDDS 51150000', '1 medium/regular/sandwich size roll', 1, 43, 120]
  expectItems(t, 'Lunch consists of a medium white roll', [roll])
  expectItems(t, 'lunch that includes a medium white roll', [roll])
  // A number after an item that opens with an article is its weight, not the start of another item.
  t.equal(parseMeal('a white roll that weighs 50 grams').items[0].grams, 50)
})

t.test('a list of fillings after "filled with" is the dish\'s own, read with it as one row', async (t) => {
  // 58102330 Burrito, beef, with beans, cheese, 219 kcal: "1 small/regular" 220 g → 220 × 2.19 = 481.8
  expectItems(t, 'a burrito filled with beef, beans, and cheese', [['FNDDS 58102330', '1 small/regular', 1, 220, 481.8]])
})

t.test('what a dish is filled with is in the dish, never an item beside it', async (t) => {
  // 58110130 Egg roll, with beef and/or pork, 272 kcal: "1 egg roll" 64 g → 64 × 2.72 = 174.08 → 174.1
  expectItems(t, 'an egg roll stuffed with beef and pork', [['FNDDS 58110130', '1 egg roll', 1, 64, 174.1]])
  // 58102540 Burrito, chicken, with beans and rice, cheese, 209 kcal: "1 small/regular" 220 g → 459.8.
  // No row names sour cream too, so the row that names the rest holds it; it is not a fifth item.
  expectItems(t, 'a medium burrito loaded with chicken, beans, rice, and sour cream', [['FNDDS 58102540', '1 small/regular', 1, 220, 459.8]])
})

t.test('a part of a food said apart from it ("with a thin crust") picks the food\'s row; it is no item', async (t) => {
  // 58106512 Pizza with pepperoni, from frozen, thin crust, 274 kcal: 120 g stated → 120 × 2.74 = 328.8
  expectItems(t, 'a slice of pepperoni pizza (120 g), with a thin crust', [['FNDDS 58106512', 'g', 120, 120, 328.8]])
  // 27540205 Chicken fillet sandwich, grilled, on wheat bun, 210 kcal: 150 g stated → 315
  expectItems(t, 'a grilled chicken sandwich (150 g) on a wheat bun', [['FNDDS 27540205', 'g', 150, 150, 315]])
})

t.test('a verb the index knows only by correction frames the item ("picked" is not "pickled")', async (t) => {
  // 63101000 Apple, raw: the apple is the one item, and no pickled row is read from the verb.
  const { items } = parseMeal('picked a small apple')
  t.equal(items.length, 1)
  t.equal(items[0].food, 'Apple, raw')
})

t.test('"baby food" said names the infant rows', async (t) => {
  t.match(parseMeal('a jar of strained banana baby food').items[0].food, /^Baby Toddler bananas/)
})

t.test('a topping is the dish\'s when a row names them together, else a food of its own', async (t) => {
  // 58106300 Pizza, cheese, with vegetables, from frozen, thin crust, 240 kcal: "1 piece, NFS" 109 g → 261.6
  expectItems(t, 'a piece of cheese pizza topped with vegetables', [['FNDDS 58106300', '1 piece, NFS', 1, 109, 261.6]])
  // 55100005 Pancakes, NFS, 282 kcal: "1 medium pancake" 50 g × 3 = 150 g → 423; 91300010 Syrup, NFS,
  // 265 kcal: QNS 40 g → 106.
  t.same(parseMeal('3 pancakes topped with syrup').items.map((i) => [i.source, i.grams, i.kcal]), [['FNDDS 55100005', 150, 423], ['FNDDS 91300010', 40, 106]])
})

t.test('a seasoning said without a weight seasons the food; weighed, it is eaten', async (t) => {
  t.same(parseMeal('rice with a pinch of salt').items.map((i) => i.food), ['Rice, white, cooked, NS as to fat'])
  // SR Legacy NDB 02047 Salt, table: 0 kcal, sodium 38,758 mg per 100 g → 2 g × 387.58 = 775.16 → 775.2 mg.
  const salt = parseMeal('100 g of rice and 2 g of salt').items[1]
  t.same([salt.source, salt.grams, salt.kcal, salt.nutrients.sodium_mg], ['SR Legacy NDB 02047', 2, 0, 775.2])
})

t.test('a size word alone after "with" describes the dish; it starts no other food', async (t) => {
  // 42301020 Peanut butter sandwich, with regular peanut butter, on wheat bread names every word: one item,
  // not a generic sandwich beside a second peanut-butter sandwich.
  t.same(parseMeal('one sandwich with regular peanut butter on whole wheat bread').items.map((i) => i.source), ['FNDDS 42301020'])
})

t.test('a dish made at home, however it is said, is the FNDDS "home recipe" row', async (t) => {
  // 58130015 Lasagna with meat, home recipe, 206 kcal/100 g: 300 g → 618; said plainly, 58130011 Lasagna with meat.
  for (const said of ['300 g of lasagna with meat, made myself', 'homemade lasagna with meat, 300 g', '300 g of lasagna with meat from my own recipe', '300 grams of home-made lasagna with meat']) {
    t.same(parsed(said).items, [['FNDDS 58130015', 'g', 300, 300, 618]], said)
  }
  t.same(parsed('300 g of lasagna with meat').items.map((i) => i[0]), ['FNDDS 58130011'])
  // "Made myself" before an article is what the person did: 14640100 Grilled cheese sandwich, NFS.
  t.same(parsed('I made myself a grilled cheese sandwich').items.map((i) => i[0]), ['FNDDS 14640100'])
})

t.test('a part with no amount that names the dish just weighed more fully is that dish; the same row again is the food twice', async (t) => {
  // 42301015 Peanut butter sandwich, with regular peanut butter, on white bread, 382 kcal/100 g: 80 g → 305.6.
  t.same(parsed('a peanut butter sandwich, 80 g, regular peanut butter on white bread'),
    { items: [['FNDDS 42301015', 'g', 80, 80, 305.6]], unmatched: [] })
  // 14640004 Cheese sandwich, American cheese, on wheat bread (295 kcal/100 g): its head is part of
  // "Grilled cheese sandwich", so it names that dish: 130 g → 383.5.
  t.same(parsed('a grilled cheese sandwich with 130 g of american cheese on wheat'),
    { items: [['FNDDS 14640004', 'g', 130, 130, 383.5]], unmatched: [] })
  // A generic row says less than the dish: 11111000 Milk, whole ("1 cup" 244 g → 148.8) is not read again as Milk, NFS.
  t.same(parsed('a cup of whole milk, milk').items.map((i) => i[0]), ['FNDDS 11111000', 'FNDDS 11100000'])
  // 63107010 Banana, raw: "1 banana" 126 g, twice.
  t.same(parsed('a banana, banana').items.map((i) => i[0]), ['FNDDS 63107010', 'FNDDS 63107010'])
  // "another" counts one, as "a" does: two scoops, 13110100 Ice cream, vanilla and 13110110 Ice cream, chocolate.
  t.same(parsed('a scoop of vanilla ice cream, another scoop of chocolate ice cream').items.map((i) => i[0]), ['FNDDS 13110100', 'FNDDS 13110110'])
})

t.test('a weighed part that names the dish said just before more fully is that dish, not a second one', async (t) => {
  // 42302020 Peanut butter and jelly sandwich, with regular peanut butter, regular jelly, on wheat bread,
  // 360 kcal/100 g: 150 g → 540. Not 42302010 "…, NFS" beside it.
  t.same(parsed('a peanut butter and jelly sandwich with 150 g of regular peanut butter and jelly on wheat'),
    { items: [['FNDDS 42302020', 'g', 150, 150, 540]], unmatched: [] })
})

t.test('a food put on or into a weighed food is its own item, with its own weight', async (t) => {
  // 91402000 Jam, 278 kcal/100 g: 12 g → 33.36 → 33.4; 51000110 Bread, NS as to major flour, toasted,
  // 293 kcal/100 g: 40 g → 117.2. Not one item of 12 g.
  expectItems(t, '12 g of jam on 40 g of toast', [['FNDDS 91402000', 'g', 12, 12, 33.4], ['FNDDS 51000110', 'g', 40, 40, 117.2]])
  // 91101000 Sugar, NFS, 401 kcal/100 g: 15 g → 60.15 → 60.2; 92303010 Tea, hot, leaf, green, 1 kcal/100 g: 250 g → 2.5.
  expectItems(t, '15 g of sugar stirred into 250 g of green tea', [['FNDDS 91101000', 'g', 15, 15, 60.2], ['FNDDS 92303010', 'g', 250, 250, 2.5]])
})

t.test('after a food weighed as a whole, foods said apart with no amount of their own are what it is made of', async (t) => {
  // 23000100 Lamb, NS as to cut, 292 kcal/100 g: 200 g → 584, for the whole plate.
  expectItems(t, '200 g of roast lamb, carrots, and peas', [['FNDDS 23000100', 'g', 200, 200, 584]])
  // A food with an amount of its own is another food: 73101010 Carrots, raw, "1 regular carrot" 60 g, twice.
  t.same(parseMeal('200 g of roast lamb, 2 carrots').items.map((i) => [i.source, i.grams]), [['FNDDS 23000100', 200], ['FNDDS 73101010', 120]])
  // Said with no weight, each is a food: 73101010 Carrots, raw and 75120000 Green peas, raw beside the lamb.
  t.same(parseMeal('roast lamb, carrots, and peas').items.map((i) => i.source), ['FNDDS 23000100', 'FNDDS 73101010', 'FNDDS 75120000'])
  // An app-style list weighs only its first food, and names each: the carrots and peas stay.
  t.same(parseMeal('200g roast lamb, carrots, peas').items.map((i) => i.source), ['FNDDS 23000100', 'FNDDS 73101010', 'FNDDS 75120000'])
})

t.test('a row that names a weighed food with the foods said apart after it is that food\'s row', async (t) => {
  // 27520610 Bacon, lettuce, tomato sandwich on white, 231 kcal/100 g: 150 g → 346.5, not 150 g of bacon.
  expectItems(t, 'a 150 g bacon, lettuce, and tomato sandwich', [['FNDDS 27520610', 'g', 150, 150, 346.5]])
  // The weighed food stays the row's head: 91300100 Pancake syrup is no pancake, so 55100005 Pancakes,
  // NFS, 282 kcal/100 g: 200 g → 564.
  expectItems(t, '200 g of pancakes, syrup', [['FNDDS 55100005', 'g', 200, 200, 564]])
})

t.test('a weight said with a description of the food just counted restates that food', async (t) => {
  // 51180010 Bagel, 264 kcal/100 g: 90 g → 237.6, not its "1 regular" portion.
  expectItems(t, 'a bagel, no butter, 90 g', [['FNDDS 51180010', 'g', 90, 90, 237.6]])
  // 23101000 Lamb, chop, 264 kcal/100 g: 100 g → 264.
  expectItems(t, 'a lamb chop, broiled, 100 g', [['FNDDS 23101000', 'g', 100, 100, 264]])
})

t.test('a metric measure of one serving weighs the food as a whole; a package size in ounces does not', async (t) => {
  // 56130000 Pasta, cooked, 157 kcal/100 g: 250 g → 392.5 for the plate, garlic and parmesan in it.
  expectItems(t, 'a 250 g plate of spaghetti with garlic and parmesan', [['FNDDS 56130000', '250 g plate', 1, 250, 392.5]])
  // "a 4 oz container" sizes the yogurt; the banana after it is a food of its own.
  t.equal(parseMeal('a 6 oz tub of cottage cheese and a pear').items.length, 2)
})

t.test('where a food came from, said apart from it, names its row and no food of its own', async (t) => {
  // 71400990 Potato, french fries, NFS, 225 kcal/100 g: 100 g → 225; "a takeout place" is no food.
  expectItems(t, 'fries (100 g) from a takeout place', [['FNDDS 71400990', 'g', 100, 100, 225]])
  // 58106210 Pizza, cheese, from restaurant or fast food, NS as to type of crust, 266 kcal/100 g: 110 g → 292.6.
  expectItems(t, 'a cheese pizza (110 g) from a restaurant', [['FNDDS 58106210', 'g', 110, 110, 292.6]])
})

t.test('a weighed dish named by a list of what it holds is one item', async (t) => {
  // 34001430 Egg sandwich on croissant, with ham, 284 kcal/100 g: 150 g → 426; not 150 g of ham beside an egg and a cheese croissant.
  expectItems(t, 'a 150 g ham, egg, and cheese croissant', [['FNDDS 34001430', 'g', 150, 150, 426]])
})

t.test('a dish only a generic row names, made with weighed foods, is those foods and is not counted again', async (t) => {
  // 52215200 Tortilla, flour, 306 kcal/100 g: 60 g → 183.6; 24201000 Turkey, NFS, 139 kcal/100 g: 40 g → 55.6.
  // Not 27500300 Sandwich wrap, NFS besides.
  expectItems(t, 'a wrap made with a 60 g flour tortilla and 40 g of turkey', [['FNDDS 52215200', 'g', 60, 60, 183.6], ['FNDDS 24201000', 'g', 40, 40, 55.6]])
  // A dish with a row of its own stays: 51180010 Bagel, "Quantity not specified" 105 g → 277.2, and
  // 14301010 Cream cheese, regular, plain, 343 kcal/100 g: 20 g → 68.6.
  t.same(parsed('a bagel with 20 g of cream cheese').items.map((i) => [i[0], i[3], i[4]]), [['FNDDS 51180010', 105, 277.2], ['FNDDS 14301010', 20, 68.6]])
})

t.test('a weighed food right after a dish counted by its article alone names and weighs that dish', async (t) => {
  // 52302010 Muffin, fruit, 375 kcal/100 g: 110 g → 412.5; not Muffin, NFS ("1 medium" 130 g) beside it.
  expectItems(t, 'a muffin, 110 g of blueberry muffin', [['FNDDS 52302010', 'g', 110, 110, 412.5]])
  // The same row weighed: 63101000 Apple, raw, 61 kcal/100 g: 150 g → 91.5, one apple.
  expectItems(t, 'an apple, 150 g of apple', [['FNDDS 63101000', 'g', 150, 150, 91.5]])
  // With an article of its own after the comma it is another food: two items.
  t.equal(parseMeal('a candy bar, and a small 15 g chocolate bar').items.length, 2)
})
