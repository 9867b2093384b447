import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Notes, Nullable, SOURCES, StringEnum } from './common.js'
import { NUTRIENT_GOAL_FIELDS, NutrientGoals, Nutrients } from './nutrients.js'

/** The topics an entry can have. */
export const ENTRY_TOPICS = ['water', 'gym', 'food'] as const

/** A calendar date. */
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
/** A page size of 1–200, as a query string. */
export const LIMIT_PATTERN = '^(?:[1-9]\\d?|1\\d\\d|200)$'
/** The shape of an IANA time-zone name (whether it exists is checked against the runtime's zones). */
export const TIME_ZONE_PATTERN = '^[A-Za-z][A-Za-z0-9_+\\-/]*$'

/** The day's totals after a logged entry. */
export const DayTotals = Type.Object({
  water_l: Type.Number({ minimum: 0, description: 'Water logged today, in litres, this entry included' }),
  water_target_l: Type.Number({ minimum: 0, description: 'Today\'s water target, in litres (the profile\'s override, or computed)' }),
  kcal_in: Type.Number({ minimum: 0, description: 'Energy eaten today, in kcal, from the logged meals' }),
  kcal_out: Type.Number({ minimum: 0, description: 'Energy burned today, in kcal, from the logged workouts' }),
  entries: Type.Integer({ format: 'int32', minimum: 0, maximum: 2_147_483_647, description: 'Entries logged today' })
}, { $id: 'DayTotals', additionalProperties: false, description: 'Totals of the user\'s calendar day (profile time zone), including this entry' })
/** The day's totals. */
export type DayTotals = Static<typeof DayTotals>

/** A stored entry. */
export const TrackedEntry = Type.Object({
  id: Type.String({ maxLength: 64, description: 'Opaque entry id' }),
  topic: StringEnum(ENTRY_TOPICS, { description: 'water, gym or food' }),
  time: Type.String({ format: 'date-time', maxLength: 30, description: 'When it happened (UTC, ISO 8601)' }),
  body: Type.Object({}, { additionalProperties: true, description: 'The request body as sent' }),
  facts: Type.Object({}, { additionalProperties: true, description: 'The facts computed when it was logged (WaterFacts, GymFacts or FoodFacts)' }),
  created_at: Type.String({ format: 'date-time', maxLength: 30, description: 'When it was stored (UTC, ISO 8601)' })
}, { $id: 'TrackedEntry', additionalProperties: false, description: 'One logged entry' })
/** A stored entry. */
export type TrackedEntry = Static<typeof TrackedEntry>

/** One page of entries. */
export const EntryPage = Type.Object({
  items: Type.Array(Type.Ref(TrackedEntry), { maxItems: 200, description: 'Newest first by time; ties in creation order, newest first' }),
  next_cursor: Nullable(Type.String({ maxLength: 200, description: 'Pass as `cursor` for the next page; null on the last page' }))
}, { $id: 'EntryPage', additionalProperties: false, description: 'A page of the user\'s entries' })
/** One page of entries. */
export type EntryPage = Static<typeof EntryPage>

/** Query of `GET /entries`. Query values are strings: Ajv does not coerce here, so numbers are patterns. */
export const EntriesQuery = Type.Object({
  from: Type.Optional(DateTime('Only entries at or after this instant (without an offset: profile time zone)')),
  to: Type.Optional(DateTime('Only entries before this instant (without an offset: profile time zone)')),
  topic: Type.Optional(StringEnum(ENTRY_TOPICS, { description: 'Only entries of this topic' })),
  limit: Type.Optional(Type.String({ maxLength: 3, pattern: LIMIT_PATTERN, description: 'Page size, 1–200 (default 50)' })),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'next_cursor of the previous page' }))
}, { additionalProperties: false })
/** Query of `GET /entries`. */
export type EntriesQuery = Static<typeof EntriesQuery>

/** Path of the entry routes. */
export const EntryParams = Type.Object({
  id: Type.String({ minLength: 1, maxLength: 64, description: 'Entry id' })
}, { additionalProperties: false })
/** Path of the entry routes. */
export type EntryParams = Static<typeof EntryParams>

/** Query of `GET /summary`. */
export const SummaryQuery = Type.Object({
  date: Type.Optional(Type.String({ maxLength: 10, pattern: DATE_PATTERN, description: 'Calendar date YYYY-MM-DD in the profile time zone (default: today there)' }))
}, { additionalProperties: false })
/** Query of `GET /summary`. */
export type SummaryQuery = Static<typeof SummaryQuery>

/** One day of a user. */
export const DaySummary = Type.Object({
  date: Type.String({ maxLength: 10, pattern: DATE_PATTERN, description: 'The calendar date' }),
  timezone: Type.String({ maxLength: 64, description: 'The time zone the day is reckoned in (IANA)' }),
  water_l: Type.Number({ minimum: 0, description: 'Water logged that day, in litres' }),
  water_target_l: Type.Number({ minimum: 0, description: 'The day\'s water target, in litres' }),
  kcal_in: Type.Number({ minimum: 0, description: 'Energy eaten, in kcal' }),
  kcal_out: Type.Number({ minimum: 0, description: 'Energy burned in logged workouts, in kcal (gross: MET × kg × hours)' }),
  kcal_out_net: Type.Number({ minimum: 0, description: 'Energy burned in logged workouts above rest, in kcal ((MET − 1) × kg × hours): the part a day\'s resting energy does not already count' }),
  kcal_goal: Nullable(Type.Number({ description: 'The profile\'s daily kcal goal, if set' })),
  entries: Type.Integer({ format: 'int32', minimum: 0, maximum: 2_147_483_647, description: 'Number of entries that day' }),
  nutrients: Type.Ref(Nutrients, { description: 'Nutrients eaten that day, summed over the meals; 0 when nothing was eaten, null when a meal eaten has no value for it (notes say which). Meals that matched no food count as nothing, as in kcal_in' }),
  nutrient_goals: Type.Ref(NutrientGoals),
  notes: Notes,
  items: Type.Array(Type.Ref(TrackedEntry), { description: 'The day\'s entries, oldest first' }),
  message: Type.String({ maxLength: 300, description: 'At most 25 words about the day' }),
  source: StringEnum(SOURCES, { description: 'Who wrote the message' }),
  degraded: Type.Boolean({ description: 'true when Gemini was wanted but the local advisor answered' })
}, { $id: 'DaySummary', additionalProperties: false, description: 'One calendar day: totals, target, entries and a short message' })
/** One day of a user. */
export type DaySummary = Static<typeof DaySummary>

/** Numbers a day summary's message may use. */
export interface DayFacts {
  date: string
  water_l: number
  water_target_l: number
  water_remaining_l: number
  kcal_in: number
  kcal_out: number
  kcal_out_net: number
  kcal_goal: number | null
  entries: number
  nutrients: Nutrients
  nutrient_goals: NutrientGoals
  notes: string[]
  sources: string[]
}

/** A user's settings, as stored and returned. */
export const Profile = Type.Object({
  weight_kg: Nullable(Type.Number({ minimum: 20, maximum: 400, description: 'Body weight in kg (20–400); used when an entry has none' })),
  timezone: Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone of the user\'s calendar days, e.g. "Europe/Paris" (default UTC)' }),
  water_target_l: Nullable(Type.Number({ minimum: 0.5, maximum: 11.4, description: 'Daily water target override, in litres (0.5–11.4)' })),
  kcal_goal: Nullable(Type.Number({ minimum: 500, maximum: 10000, description: 'Daily energy goal, in kcal (500–10000)' })),
  ...NUTRIENT_GOAL_FIELDS
}, { $id: 'Profile', additionalProperties: false, description: 'The user\'s profile; null means unset' })
/** A user's settings. */
export type Profile = Static<typeof Profile>

/** Body of `PUT /profile`: replaces the profile; an omitted field is unset. */
export const ProfileInput = Type.Object({
  weight_kg: Type.Optional(Nullable(Type.Number({ minimum: 20, maximum: 400, description: 'Body weight in kg (20–400)' }))),
  timezone: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: TIME_ZONE_PATTERN, description: 'IANA time zone, e.g. "America/Los_Angeles" (default UTC)' })),
  water_target_l: Type.Optional(Nullable(Type.Number({ minimum: 0.5, maximum: 11.4, description: 'Daily water target override, in litres (0.5–11.4)' }))),
  kcal_goal: Type.Optional(Nullable(Type.Number({ minimum: 500, maximum: 10000, description: 'Daily energy goal, in kcal (500–10000)' }))),
  fiber_g_goal: Type.Optional(NUTRIENT_GOAL_FIELDS.fiber_g_goal),
  sodium_mg_limit: Type.Optional(NUTRIENT_GOAL_FIELDS.sodium_mg_limit),
  sugars_g_limit: Type.Optional(NUTRIENT_GOAL_FIELDS.sugars_g_limit)
}, { $id: 'ProfileInput', additionalProperties: false, description: 'A whole profile; omitted or null fields are unset', examples: [{ weight_kg: 70, timezone: 'Europe/Paris', water_target_l: 2.5 }] })
/** Body of `PUT /profile`. */
export type ProfileInput = Static<typeof ProfileInput>

/** Everything a user has. */
export const Export = Type.Object({
  profile: Type.Ref(Profile),
  entries: Type.Array(Type.Ref(TrackedEntry), { description: 'Every entry, oldest first by creation' }),
  // By name: schemas/user-foods.ts reaches this module through FoodItem, so it cannot be imported here.
  foods: Type.Array(Type.Ref('UserFood'), { maxItems: 1000, description: 'Your foods and recipes, oldest first (UserFood)' }),
  exported_at: Type.String({ format: 'date-time', maxLength: 30, description: 'When the export was made' })
}, { $id: 'Export', additionalProperties: false, description: 'The profile, every entry and your foods (NDJSON: one {"profile": …} line, one {"food": …} line per food, then one entry per line)' })
/** Everything a user has. */
export type Export = Static<typeof Export>

/** Answer of `DELETE /profile`. */
export const Erased = Type.Object({
  deleted_entries: Type.Integer({ format: 'int32', minimum: 0, maximum: 2_147_483_647, description: 'Entries erased' })
}, { $id: 'Erased', additionalProperties: false, description: 'The user, all their entries and their foods were erased' })

/** Headers a tracked request may carry. */
export const TrackingHeaders = Type.Object({
  'x-user-id': Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$', description: 'The user, when the bearer is an API key (≤ 128 characters of A–Z a–z 0–9 . _ : @ -)' }))
}, { additionalProperties: true })

/** Headers of a tracked POST. */
export const LogHeaders = Type.Object({
  ...TrackingHeaders.properties,
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7E]+$', description: 'Makes a retried POST return the first answer without a second entry (24 h)' }))
}, { additionalProperties: true })
