import { Type, type Static } from '@sinclair/typebox'
import { NUTRIENT_KEYS, nutrientsFrom, type Nutrients } from '../../../schemas/nutrients.js'
import { round } from '../facts/round.js'
import table from './nutrients.json' with { type: 'json' }
import { vendored } from './vendored.js'

const Amount = Type.Union([Type.Number({ minimum: 0 }), Type.Null()])

/** The generated nutrient table (`npm run data`): per 100 g, one row per FNDDS food code or SR Legacy NDB number. */
export const NutrientTable = Type.Object({
  source: Type.String(),
  licence: Type.String(),
  generated: Type.String(),
  columns: Type.Array(Type.String()),
  foods: Type.Array(Type.Tuple([Type.String({ pattern: '^([0-9]{8}|[0-9]{5})$' }), ...NUTRIENT_KEYS.map(() => Amount)]))
}, { $id: 'NutrientTable', additionalProperties: false })

type Row = Static<typeof NutrientTable>['foods'][number]
// FNDDS food codes have 8 digits and SR Legacy NDB numbers 5, so one map holds both without clashes.
// It keeps the table's own rows (the code, then the values), so the values are held once.
const rows = new Map<string, Row>(vendored('nutrients.json', NutrientTable, table).foods.map((row) => [row[0], row]))
const UNKNOWN: ReadonlyArray<number | null> = NUTRIENT_KEYS.map(() => null)

// A row's value of the nutrient at `index` of NUTRIENT_KEYS (the code is column 0).
const valueAt = (row: Row | undefined, index: number): number | null => {
  const value = row?.[index + 1]
  return typeof value === 'number' ? value : null
}

/** A row's twelve nutrients per 100 g, in NUTRIENT_KEYS order; all null for a row the table lacks. */
export function nutrientsPer100g (code: string): ReadonlyArray<number | null> {
  const row = rows.get(code)
  return row === undefined ? UNKNOWN : NUTRIENT_KEYS.map((_, i) => valueAt(row, i))
}

/** The nutrients in `grams` of the row `code`, one decimal; null where its source gives no value. */
export function nutrientsIn (code: string, grams: number): Nutrients {
  const row = rows.get(code)
  return nutrientsFrom((_, i) => {
    const value = valueAt(row, i)
    return value === null ? null : round(grams * value / 100, 1)
  })
}
