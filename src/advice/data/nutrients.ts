import { Type, type Static } from '@sinclair/typebox'
import { NUTRIENT_KEYS, type Nutrients } from '../../../schemas/nutrients.js'
import { round } from '../facts/round.js'
import table from './nutrients.json' with { type: 'json' }

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
const rows = new Map<string, Row>((table as unknown as Static<typeof NutrientTable>).foods.map((row) => [row[0], row]))
const UNKNOWN: ReadonlyArray<number | null> = NUTRIENT_KEYS.map(() => null)

/** A row's twelve nutrients per 100 g, in NUTRIENT_KEYS order; all null for a row the table lacks. */
export function nutrientsPer100g (code: string): ReadonlyArray<number | null> {
  return (rows.get(code)?.slice(1) as Array<number | null> | undefined) ?? UNKNOWN
}

/** The nutrients in `grams` of the row `code`, one decimal; null where its source gives no value. */
export function nutrientsIn (code: string, grams: number): Nutrients {
  const row = rows.get(code)
  return Object.fromEntries(NUTRIENT_KEYS.map((key, i) => {
    const value = row?.[i + 1]
    return [key, typeof value === 'number' ? round(grams * value / 100, 1) : null]
  })) as Nutrients
}
