import t from 'tap'
import { cutNutrients, USDA_COLUMNS } from '../../scripts/vendor-nutrients.js'
import { NUTRIENT_KEYS } from '../../schemas/nutrients.js'

// USDA's layout: a two-line title in one quoted cell, then a header whose names may hold line breaks
// ("Sugars, total\n(g)", "Iron\n(mg)"), then one row per food; the columns here are in USDA's order.
const HEADER = ['Food code', 'Main food description', 'Energy (kcal)', 'Sugars, total\n(g)', 'Fiber, total dietary (g)', 'Fatty acids, total saturated (g)',
  'Cholesterol (mg)', 'Vitamin C (mg)', 'Vitamin D (D2 + D3) (mcg)', 'Calcium (mg)', 'Iron\n(mg)', 'Potassium (mg)', 'Sodium (mg)', 'Caffeine (mg)', 'Alcohol (g)', 'Water\n(g)']
const usda = (rows: string[]): string => [
  `"FNDDS Nutrient Values\n2021-2023 Food and Nutrient Database for Dietary Studies - At A Glance      ",${','.repeat(HEADER.length - 2)}`,
  HEADER.map((name) => /[,\n]/.test(name) ? `"${name}"` : name).join(','),
  ...rows,
  ''
].join('\n')

t.test('cuts USDA\'s table to the food code and the twelve columns, values as written', async (t) => {
  const text = usda([
    '92410310,"Soft drink, cola",42,9.94,0,0,0,0,0,1,0.02,5,3,9,0,89.36',
    '93101000,Beer,43,0,0,0,0,0,0,4,0.02,27,4,0,3.9,91.96'
  ])
  t.equal(cutNutrients(text), [
    'food_code,fiber_g,sugars_g,saturated_fat_g,sodium_mg,cholesterol_mg,potassium_mg,calcium_mg,iron_mg,vitamin_c_mg,vitamin_d_mcg,caffeine_mg,alcohol_g',
    '92410310,0,9.94,0,3,0,5,1,0.02,0,0,9,0',
    '93101000,0,0,0,4,0,27,4,0.02,0,0,0,3.9',
    ''
  ].join('\n'))
  t.same(Object.keys(USDA_COLUMNS), [...NUTRIENT_KEYS], 'one USDA column per nutrient, in the API\'s order')
})

t.test('refuses a table that is not USDA\'s', async (t) => {
  t.throws(() => cutNutrients('a,b\n1,2\n'), /no "Food code" header row/)
  t.throws(() => cutNutrients(usda(['9241031,Cola,42,9.94,0,0,0,0,0,1,0.02,5,3,9,0,89.36'])), /not a food code: "9241031"/)
  t.throws(() => cutNutrients(usda([]).replace('Caffeine (mg)', 'Theobromine (mg)')), /no column "Caffeine \(mg\)" \(for caffeine_mg\)/)
})
