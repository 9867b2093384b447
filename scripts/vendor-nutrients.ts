// `tsx scripts/vendor-nutrients.ts <USDA "FNDDS Nutrient Values" CSV>`: cuts USDA's published FNDDS 2021-2023
// "At A Glance - FNDDS Nutrient Values" table down to the food code and the twelve nutrients the service
// reports, values copied as USDA wrote them, into src/advice/data/sources/fndds-2021-2023/. Run once when
// USDA publishes a new table; `npm run data` then builds the service's table from the cut.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'csv-parse/sync'

/** Our column name → USDA's column header (whitespace and line breaks in USDA's headers folded to one space). */
export const USDA_COLUMNS = {
  fiber_g: 'Fiber, total dietary (g)',
  sugars_g: 'Sugars, total (g)',
  saturated_fat_g: 'Fatty acids, total saturated (g)',
  sodium_mg: 'Sodium (mg)',
  cholesterol_mg: 'Cholesterol (mg)',
  potassium_mg: 'Potassium (mg)',
  calcium_mg: 'Calcium (mg)',
  iron_mg: 'Iron (mg)',
  vitamin_c_mg: 'Vitamin C (mg)',
  vitamin_d_mcg: 'Vitamin D (D2 + D3) (mcg)',
  caffeine_mg: 'Caffeine (mg)',
  alcohol_g: 'Alcohol (g)'
} as const

/** The compact CSV for USDA's table text: `food_code` and the twelve columns, one row per food, in USDA's order. */
export function cutNutrients (usda: string): string {
  const records: string[][] = parse(usda, { relax_column_count: true })
  // Two title lines sit above the header; the first is one quoted cell spanning both lines.
  const headerAt = records.findIndex((r) => r[0] === 'Food code')
  if (headerAt < 0) throw new Error('no "Food code" header row: is this the FNDDS Nutrient Values table?')
  const header = records[headerAt].map((h) => h.replace(/\s+/g, ' ').trim())
  const at = Object.entries(USDA_COLUMNS).map(([key, name]) => {
    const i = header.indexOf(name)
    if (i < 0) throw new Error(`no column "${name}" (for ${key})`)
    return i
  })
  const lines = [['food_code', ...Object.keys(USDA_COLUMNS)].join(',')]
  for (const row of records.slice(headerAt + 1)) {
    if (row.length === 0 || row[0] === '') continue
    if (!/^[0-9]{8}$/.test(row[0])) throw new Error(`not a food code: "${row[0]}"`)
    lines.push([row[0], ...at.map((i) => row[i].trim())].join(','))
  }
  return `${lines.join('\n')}\n`
}

/* c8 ignore start: the command-line entry; cutNutrients is what is tested */
if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const from = process.argv[2]
  if (from === undefined) {
    console.error('usage: tsx scripts/vendor-nutrients.ts "<path>/2021-2023 FNDDS At A Glance - FNDDS Nutrient Values.csv"')
    process.exit(2)
  }
  const to = new URL('../src/advice/data/sources/fndds-2021-2023/fndds_2021_2023_nutrients.csv', import.meta.url)
  writeFileSync(to, cutNutrients(readFileSync(from, 'utf8')))
  console.log(`wrote ${fileURLToPath(to)}`)
}
/* c8 ignore stop */
