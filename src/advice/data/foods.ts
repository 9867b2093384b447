import { Type } from '@sinclair/typebox'
import fndds from './fndds.json' with { type: 'json' }
import aliases from './food-aliases.json' with { type: 'json' }
import sr from './sr-legacy.json' with { type: 'json' }
import { vendored } from './vendored.js'

const Macro = Type.Union([Type.Number({ minimum: 0 }), Type.Null()])
const PortionRow = Type.Tuple([Type.String({ minLength: 1 }), Type.Number({ exclusiveMinimum: 0 })])

/** The generated FNDDS table (`npm run data`): one row per food code, verbatim from the source files. */
export const FnddsTable = Type.Object({
  source: Type.String(),
  licence: Type.String(),
  generated: Type.String(),
  columns: Type.Array(Type.String()),
  foods: Type.Array(Type.Tuple([
    Type.String({ pattern: '^[0-9]{8}$' }), Type.String({ minLength: 1 }), Type.String(), Type.String(),
    Type.Number({ minimum: 0 }), Macro, Macro, Macro, Type.Array(PortionRow)
  ]))
}, { $id: 'FnddsTable', additionalProperties: false })

/** The generated SR Legacy subset (`npm run data`), for plain ingredients FNDDS lacks: descriptions spelled out, each row's class of ingredient. */
export const SrTable = Type.Object({
  source: Type.String(),
  licence: Type.String(),
  generated: Type.String(),
  columns: Type.Array(Type.String()),
  foods: Type.Array(Type.Tuple([
    Type.String({ pattern: '^[0-9]{5}$' }), Type.String({ minLength: 1 }), Type.String({ minLength: 1 }), Type.Number({ minimum: 0 }), Macro, Macro, Macro, Type.Array(PortionRow)
  ]))
}, { $id: 'SrTable', additionalProperties: false })

/** Our own words for foods: phrases people use that the sources do not (brands, regional names), each naming a source row. */
export const FoodAliases = Type.Object({
  description: Type.String(),
  /** Food code (FNDDS, 8 digits) or NDB number (SR Legacy, 5 digits) → extra names for that row. */
  names: Type.Record(Type.String({ pattern: '^([0-9]{8}|[0-9]{5})$' }), Type.Array(Type.String({ minLength: 1 })), { additionalProperties: false }),
  /** A word people write → the word the sources use for it ("soda" → "soft drink"). */
  words: Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }))
}, { $id: 'FoodAliases', additionalProperties: false })

/** A household portion of a food, as the source words it, and its weight. */
export interface Portion { description: string, grams: number }

/** One food the service can weigh, from FNDDS 2021-2023 or SR Legacy. */
export interface Food {
  /** FNDDS food code (8 digits) or SR Legacy NDB number (5 digits). */
  code: string
  source: 'FNDDS 2021-2023' | 'SR Legacy'
  description: string
  /** The source's own synonyms and brands (FNDDS "additional description"). */
  synonyms: string[]
  /** Our own names for the row (src/advice/data/food-aliases.json). */
  aliases: string[]
  category: string
  kcalPer100g: number
  proteinPer100g: number | null
  carbsPer100g: number | null
  fatPer100g: number | null
  portions: Portion[]
}

const ourAliases = vendored('food-aliases.json', FoodAliases, aliases)
const names = ourAliases.names

/** Word rewrites from our alias file, applied to user text before lookup. */
export const foodWords: Readonly<Record<string, string>> = ourAliases.words

const portionsOf = (rows: Array<[string, number]>): Portion[] => rows.map(([description, grams]) => ({ description, grams }))

/** Every food: the whole FNDDS table, then the SR Legacy rows; our aliases are attached to the row they name. */
export const foods: readonly Food[] = [
  ...vendored('fndds.json', FnddsTable, fndds).foods.map(([code, description, extra, category, kcal, protein, carbs, fat, portions]): Food => ({
    code,
    source: 'FNDDS 2021-2023',
    description,
    synonyms: extra.split(';').map((s) => s.trim()).filter((s) => s.length > 0),
    aliases: names[code] ?? [],
    category,
    kcalPer100g: kcal,
    proteinPer100g: protein,
    carbsPer100g: carbs,
    fatPer100g: fat,
    portions: portionsOf(portions)
  })),
  ...vendored('sr-legacy.json', SrTable, sr).foods.map(([code, description, group, kcal, protein, carbs, fat, portions]): Food => ({
    code,
    source: 'SR Legacy',
    description,
    synonyms: [],
    aliases: names[code] ?? [],
    category: `SR Legacy: ${group}`,
    kcalPer100g: kcal,
    proteinPer100g: protein,
    carbsPer100g: carbs,
    fatPer100g: fat,
    portions: portionsOf(portions)
  }))
]

/** How an item cites its row: "FNDDS 58106540" or "SR Legacy NDB 16390". */
export function citation (food: Food): string {
  return food.source === 'SR Legacy' ? `SR Legacy NDB ${food.code}` : `FNDDS ${food.code}`
}
