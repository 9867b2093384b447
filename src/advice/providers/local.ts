import type { FoodFacts } from '../../../schemas/food.js'
import type { GymFacts } from '../../../schemas/gym.js'
import type { WaterFacts } from '../../../schemas/water.js'
import type { AdviceProvider, ProviderRequest, TopicTypes } from '../types.js'
import { dayMessage } from './local-day.js'

/** Litres as spoken: one decimal, no trailing zero ("1.5 L", "2 L"); two for a small positive amount ("0.04 L", never "0 L"). */
export function litres (value: number): string {
  return `${Number(value.toFixed(value > 0 && value < 0.05 ? 2 : 1))} L`
}

/** Picks one of several phrasings, stable for a given input so answers are deterministic. */
export function pick<T> (options: readonly T[], seed: string): T {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  return options[(h >>> 0) % options.length]
}

/** Local advice for water: how much is left today, with a motivating line. */
export function waterMessage (facts: WaterFacts, seed: string): string {
  const left = litres(facts.remaining_l)
  const target = litres(facts.target_l)
  if (facts.warnings.some((w) => w.startsWith('dangerous'))) {
    return `You've logged ${litres(facts.intake_l)} today, which is risky. Stop drinking for now, as kidneys clear about 1 L an hour; seek care if unwell.`
  }
  if (facts.warnings.length > 0 && facts.remaining_l > 0) {
    // A pace warning can fire before the day's target is reached.
    return `${litres(facts.intake_l)} is a lot of water so far. Pause, then spread the last ${left} slowly, under 1 L an hour.`
  }
  if (facts.warnings.length > 0) {
    return `${litres(facts.intake_l)} is more than you need today. Ease off and sip only to thirst; your ${target} target is already covered.`
  }
  if (facts.remaining_l === 0) {
    return pick([
      `Target met: ${litres(facts.intake_l)} of your ${target} goal. Sip to thirst for the rest of the day.`,
      `Well done: ${litres(facts.intake_l)} drunk, so your ${target} target is reached. Keep water nearby and drink when thirsty.`
    ], seed)
  }
  const heat = facts.heat_extra_l > 0 ? ' It is hot, so keep sipping.' : ''
  const exercise = facts.exercise_extra_l > 0 ? ` Exercise adds ${litres(facts.exercise_extra_l)}.` : ''
  if (facts.remaining_l <= 0.5) {
    return `Almost there: ${left} to go to reach ${target} today. One or two more glasses will do it.${heat}`
  }
  if (facts.intake_l < facts.target_l * 0.4) {
    return pick([
      `${left} to go today toward your ${target} target. Start now with a glass, then one every hour or so.${exercise}`,
      `You still need ${left} today to reach ${target}. Keep a bottle in sight and sip steadily.${heat}`
    ], seed)
  }
  return pick([
    `${left} to go to reach ${target} today. Good progress; keep a bottle handy and sip steadily.${heat}`,
    `Halfway habits pay off: ${left} left of your ${target} target today. A glass with each meal gets you there.${exercise}`
  ], seed)
}

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

// Short, plain text a message may quote back; anything else is described, not echoed.
const QUOTABLE = /^[\p{L}'-]+(?: [\p{L}'-]+){0,3}$/u

/** Local advice for a meal: its energy, never presented as the whole meal when part of it was not recognised. */
export function foodMessage (facts: FoodFacts, meal: string | undefined, seed: string): string {
  const label = meal ?? 'meal'
  const missing = facts.unmatched[0]
  const quoted = missing !== undefined && QUOTABLE.test(missing) ? `"${missing}"` : 'part of it'
  if (facts.kcal === null) {
    return `We could not recognise ${quoted === 'part of it' ? 'these foods' : quoted}, so no calorie estimate. Name each food plainly, like "scrambled eggs" or "white rice".`
  }
  const kcal = `${facts.kcal} kcal`
  if (!facts.complete && facts.unmatched.length === 0) {
    // Every part was counted, but some as the nearest food to its main word: an estimate, not judged either.
    return `Roughly ${kcal}, counting part of it as the nearest food we know, so the ${label} total is an estimate.`
  }
  if (!facts.complete) {
    // The total leaves something out, so no judgement of the meal's size or protein.
    const more = facts.unmatched.length > 1 ? ` and ${facts.unmatched.length - 1} more were` : ' was'
    return `Counted ${kcal} for recognised foods only; ${quoted}${more} not recognised, so the full ${label} total is unknown.`
  }
  const protein = facts.protein_g ?? 0
  if (facts.kcal < 300) {
    return protein < 10
      ? `About ${kcal}: a light ${label}. Add protein, like eggs, yogurt or beans, to stay full longer.`
      : `About ${kcal}: a light ${label} with some protein. Add fruit or vegetables for fibre.`
  }
  if (facts.kcal > 800) {
    return `About ${kcal}, a hearty ${label}. Balance the day with vegetables and lean protein at your next meal.`
  }
  return pick([
    `About ${kcal} for this ${label}. A side of vegetables would add fibre for very few calories.`,
    `Roughly ${kcal}. Solid ${label}; swap refined grains for whole grains to add fibre.`
  ], seed)
}

function cap (s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** Deterministic advisor: always available, used without a key and whenever Gemini fails. */
export function createLocalProvider (): AdviceProvider {
  return {
    name: 'local',
    async write (request: ProviderRequest) {
      const seed = JSON.stringify(request.entry)
      switch (request.topic) {
        case 'water':
          return { text: waterMessage(request.facts as WaterFacts, seed) }
        case 'gym':
          return { text: gymMessage(request.facts as GymFacts, (request.entry as TopicTypes['gym']['entry']).activity, seed) }
        case 'food':
          return { text: foodMessage(request.facts as FoodFacts, (request.entry as TopicTypes['food']['entry']).meal, seed) }
        case 'day':
          return { text: dayMessage(request.facts as TopicTypes['day']['facts']) }
      }
    }
  }
}
