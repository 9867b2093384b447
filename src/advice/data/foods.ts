import { Type, type Static } from '@sinclair/typebox'
import data from './foods.json' with { type: 'json' }

/** Household units a food row may give grams for; mass units (g, kg, oz, lb) are converted by the parser. */
export const PORTION_UNITS = [
  'cup', 'glass', 'slice', 'piece', 'small', 'medium', 'large', 'tbsp', 'tsp',
  'can', 'bottle', 'bowl', 'handful', 'serving', 'scoop', 'pat', 'container', 'fl_oz'
] as const

/** One household unit name from {@link PORTION_UNITS}. */
export type PortionUnit = typeof PORTION_UNITS[number]

const grams = () => Type.Optional(Type.Number({ exclusiveMinimum: 0 }))

/** Grams per one of each household unit the row knows. */
export const Portions = Type.Object({
  cup: grams(),
  glass: grams(),
  slice: grams(),
  piece: grams(),
  small: grams(),
  medium: grams(),
  large: grams(),
  tbsp: grams(),
  tsp: grams(),
  can: grams(),
  bottle: grams(),
  bowl: grams(),
  handful: grams(),
  serving: grams(),
  scoop: grams(),
  pat: grams(),
  container: grams(),
  fl_oz: grams()
}, { $id: 'Portions', additionalProperties: false })

/** One USDA food: verbatim description, per-100 g energy and macros, and gram weights per household unit. */
export const FoodRow = Type.Object({
  id: Type.String({ pattern: '^[a-z0-9_]+$' }),
  name: Type.String({ minLength: 1 }),
  aliases: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }),
  category: Type.String({ minLength: 1 }),
  fdcId: Type.Integer({ minimum: 1 }),
  ndb: Type.Optional(Type.String({ pattern: '^[0-9]{5}$' })),
  foodCode: Type.Optional(Type.String({ pattern: '^[0-9]{8}$' })),
  dataType: Type.Union([Type.Literal('SR Legacy'), Type.Literal('FNDDS'), Type.Literal('Foundation')]),
  usdaDescription: Type.String({ minLength: 1 }),
  kcalPer100g: Type.Number({ exclusiveMinimum: 0 }),
  proteinPer100g: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  carbsPer100g: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  fatPer100g: Type.Union([Type.Number({ minimum: 0 }), Type.Null()]),
  portions: Portions,
  defaultPortion: Type.Union(PORTION_UNITS.map((u) => Type.Literal(u))),
  mlToG: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  /** Caveat on the row's provenance, e.g. an FNDDS row whose values come from a secondary source. */
  note: Type.Optional(Type.String({ minLength: 1 }))
}, { $id: 'FoodRow', additionalProperties: false })

/** A row of the food table, as typed by {@link FoodRow}. */
export type FoodRow = Static<typeof FoodRow>

/** The whole checked-in file: source citation, licence, retrieval date, unit policy notes and rows. */
export const FoodTable = Type.Object({
  source: Type.String({ minLength: 1 }),
  licence: Type.String({ minLength: 1 }),
  retrieved: Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' }),
  notes: Type.String({ minLength: 1 }),
  foods: Type.Array(FoodRow)
}, { $id: 'FoodTable', additionalProperties: false })

/** The food table file, as typed by {@link FoodTable}. */
export type FoodTable = Static<typeof FoodTable>

/** The checked-in USDA food table. */
export const foods: readonly FoodRow[] = (data as FoodTable).foods
