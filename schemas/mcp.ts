import { Type, type Static, type TObject, type TProperties } from '@sinclair/typebox'
import { Entry } from './common.js'
import { FoodEntry } from './food.js'
import { GymEntry } from './gym.js'
import { EntriesQuery, EntryParams, LogHeaders, SummaryQuery } from './tracking.js'
import { UserFoodsQuery } from './user-foods.js'
import { WaterEntry } from './water.js'

// The MCP tools' own inputs and outputs. Each is assembled from the fields of
// the REST schemas, never restated, so a bound or a description changes in
// one place. They are not added to Fastify: no HTTP route uses them.

/** Input of `lookup_food`: FoodEntry's food text and portion size. */
export const LookupFoodInput = Type.Object({
  food: FoodEntry.properties.food,
  portion_size: FoodEntry.properties.portion_size
}, { $id: 'LookupFoodInput', additionalProperties: false, description: 'A meal to look up in the USDA tables' })
/** Input of `lookup_food`. */
export type LookupFoodInput = Static<typeof LookupFoodInput>

/** Input of `lookup_activity`: the GymEntry fields the numbers use. */
export const LookupActivityInput = Type.Object({
  activity: GymEntry.properties.activity,
  duration_minutes: GymEntry.properties.duration_minutes,
  intensity: GymEntry.properties.intensity,
  weight_kg: GymEntry.properties.weight_kg
}, { $id: 'LookupActivityInput', additionalProperties: false, description: 'An activity to look up in the 2024 Adult Compendium' })
/** Input of `lookup_activity`. */
export type LookupActivityInput = Static<typeof LookupActivityInput>

const header = LogHeaders.properties['idempotency-key']

/**
 * `idempotency_key` of the log_* tools: the Idempotency-Key header as an
 * argument, with its rules, since a tool call has no headers of its own.
 */
const IdempotencyKey = Type.Optional(Type.String({
  minLength: header.minLength,
  maxLength: header.maxLength,
  pattern: header.pattern,
  description: 'A retry with the same key (1–128 printable ASCII, e.g. a UUID) and arguments returns the first answer without logging again (24 h)'
}))

/** A log_* tool's input: the entry's fields and rules, plus `idempotency_key`. */
function logInput<P extends TProperties> (id: string, entry: TObject<P>, example: Record<string, unknown>) {
  return Entry(id, { ...entry.properties, idempotency_key: IdempotencyKey }, { description: String(entry.description), example })
}

/** Input of `log_water`. */
export const LogWaterInput = logInput('LogWaterInput', WaterEntry, { amount_liters: 0.25, idempotency_key: '5f0c1b2e-water-1' })
/** Input of `log_workout`. */
export const LogWorkoutInput = logInput('LogWorkoutInput', GymEntry, { activity: 'cycling', duration_minutes: 45, idempotency_key: '5f0c1b2e-gym-1' })
/** Input of `log_meal`. */
export const LogMealInput = logInput('LogMealInput', FoodEntry, { food: 'chicken salad', meal: 'lunch', idempotency_key: '5f0c1b2e-food-1' })

/** Input of `get_day_summary`: `GET /summary`'s query. */
export const DaySummaryInput = Type.Object(SummaryQuery.properties, { $id: 'DaySummaryInput', additionalProperties: false, description: 'Which day to summarise' })
/** Input of `get_day_summary`. */
export type DaySummaryInput = Static<typeof DaySummaryInput>

/**
 * Input of `list_entries`: `GET /entries`'s query, except that `limit` is a
 * JSON integer here (a query string can only carry it as text).
 */
export const ListEntriesInput = Type.Object({
  ...EntriesQuery.properties,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Page size, 1–200 (default 50)' }))
}, { $id: 'ListEntriesInput', additionalProperties: false, description: 'Which of your entries to list, a page at a time' })
/** Input of `list_entries`. */
export type ListEntriesInput = Static<typeof ListEntriesInput>

/** Input of `delete_entry`: the entry routes' path. */
export const DeleteEntryInput = Type.Object(EntryParams.properties, { $id: 'DeleteEntryInput', additionalProperties: false, description: 'The entry to delete' })
/** Input of `delete_entry`. */
export type DeleteEntryInput = Static<typeof DeleteEntryInput>

/** Output of `delete_entry`. */
export const Deleted = Type.Object({
  deleted: Type.Literal(true, { description: 'Always true: a missing entry is an error instead' }),
  id: EntryParams.properties.id
}, { $id: 'Deleted', additionalProperties: false, description: 'The entry was deleted; the day\'s totals follow' })
/** Output of `delete_entry`. */
export type Deleted = Static<typeof Deleted>

/** Input of `list_foods`: `GET /foods`'s query, with `limit` a JSON integer (as in list_entries). */
export const ListFoodsInput = Type.Object({
  cursor: UserFoodsQuery.properties.cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'Page size, 1–200 (default 50)' }))
}, { $id: 'ListFoodsInput', additionalProperties: false, description: 'Which of your foods to list, a page at a time' })
/** Input of `list_foods`. */
export type ListFoodsInput = Static<typeof ListFoodsInput>
