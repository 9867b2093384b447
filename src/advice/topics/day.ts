import type { DayFacts } from '../../../schemas/tracking.js'
import { litres } from './phrasing.js'
import type { TopicDef } from './topic.js'

/** The day's limit crossed, in at most 9 words ("Sodium is past 2,300 mg today; choose low-salt foods."), or undefined. */
function limitPassed (facts: DayFacts): string | undefined {
  const { sodium_mg: sodium, sugars_g: sugars } = facts.nutrients
  const { sodium_mg_limit: sodiumLimit, sugars_g_limit: sugarsLimit } = facts.nutrient_goals
  const salty = sodium !== null && sodiumLimit !== null && sodium > sodiumLimit
  const sweet = sugars !== null && sugarsLimit !== null && sugars > sugarsLimit
  if (salty && sweet) return 'Sodium and sugars are over your limits today.'
  if (salty) return `Sodium is past ${sodiumLimit.toLocaleString('en-US')} mg today; choose low-salt foods.`
  if (sweet) return `Sugars are past your ${sugarsLimit.toLocaleString('en-US')} g limit; prefer water.`
  return undefined
}

/**
 * Local message for a tracked day: water against the target, energy in (against the profile's kcal_goal,
 * when set) and out, and one suggestion: a sodium or sugars limit passed comes first (≤ 25 words).
 */
export function dayMessage (facts: DayFacts): string {
  if (facts.entries === 0) return `Nothing logged for ${facts.date} yet. Log water, meals and workouts to see your day add up.`
  const water = `${litres(facts.water_l)} of ${litres(facts.water_target_l)} water`
  const goal = facts.kcal_goal === null ? undefined : Math.round(facts.kcal_goal)
  const eaten = Math.round(facts.kcal_in)
  const energy = `${eaten}${goal === undefined ? '' : ` of your ${goal}`} kcal eaten, ${Math.round(facts.kcal_out)} burned`
  const over = goal !== undefined && eaten > goal
  let next: string
  if (facts.water_remaining_l > 0) next = `Drink ${litres(facts.water_remaining_l)} more${over ? '; keep the next meal light' : ' before the day ends'}.`
  else if (over) next = 'Above your goal: keep the next meal light.'
  else if (goal !== undefined) next = 'Water target met, and you are within your goal.'
  else next = 'Water target met. Keep it up tomorrow.'
  next = limitPassed(facts) ?? next
  return `So far: ${water}, ${energy}. ${next}`
}

/** A tracked day's summary: its facts are the day's sums, computed by the tracker from the stored entries. */
export const day: TopicDef<'day'> = {
  name: 'day',
  goal: 'Sum up the user\'s day from the facts (water against facts.water_target_l, kcal_in, kcal_out, kcal_goal if not null) and give one suggestion for the rest of the day or tomorrow.',
  local: (request) => dayMessage(request.facts)
}
