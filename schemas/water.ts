import { Type, type Static } from '@sinclair/typebox'
import { DateTime, Entry, LEVELS, Notes, Sources, StringEnum, adviceEnvelope } from './common.js'
import { DayTotals } from './tracking.js'

/** A water log: the total drunk so far today, with optional context. */
export const WaterEntry = Entry('WaterEntry', {
  amount_liters: Type.Number({
    exclusiveMinimum: 0,
    maximum: 10,
    description: 'Litres (0 < x ≤ 10). Stateless (no user): the total drunk so far today, and "remaining today" is computed from it. Tracked (a user is identified): this drink only; the service adds up the day.'
  }),
  time: Type.Optional(DateTime('When the entry was logged: ISO 8601 date-time, with or without a UTC offset')),
  weight_kg: Type.Optional(Type.Number({ minimum: 20, maximum: 400, description: 'Body weight in kilograms (20–400); sets the daily target at 35 mL/kg' })),
  activity_level: Type.Optional(StringEnum(LEVELS, { description: 'How active the day is: low, moderate or high' })),
  temperature: Type.Optional(Type.Number({ minimum: -40, maximum: 60, description: 'Air temperature in °C (−40 to 60); 30 °C or more adds a heat allowance' })),
  exercise_duration: Type.Optional(Type.Number({ minimum: 0, maximum: 1440, description: 'Minutes of exercise today (0–1440)' }))
}, {
  description: 'A water entry. Extra context fields (at most 20) are passed to the model but never change the numbers.',
  example: { amount_liters: 2.0, time: '2024-06-01T10:00:00' }
})
/** A water log. */
export type WaterEntry = Static<typeof WaterEntry>

/** Numbers the service computed for a water entry. */
export const WaterFacts = Type.Object({
  intake_l: Type.Number({ description: 'Water drunk so far today, in litres (stateless: the request\'s amount_liters; tracked: the day\'s logged total, this drink included)' }),
  target_l: Type.Number({ description: 'Suggested drinking-water target for today, in litres' }),
  remaining_l: Type.Number({ description: 'Litres still to drink today to reach the target (0 when reached)' }),
  basis: Type.String({ maxLength: 400, description: 'How the target was set, with its source' }),
  baseline_l: Type.Number({ description: 'Drinks share of the total-water baseline, in litres, before exercise and heat' }),
  exercise_extra_l: Type.Number({ description: 'Litres added for logged exercise' }),
  heat_extra_l: Type.Number({ description: 'Litres added for heat' }),
  warnings: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 10, description: 'Safety warnings, e.g. hyponatraemia risk' }),
  notes: Notes,
  sources: Sources,
  today: Type.Optional(Type.Ref(DayTotals))
}, { $id: 'WaterFacts', additionalProperties: false, description: 'Hydration numbers computed by the service' })
/** Numbers the service computed for a water entry. */
export type WaterFacts = Static<typeof WaterFacts>

/** Advice for a water entry. */
export const WaterAdvice = adviceEnvelope('WaterAdvice', Type.Ref(WaterFacts), 'Advice on today\'s water intake')
/** Advice for a water entry. */
export type WaterAdvice = Static<typeof WaterAdvice>
