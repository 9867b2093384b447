import type { GymEntry, GymFacts } from '../../../schemas/gym.js'
import { matchActivity } from '../data/activities.js'
import { round } from './round.js'
import { EXERCISE_L_PER_H } from './water.js'

/** Default adult body weight, kg: EFSA Scientific Committee default for EU adults (EFSA J 2012;10(3):2579). */
export const DEFAULT_WEIGHT_KG = 70

const COMPENDIUM = 'Herrmann SD et al. 2024 Adult Compendium of Physical Activities, J Sport Health Sci 2024;13(1):6-12, pacompendium.com'
const EFSA_WEIGHT = 'EFSA Scientific Committee, default body weight 70 kg, EFSA J 2012;10(3):2579'
const ACSM = 'ACSM Position Stand: Exercise and fluid replacement, Med Sci Sports Exerc 2007;39:377-390'

/** Computes MET-based energy (kcal = MET × kg × h) and extra water for a workout. */
export function computeGymFacts (entry: GymEntry): GymFacts {
  const notes: string[] = []
  const sources: string[] = []
  const weightAssumed = entry.weight_kg === undefined
  const weight = entry.weight_kg ?? DEFAULT_WEIGHT_KG
  if (weightAssumed) {
    notes.push(`weight_kg not given: ${DEFAULT_WEIGHT_KG} kg assumed`)
    sources.push(EFSA_WEIGHT)
  }

  const match = matchActivity(entry.activity, entry.intensity)
  if (match === null) {
    notes.push(`"${entry.activity}" matched no activity in the 2024 Compendium, so kcal_burned is unknown`)
  } else {
    sources.push(`Compendium 2024 ${match.code}: ${COMPENDIUM}`)
    if (match.confidence < 1) notes.push(`"${entry.activity}" read as Compendium ${match.code}: ${match.description}`)
    if (match.speedMph !== null) notes.push(`speed read as ${match.speedMph} mph`)
  }

  const minutes = entry.duration_minutes ?? null
  if (minutes === null) notes.push('duration_minutes not given, so kcal_burned is unknown')
  const hours = minutes === null ? null : minutes / 60
  const kcal = match === null || hours === null ? null : round(match.met * weight * hours, 1)
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
    reported_kcal: entry.calories_burned ?? null,
    water_extra_l: water,
    notes,
    sources
  }
}
