import { GymAdvice, GymEntry, GymFacts } from '../../../schemas/gym.js'
import { computeGymFacts } from '../facts/gym.js'
import { cap, pick, seedOf } from './phrasing.js'
import type { EntryTopicDef } from './topic.js'

// At most three words of letters, joined by a space, hyphen or apostrophe.
const PLAIN_WORDS = /^\p{L}+(?:[ '-]\p{L}+){0,2}$/u

/** The kind of a workout, from its Compendium heading and row, which decides what advice fits it. */
export type WorkoutKind = 'endurance' | 'strength' | 'mind-body' | 'sport' | 'other'

/** Reads the workout's kind from the Compendium heading and description, never from the user's word. */
export function workoutKind (facts: GymFacts): WorkoutKind {
  const heading = facts.compendium_heading ?? ''
  const row = (facts.compendium_description ?? '').toLowerCase()
  if (/\b(?:yoga|pilates|stretching|tai chi|qigong|meditation|breathing|barre|ballet)\b/.test(row)) return 'mind-body'
  if (/\b(?:resistance|weight|lifting|calisthenics|circuit|kettlebell|body weight|strength)\b/.test(row)) return 'strength'
  if (heading === 'Sports') return 'sport'
  if (['Running', 'Walking', 'Bicycling', 'Water Activities', 'Winter Activities', 'Dancing', 'Conditioning Exercise'].includes(heading)) return 'endurance'
  return 'other'
}

// What to try next time, by kind and effort (MET): no "brisker pace" for yoga or lifting.
function nextTime (kind: WorkoutKind, met: number): string {
  switch (kind) {
    case 'mind-body': return 'breathe steadily and ease deeper into holds'
    case 'strength': return 'rest those muscles a day before training them again'
    case 'sport': return met >= 7 ? 'stretch and take an easy day after hard play' : 'mix in a faster drill or two next time'
    case 'endurance': return met >= 8 ? 'keep the next session easy to recover' : met < 4 ? 'try a brisker pace next time' : 'add a short higher-intensity block next time'
    default: return 'stretch afterwards and keep moving through the day'
  }
}

/** Local advice for a workout: credit, a next-time tip that fits the kind of activity, and an eating tip. */
export function gymMessage (facts: GymFacts, activity: string, seed: string): string {
  // At most three words of the Compendium head, so every template stays within 25 words.
  const name = (facts.activity ?? 'workout').toLowerCase().split(/\s+/).slice(0, 3).join(' ')
  const minutes = facts.duration_minutes
  if (facts.kcal_burned === null) {
    const howLong = minutes === null ? '' : `${minutes}-minute `
    const why = facts.activity === null
      ? 'Name a common activity for a calorie estimate'
      : 'Tell me how long you trained for a calorie estimate'
    // Echo the user's words only when they are a few plain words: anything
    // longer could break the word limit or carry a link or markup.
    const said = activity.length <= 30 && PLAIN_WORDS.test(activity) ? activity : name
    return `Good work on your ${howLong}${said} session! ${why}, and refuel with protein and vegetables.`
  }
  // Every template below has at most 20 words besides the activity name, which is a short Compendium head.
  const kcal = `${Math.round(facts.kcal_burned)} kcal`
  const next = nextTime(workoutKind(facts), facts.met ?? 0)
  if (minutes !== null && minutes < 20) {
    return `Short and sweet: ${minutes} minutes of ${name} burned about ${kcal}. Build towards 30 minutes, and have fruit or yogurt after.`
  }
  if (minutes !== null && minutes > 90) {
    return `Long ${minutes}-minute ${name} session: about ${kcal} burned. Rehydrate, eat carbs and protein, and ${next}.`
  }
  return pick([
    `Nice ${name}: about ${kcal} in ${minutes} minutes. ${cap(next)}; eat protein and vegetables.`,
    `Great ${minutes}-minute ${name} session: about ${kcal} burned. ${cap(next)}; eat a protein-rich meal.`
  ], seed)
}

const orUnknown = (value: number | null, unit: string) => value === null ? 'unknown' : `${value} ${unit}`

/** The key numbers of a workout's facts in one line. */
function gymText (f: GymFacts): string {
  if (f.activity === null) return `Activity not found in the 2024 Compendium; kcal burned unknown.${f.notes.length > 0 ? ` ${f.notes[0]}` : ''}`
  const net = f.kcal_net === null ? '' : ` (${f.kcal_net} kcal above rest)`
  const time = f.duration_minutes === null ? '' : ` in ${f.duration_minutes} min`
  return `${f.activity} (Compendium ${f.compendium_code ?? '?'}, MET ${f.met ?? '?'}): ${orUnknown(f.kcal_burned, 'kcal')} burned${net}${time} at ${f.weight_kg} kg${f.weight_assumed ? ' (assumed)' : ''}.`
}

/**
 * A workout's energy above rest from stored facts: kcal_net, or for an entry
 * logged before facts had one, kcal_burned × (MET − 1) / MET, the same
 * (MET − 1) × kg × hours; 0 when its energy is unknown.
 */
export function kcalAboveRest (facts: Record<string, unknown>): number {
  const { kcal_net: net, kcal_burned: gross, met } = facts
  if (typeof net === 'number') return net
  return typeof gross === 'number' && typeof met === 'number' && met > 0 ? gross * (met - 1) / met : 0
}

/** A workout: its Compendium row, the energy burned, and the extra water it needs. */
export const gym: EntryTopicDef<'gym'> = {
  name: 'gym',
  schemas: { entry: GymEntry, facts: GymFacts, advice: GymAdvice },
  goal: 'Motivate the user about this workout, suggest a suitable intensity for next time, and give one healthy-eating tip. Quote facts.kcal_burned if it is not null.',
  mcp: { advise: 'advise_workout', log: 'log_workout' },
  timeField: 'time',
  facts (sent, day) {
    // Workout energy depends on body weight; the profile's stands in for one not sent.
    const entry = day !== undefined && day.weightKg !== null && sent.weight_kg === undefined ? { ...sent, weight_kg: day.weightKg } : sent
    return { entry, facts: computeGymFacts(entry) }
  },
  amounts: (_entry, facts) => ({ water_l: 0, kcal_in: 0, kcal_out: facts.kcal_burned ?? 0 }),
  local: (request) => gymMessage(request.facts, request.entry.activity, seedOf(request)),
  text: gymText,
  stored: { waterTargetL: () => undefined, kcalAboveRest },
  restate: (entry) => entry
}
