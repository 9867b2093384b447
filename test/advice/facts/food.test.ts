import t from 'tap'
import type { Food } from '../../../src/advice/data/foods.js'
import { computeFoodFacts } from '../../../src/advice/facts/food.js'
import { createFoodLookup } from '../../../src/advice/text/meal/lookup.js'
import { createMealParser, parseMeal } from '../../../src/advice/text/meal/parse.js'

const FNDDS = 'U.S. Department of Agriculture, Agricultural Research Service. 2024. USDA Food and Nutrient Database for Dietary Studies 2021-2023 (public domain)'
const SR = 'U.S. Department of Agriculture, Agricultural Research Service. USDA National Nutrient Database for Standard Reference, Legacy Release (public domain)'
const NOTHING = 'no food in the text matched the reference tables, so kcal is unknown'
const DEFAULTS = 'some amounts were not stated or could not be weighed exactly; their USDA default portions were used'
const LUNCH = 'For lunch, I\'m having a cup of plain tortilla chips, a can of caffeine-free fruit-flavored soft drink, and a small burrito with chicken and beans.'

t.test('the issue\'s lunch: totals are the sums of the FNDDS items, and complete', async (t) => {
  const facts = computeFoodFacts({ food: LUNCH, meal: 'lunch' })
  // Items (grams × per-100 g value from fndds_2021_2023_foods.csv, each rounded to 0.1):
  //   54401075 Tortilla chips, plain, 1 cup 30 g: 141.6 kcal; P 7.1 → 2.13 → 2.1; C 67.78 → 20.334 → 20.3; F 20.68 → 6.204 → 6.2
  //   92410510 Soft drink, fruit flavored, caffeine free, 1 can 372 g: 148.8 kcal; P 0.05 → 0.2; C 10.14 → 37.7208 → 37.7; F 0.02 → 0.1
  //   58102530 Burrito, chicken, with beans, cheese, 1 small/regular 220 g: 446.6 kcal; P 11.45 → 25.19 → 25.2; C 23.87 → 52.514 → 52.5; F 6.71 → 14.762 → 14.8
  t.equal(facts.kcal, 737, '141.6 + 148.8 + 446.6 = 737.0')
  t.equal(facts.protein_g, 27.5, '2.1 + 0.2 + 25.2')
  t.equal(facts.carbs_g, 110.5, '20.3 + 37.7 + 52.5')
  t.equal(facts.fat_g, 21.1, '6.2 + 0.1 + 14.8')
  t.equal(facts.complete, true)
  t.same(facts.unmatched, [])
  t.same(facts.notes, [])
  t.equal(facts.reported_kcal, null)
  t.same(facts.items, parseMeal(LUNCH).items, 'the items are the parser\'s')
  t.same(facts.sources, ['FNDDS 54401075', 'FNDDS 92410510', 'FNDDS 58102530', FNDDS], 'each row once, then the FNDDS citation')
})

t.test('a bagel with cream cheese', async (t) => {
  // Bagel 51180010, 1 regular 105 g: 277.2 kcal; P 10.56 → 11.088 → 11.1; C 52.38 → 54.999 → 55; F 1.32 → 1.386 → 1.4
  // Cream cheese 14301010, QNS 30 g: 102.9 kcal; P 5.79 → 1.737 → 1.7; C 4.56 → 1.368 → 1.4; F 33.49 → 10.047 → 10
  const facts = computeFoodFacts({ food: 'a bagel with cream cheese' })
  t.same([facts.kcal, facts.protein_g, facts.carbs_g, facts.fat_g], [380, 12.8, 56.4, 11.4])
  t.same(facts.sources, ['FNDDS 51180010', 'FNDDS 14301010', FNDDS])
})

t.test('a repeated row is cited once', async (t) => {
  const facts = computeFoodFacts({ food: 'a banana, a banana' })
  t.equal(facts.items.length, 2)
  t.equal(facts.kcal, 244, 'Banana, raw 63107010: 2 × 122.2 = 244.4 → 244')
  t.same(facts.sources, ['FNDDS 63107010', FNDDS])
})

t.test('nothing matched: kcal and macros are null, and the facts say why', async (t) => {
  t.same(computeFoodFacts({ food: 'zorblax qwxyz', meal: 'lunch' }), {
    kcal: null,
    complete: false,
    protein_g: null,
    carbs_g: null,
    fat_g: null,
    nutrients: { fiber_g: null, sugars_g: null, saturated_fat_g: null, sodium_mg: null, cholesterol_mg: null, potassium_mg: null, calcium_mg: null, iron_mg: null, vitamin_c_mg: null, vitamin_d_mcg: null, caffeine_mg: null, alcohol_g: null },
    items: [],
    unmatched: ['zorblax qwxyz'],
    reported_kcal: null,
    notes: [NOTHING],
    sources: []
  })
})

t.test('a partial total says what it leaves out', async (t) => {
  const facts = computeFoodFacts({ food: 'a banana and zorblax' })
  t.equal(facts.kcal, 122, 'Banana, raw: 126 g × 0.97 = 122.2 → 122')
  t.equal(facts.complete, false)
  t.same(facts.unmatched, ['zorblax'])
  t.same(facts.notes, ['kcal is a partial total: it leaves out "zorblax", which matched no food'])
  t.same(facts.sources, ['FNDDS 63107010', FNDDS])
  const two = computeFoodFacts({ food: 'a banana, zorblax, qwxyz' })
  t.same(two.notes, ['kcal is a partial total: it leaves out "zorblax", "qwxyz", which matched no food'])
})

t.test('a default portion for an amount that could not be weighed is noted', async (t) => {
  // Bagel has no volume row: "a cup of bagel" is one default portion (QNS 105 g), trusted at 0.5.
  const facts = computeFoodFacts({ food: 'a cup of bagel' })
  t.equal(facts.kcal, 277, '105 g × 2.64 = 277.2 → 277')
  t.equal(facts.items[0].confidence, 0.5)
  t.same(facts.notes, [DEFAULTS])
  t.same(computeFoodFacts({ food: '2 bags of rice' }).notes, [], 'trust 0.6 is not below 0.6')
})

t.test('estimated_calories is reported beside ours, never replacing it', async (t) => {
  const facts = computeFoodFacts({ food: LUNCH, estimated_calories: 900 })
  t.equal(facts.kcal, 737)
  t.equal(facts.reported_kcal, 900)
  t.same(facts.notes, ['your estimate 900 kcal; ours 737 kcal from USDA values'])

  const partial = computeFoodFacts({ food: 'a banana and zorblax', estimated_calories: 300 })
  t.same(partial.notes, [
    'kcal is a partial total: it leaves out "zorblax", which matched no food',
    'your estimate 300 kcal; ours 122 kcal from USDA values for the recognized part'
  ])

  const unknown = computeFoodFacts({ food: 'zorblax', estimated_calories: 500 })
  t.equal(unknown.kcal, null)
  t.equal(unknown.reported_kcal, 500)
  t.same(unknown.notes, [NOTHING], 'no comparison without our figure')
  t.equal(computeFoodFacts({ food: 'a banana', estimated_calories: 0 }).reported_kcal, 0, 'zero is a figure')
})

t.test('portion_size reaches the parser', async (t) => {
  // Bagel "1 large" 131 g → 345.8 kcal → 346; "1 small" 69 g → 182.2 → 182.
  t.equal(computeFoodFacts({ food: 'bagel', portion_size: 'large' }).kcal, 346)
  t.equal(computeFoodFacts({ food: 'bagel', portion_size: 'small' }).kcal, 182)
  t.equal(computeFoodFacts({ food: 'bagel', portion_size: 'medium' }).kcal, 277)
})

t.test('a macro total is null when any item lacks it; SR Legacy rows cite SR Legacy', async (t) => {
  const rows: Food[] = [
    { code: '99000001', source: 'FNDDS 2021-2023', description: 'Known food', synonyms: [], aliases: [], category: 'test', kcalPer100g: 100, proteinPer100g: 10, carbsPer100g: 20, fatPer100g: 5, portions: [{ description: 'Quantity not specified', grams: 100 }] },
    { code: '99001', source: 'SR Legacy', description: 'Odd food', synonyms: [], aliases: [], category: 'SR Legacy ingredient', kcalPer100g: 200, proteinPer100g: null, carbsPer100g: 30, fatPer100g: null, portions: [{ description: '1 piece', grams: 50 }] }
  ]
  const { computeFoodFacts: compute } = await t.mockImport<typeof import('../../../src/advice/facts/food.js')>('../../../src/advice/facts/food.js', {
    '../../../src/advice/text/meal/parse.js': { parseMeal: createMealParser(createFoodLookup(rows)) }
  })
  // Known food: QNS 100 g → 100 kcal, P 10, C 20, F 5. Odd food: its first serving, "1 piece" 50 g → 100 kcal, C 15.
  const both = compute({ food: 'known food, odd food' })
  t.same(both.items.map((i) => i.source), ['FNDDS 99000001', 'SR Legacy NDB 99001'])
  t.equal(both.kcal, 200)
  t.equal(both.protein_g, null, 'one item has no protein')
  t.equal(both.carbs_g, 35, 'both items have carbohydrate: 20 + 15')
  t.equal(both.fat_g, null)
  t.same(both.sources, ['FNDDS 99000001', 'SR Legacy NDB 99001', FNDDS, SR])
  const sr = compute({ food: 'odd food' })
  t.same(sr.sources, ['SR Legacy NDB 99001', SR], 'no FNDDS citation without an FNDDS item')
  const known = compute({ food: 'known food' })
  t.same([known.kcal, known.protein_g, known.carbs_g, known.fat_g], [100, 10, 20, 5])
})

t.test('a turkey sandwich is FNDDS 27540010, not a turkey hot dog', async (t) => {
  // FNDDS 2021-2023 foods.csv: 27540010 "Turkey sandwich on white", 189 kcal/100 g; portions.csv:
  // "1 regular" = 115 g. 189 × 1.15 = 217.35 kcal.
  const facts = computeFoodFacts({ food: 'a turkey sandwich' })
  t.equal(facts.items[0].source, 'FNDDS 27540010')
  t.equal(facts.items[0].grams, 115)
  t.equal(facts.kcal, 217)
})

t.test('a measured food whose words are not all known is its head\'s nearest row: counted, but not complete', async (t) => {
  // "kasepa" names no row; "fish" heads 26100110 Fish, NFS, 238 kcal per 100 g: 150 g → 357.
  const facts = computeFoodFacts({ food: '150 g of boiled kasepa fish' })
  t.equal(facts.kcal, 357)
  t.equal(facts.items[0].source, 'FNDDS 26100110')
  t.ok(facts.items[0].confidence < 0.5, 'trusted less than a named row')
  t.equal(facts.complete, false)
  t.same(facts.unmatched, [])
  t.ok(facts.notes?.includes('"150 g of boiled kasepa fish" matched no food exactly; it is counted as the nearest food for its main word: Fish, NFS'))
  // A preparation word never heads a near row ("fried" is not Fried broccoli), and an amount-less phrase is never guessed.
  t.same(parseMeal('20 g of fried insect larvae').items, [])
  t.same(parseMeal('kasepa fish').items, [])
})

t.test('nutrients: each item scaled from its USDA row, the meal the sum of its items', async (t) => {
  const facts = computeFoodFacts({ food: 'a can of coke, a cup of 2% milk, a cup of coffee and a can of beer' })
  t.same(facts.items.map((i) => [i.source, i.grams]), [['FNDDS 92410310', 372], ['FNDDS 11112110', 244], ['FNDDS 92100000', 240], ['FNDDS 93101000', 360]])
  // Per 100 g, from USDA's FNDDS Nutrient Values table (fiber, sugars, sat. fat, sodium, cholesterol, potassium,
  // calcium, iron, vitamin C, vitamin D, caffeine, alcohol), × grams / 100, rounded to 0.1:
  //   cola 92410310 [0, 9.94, 0, 3, 0, 5, 1, 0.02, 0, 0, 9, 0] × 3.72 → sugars 36.9768 → 37, sodium 11.16 → 11.2, caffeine 33.48 → 33.5
  //   2% milk 11112110 [0, 4.89, 1.11, 39, 8, 159, 126, 0, 0.2, 1.1, 0, 0] × 2.44 → sugars 11.9316 → 11.9, sat. fat 2.7084 → 2.7,
  //     sodium 95.16 → 95.2, cholesterol 19.52 → 19.5, potassium 387.96 → 388, calcium 307.44 → 307.4, vitamin C 0.488 → 0.5, vitamin D 2.684 → 2.7
  //   coffee 92100000 [0, 0, 0.002, 2, 0, 49, 2, 0.01, 0, 0, 40, 0] × 2.4 → sodium 4.8, potassium 117.6, calcium 4.8, caffeine 96
  //   beer 93101000 [0, 0, 0, 4, 0, 27, 4, 0.02, 0, 0, 0, 3.9] × 3.6 → sodium 14.4, potassium 97.2, calcium 14.4, iron 0.072 → 0.1, alcohol 14.04 → 14
  t.same(facts.items[0].nutrients, { fiber_g: 0, sugars_g: 37, saturated_fat_g: 0, sodium_mg: 11.2, cholesterol_mg: 0, potassium_mg: 18.6, calcium_mg: 3.7, iron_mg: 0.1, vitamin_c_mg: 0, vitamin_d_mcg: 0, caffeine_mg: 33.5, alcohol_g: 0 })
  t.same(facts.items[1].nutrients, { fiber_g: 0, sugars_g: 11.9, saturated_fat_g: 2.7, sodium_mg: 95.2, cholesterol_mg: 19.5, potassium_mg: 388, calcium_mg: 307.4, iron_mg: 0, vitamin_c_mg: 0.5, vitamin_d_mcg: 2.7, caffeine_mg: 0, alcohol_g: 0 })
  t.equal(facts.items[2].nutrients.caffeine_mg, 96)
  t.equal(facts.items[3].nutrients.alcohol_g, 14)
  t.same(facts.nutrients, {
    fiber_g: 0,
    sugars_g: 48.9, // 37 + 11.9
    saturated_fat_g: 2.7, // 0 + 2.7 + 0.0 (0.0048) + 0
    sodium_mg: 125.6, // 11.2 + 95.2 + 4.8 + 14.4
    cholesterol_mg: 19.5,
    potassium_mg: 621.4, // 18.6 + 388 + 117.6 + 97.2
    calcium_mg: 330.3, // 3.7 + 307.4 + 4.8 + 14.4
    iron_mg: 0.2, // 0.1 + 0 + 0.0 (0.024) + 0.1
    vitamin_c_mg: 0.5,
    vitamin_d_mcg: 2.7,
    caffeine_mg: 129.5, // 33.5 + 96
    alcohol_g: 14
  })
  t.same(facts.notes, [], 'every item has every value: nothing to say')
})

t.test('nutrients: an item without a value makes the meal\'s total null, with a note naming the row', async (t) => {
  // SR Legacy's ABBREV has no caffeine or alcohol column: raw chicken breast (NDB 05062) gives none.
  const facts = computeFoodFacts({ food: '200 g of raw chicken breast and a can of coke' })
  t.same(facts.items.map((i) => i.source), ['SR Legacy NDB 05062', 'FNDDS 92410310'])
  // 05062 × 2: sodium 45 → 90, cholesterol 73 → 146, potassium 334 → 668, iron 0.37 → 0.74 → 0.7.
  t.same([facts.items[0].nutrients.sodium_mg, facts.items[0].nutrients.cholesterol_mg, facts.items[0].nutrients.caffeine_mg, facts.items[0].nutrients.alcohol_g], [90, 146, null, null])
  t.equal(facts.nutrients.caffeine_mg, null, 'not the cola\'s 33.5 alone')
  t.equal(facts.nutrients.alcohol_g, null)
  t.equal(facts.nutrients.sodium_mg, 101.2, '90 + 11.2: both rows have sodium')
  t.same(facts.notes, ['caffeine_mg, alcohol_g unknown for the meal: SR Legacy NDB 05062 gives no value'])

  const nothing = computeFoodFacts({ food: 'zorblax' })
  t.same(Object.values(nothing.nutrients), Array(12).fill(null), 'nothing matched: every nutrient unknown, like kcal')
  t.same(nothing.notes, [NOTHING], 'no nutrient note beside the kcal one')
})

t.test('nutrients: the note names at most three rows', async (t) => {
  const rows: Food[] = ['Quince', 'Medlar', 'Loquat', 'Sapote'].map((name, n) => ({
    code: `9901${n + 1}`, source: 'SR Legacy', description: name, synonyms: [], aliases: [], category: 'test', kcalPer100g: 100, proteinPer100g: 1, carbsPer100g: 1, fatPer100g: 1, portions: [{ description: '1 piece', grams: 50 }]
  }))
  const { computeFoodFacts: compute } = await t.mockImport<typeof import('../../../src/advice/facts/food.js')>('../../../src/advice/facts/food.js', {
    '../../../src/advice/text/meal/parse.js': { parseMeal: createMealParser(createFoodLookup(rows)) }
  })
  // The nutrient table has no row for these codes: every nutrient of every item is unknown.
  const facts = compute({ food: 'quince, medlar, loquat, sapote' })
  t.same(facts.items.map((i) => i.source), ['SR Legacy NDB 99011', 'SR Legacy NDB 99012', 'SR Legacy NDB 99013', 'SR Legacy NDB 99014'])
  t.same(facts.notes, [`${['fiber_g', 'sugars_g', 'saturated_fat_g', 'sodium_mg', 'cholesterol_mg', 'potassium_mg', 'calcium_mg', 'iron_mg', 'vitamin_c_mg', 'vitamin_d_mcg', 'caffeine_mg', 'alcohol_g'].join(', ')} unknown for the meal: SR Legacy NDB 99011, SR Legacy NDB 99012, SR Legacy NDB 99013 and 1 more give no value`])
})

t.test('a user\'s own foods are read first; the text around them goes to the FNDDS reader, in order', async (t) => {
  const { createUserFoodIndex } = await import('../../../src/advice/text/meal/user-foods.js')
  const unknown = { fiber_g: null, sugars_g: null, saturated_fat_g: null, sodium_mg: null, cholesterol_mg: null, potassium_mg: null, calcium_mg: null, iron_mg: null, vitamin_c_mg: null, vitamin_d_mcg: null, caffeine_mg: null, alcohol_g: null }
  // A label of 160 kcal, 30 g protein, 6 g carbs, 2 g fat per 330 g bottle.
  const foods = createUserFoodIndex([{ id: 'f1', name: 'protein shake', aliases: [], serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160, protein_g: 30, carbs_g: 6, fat_g: 2, ...unknown } }])
  const facts = computeFoodFacts({ food: 'a banana, my protein shake and a zorblax' }, foods)
  // 63107010 Banana, raw: 97 kcal per 100 g, "1 banana" 126 g = 122.2 kcal; then the shake, 160 kcal.
  t.same(facts.items.map((i) => [i.source, i.kcal]), [['FNDDS 63107010', 122.2], ['user food f1', 160]])
  t.equal(facts.kcal, 282, '122.2 + 160 = 282.2')
  t.same(facts.unmatched, ['a zorblax'], 'a part no table knows is still reported')
  t.equal(facts.complete, false)
  t.ok(facts.notes.includes('items whose source is "user food <id>" use the values you saved for that food'))
  t.match(facts.notes.join('\n'), /fiber_g, .* unknown for the meal: user food f1 gives no value/, 'a nutrient the label lacks is unknown for the meal, not undercounted')
  t.same(facts.sources, ['FNDDS 63107010', 'user food f1', FNDDS])
  t.same(computeFoodFacts({ food: 'a banana' }, createUserFoodIndex([])).items, parseMeal('a banana').items, 'no foods: the reader alone')
})
