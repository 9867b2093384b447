import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Entry, LEVELS, Notes, Nullable, Sources, StringEnum, Text, TextList, adviceEnvelope } from './common.js'
import { DayTotals } from './tracking.js'

/** A workout log. */
export const GymEntry = Entry('GymEntry', {
  activity: Text(100, 'What you did, in free text (≤ 100 characters), e.g. "running", "45 min HIIT" or "ran 5k in 25 minutes": a duration, distance, speed or effort written here is read when the field for it is absent'),
  duration_minutes: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 600, description: 'Duration in minutes (0 < x ≤ 600); wins over a duration in the activity text; without either, kcal_burned is null' })),
  intensity: Type.Optional(StringEnum(LEVELS, { description: 'Effort: low, moderate or high; picks the Compendium variant where one exists' })),
  calories_burned: Type.Optional(Type.Number({ minimum: 0, maximum: 10000, description: 'Your own figure for energy burned, in kcal (0–10000); reported beside ours' })),
  heart_rate: Type.Optional(Type.Number({ minimum: 30, maximum: 250, description: 'Average heart rate in beats per minute (30–250)' })),
  distance_km: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: 'Distance covered in kilometres (0–1000); with the duration, its speed picks the Compendium row for running, walking and cycling' })),
  equipment_used: Type.Optional(TextList('Equipment used, e.g. ["dumbbells"] (≤ 20 items of ≤ 100 characters)')),
  muscle_groups: Type.Optional(TextList('Muscle groups worked, e.g. ["legs", "core"] (≤ 20 items of ≤ 100 characters)')),
  rest_periods: Type.Optional(Type.Number({ minimum: 0, maximum: 3600, description: 'Rest between sets, in seconds (0–3600)' })),
  weight_kg: Type.Optional(Type.Number({ minimum: 20, maximum: 400, description: 'Body weight in kilograms (20–400); 70 kg is assumed without it' })),
  time: Type.Optional(DateTime('When the session happened: ISO 8601 date-time, with or without a UTC offset (tracking: decides its day; default now)'))
}, {
  description: 'A gym or exercise session. Extra context fields (at most 20) are passed to the model but never change the numbers.',
  example: { activity: 'running', duration_minutes: 45 }
})
/** A workout log. */
export type GymEntry = Static<typeof GymEntry>

/** Numbers the service computed for a workout. */
export const GymFacts = Type.Object({
  activity: Nullable(Type.String({ maxLength: 300, description: 'Matched activity name, or null when the text matched nothing' })),
  met: Nullable(Type.Number({ description: 'Metabolic equivalent (MET) from the 2024 Adult Compendium' })),
  compendium_code: Nullable(Type.String({ maxLength: 5, pattern: '^\\d{5}$', description: '2024 Adult Compendium activity code' })),
  compendium_description: Nullable(Type.String({ maxLength: 300, description: 'The Compendium row the activity matched' })),
  compendium_heading: Nullable(Type.String({ maxLength: 100, description: 'The Compendium major heading of that row, e.g. "Running", "Sports", "Conditioning Exercise"' })),
  weight_kg: Type.Number({ description: 'Body weight used, in kilograms' }),
  weight_assumed: Type.Boolean({ description: 'true when weight_kg was not sent and the 70 kg EFSA default was used' }),
  duration_minutes: Nullable(Type.Number({ description: 'Duration used, in minutes: the duration_minutes sent, else the one the activity text states ("45 min HIIT"); null when neither says' })),
  kcal_burned: Nullable(Type.Number({ description: 'Gross energy burned, kcal = MET × kg × hours; null when unknown' })),
  kcal_net: Nullable(Type.Number({ description: 'Energy burned above rest, kcal = (MET − 1) × kg × hours: without the resting energy a day already counts; null when kcal_burned is null' })),
  reported_kcal: Nullable(Type.Number({ description: 'The client\'s own calories_burned, if sent' })),
  water_extra_l: Nullable(Type.Number({ description: 'Extra water suggested for this session, in litres (0.5 L per hour)' })),
  notes: Notes,
  sources: Sources,
  today: Type.Optional(Type.Ref(DayTotals))
}, { $id: 'GymFacts', additionalProperties: false, description: 'Exercise numbers computed by the service' })
/** Numbers the service computed for a workout. */
export type GymFacts = Static<typeof GymFacts>

/** Advice for a workout. */
export const GymAdvice = adviceEnvelope('GymAdvice', Type.Ref(GymFacts), 'Advice on a workout')
/** Advice for a workout. */
export type GymAdvice = Static<typeof GymAdvice>
