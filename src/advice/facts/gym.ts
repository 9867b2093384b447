import type { GymEntry, GymFacts } from '../../../schemas/gym.js'
import { matchActivity } from '../text/activities.js'
import { speedRange } from '../data/activity-rows.js'
import { round } from './round.js'
import { EXERCISE_L_PER_H } from './water.js'
import { KM_PER_MILE, MINUTES_PER_HOUR, readWorkout, speedOf } from '../text/workout.js'

/** Default adult body weight, kg: EFSA Scientific Committee default for EU adults (EFSA J 2012;10(3):2579). */
export const DEFAULT_WEIGHT_KG = 70

const COMPENDIUM = 'Herrmann SD et al. 2024 Adult Compendium of Physical Activities, J Sport Health Sci 2024;13(1):6-12, pacompendium.com'
const EFSA_WEIGHT = 'EFSA Scientific Committee, default body weight 70 kg, EFSA J 2012;10(3):2579'
// A distance and time faster than this (mph) is a slip in the text, not a pace on foot or by bike.
const MAX_SPEED_MPH = 30
const MAX_MINUTES = 600
const NO_DURATION = 'no duration given (duration_minutes) or found in the activity text, so kcal_burned is unknown'
const ACSM = 'ACSM Position Stand: Exercise and fluid replacement, Med Sci Sports Exerc 2007;39:377-390'

/** Computes MET-based energy (gross MET × kg × h, and net of rest) and extra water for a workout, reading what its text says. */
export function computeGymFacts (entry: GymEntry): GymFacts {
  const notes: string[] = []
  const sources: string[] = []
  const weightAssumed = entry.weight_kg === undefined
  const weight = entry.weight_kg ?? DEFAULT_WEIGHT_KG
  if (weightAssumed) {
    notes.push(`weight_kg not given: ${DEFAULT_WEIGHT_KG} kg assumed`)
    sources.push(EFSA_WEIGHT)
  }

  // The text may say how long, how far and how fast; a field sent wins over the text.
  const text = readWorkout(entry.activity)
  let minutes = entry.duration_minutes ?? text.minutes
  const km = entry.distance_km ?? text.distanceKm
  if (minutes === null && km !== null && text.speedMph !== null) {
    // "cycled 40 km at 25 km/h": the time is the distance over the speed.
    const derived = round(km / KM_PER_MILE / text.speedMph * MINUTES_PER_HOUR, 1)
    if (derived > 0 && derived <= MAX_MINUTES) {
      minutes = derived
      notes.push(`duration ${derived} min worked out from ${round(km, 2)} km at ${round(text.speedMph, 1)} mph`)
    }
  } else if (entry.duration_minutes === undefined && minutes !== null) {
    notes.push(`duration ${minutes} min read from the activity text`)
  } else if (text.minutes !== null && text.minutes !== minutes) {
    notes.push(`duration_minutes ${minutes} used; the activity text says ${text.minutes} min`)
  }
  let speed = text.speedMph
  if (speed === null && km !== null && minutes !== null) {
    speed = speedOf(km, minutes)
    if (speed > MAX_SPEED_MPH) {
      notes.push(`${round(km, 2)} km in ${minutes} min is faster than ${MAX_SPEED_MPH} mph, so no speed was taken from it`)
      speed = null
    }
  }

  const match = matchActivity(text.activity === '' ? entry.activity : text.activity, entry.intensity, speed ?? undefined)
  if (match === null) {
    notes.push(`"${entry.activity}" matched no activity in the 2024 Compendium, so kcal_burned is unknown`)
  } else {
    sources.push(`Compendium 2024 ${match.code}: ${COMPENDIUM}`)
    if (match.head !== null) notes.push(`"${entry.activity}" read as Compendium ${match.code}: ${match.description}, from "${match.head.join(' ')}" alone`)
    else if (match.confidence < 1) notes.push(`"${entry.activity}" read as Compendium ${match.code}: ${match.description}`)
    // A speed is worth a note only where it picked the row: the Compendium grades few kinds by speed.
    if (match.speedMph !== null && speedRange(match.description) !== null) {
      notes.push(text.speedMph === null ? `speed ${match.speedMph} mph from ${round(km ?? 0, 2)} km in ${minutes} min` : `speed read as ${match.speedMph} mph`)
    }
  }

  if (minutes === null) notes.push(NO_DURATION)
  const hours = minutes === null ? null : minutes / 60
  const kcal = match === null || hours === null ? null : round(match.met * weight * hours, 1)
  // Net of the resting 1 MET a day's energy already counts.
  const net = match === null || hours === null ? null : round((match.met - 1) * weight * hours, 1)
  const water = hours === null ? null : round(hours * EXERCISE_L_PER_H, 2)
  if (water !== null) sources.push(ACSM)
  if (entry.calories_burned !== undefined && kcal !== null) {
    notes.push(`your figure ${entry.calories_burned} kcal; ours ${kcal} kcal (gross, MET × kg × h)`)
  }

  return {
    activity: match?.name ?? null,
    compendium_heading: match?.heading ?? null,
    met: match?.met ?? null,
    compendium_code: match?.code ?? null,
    compendium_description: match?.description ?? null,
    weight_kg: weight,
    weight_assumed: weightAssumed,
    duration_minutes: minutes,
    kcal_burned: kcal,
    kcal_net: net,
    reported_kcal: entry.calories_burned ?? null,
    water_extra_l: water,
    notes,
    sources
  }
}
