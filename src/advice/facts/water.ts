import type { WaterEntry, WaterFacts } from '../../../schemas/water.js'
import { round } from './round.js'

// Constants, each with its source beside it. The algorithm combining
// them is our policy, stated in `basis`.
/** Total water per kg of body weight for adults aged 18–60 (PMC11614447: 25–35 mL/kg; 35 mL/kg at 18–60 y). */
export const ML_PER_KG = 35
/** EFSA adequate intake of total water: 2.0 L/d women, 2.5 L/d men (EFSA J 2010;8(3):1459); midpoint when sex is unknown. */
export const EFSA_DEFAULT_L = 2.25
/** Share of total water that comes from drinks, 70–80 % (Jéquier & Constant, EJCN 2010, Table 4); upper end. */
export const DRINKS_SHARE = 0.8
/** Extra per hour of exercise: middle of ACSM's 0.4–0.8 L/h (Sawka et al., MSSE 2007;39:377). */
export const EXERCISE_L_PER_H = 0.5
/** Extra per hour of exercise in heat: sweat ~0.7 L/h temperate vs ~1.1 L/h warm (IOM 2004, pp. 128–129). */
export const EXERCISE_HEAT_L_PER_H = 0.75
/** Added to the day in heat: 3–6 L/d temperate vs 4–12 L/d hot (IOM 2004). */
export const HEAT_DAY_L = 0.5
/** From this temperature (°C) the heat allowances apply. */
export const HOT_C = 30
/** Kidneys clear at most about 0.8–1.0 L/h (Joo & Kim, Ann Pediatr Endocrinol Metab 2013;18:95). */
export const KIDNEY_L_PER_H = 1.0
/** US Army hot-weather caps: 1.4 L/h and 11.4 L/day (Montain et al., Mil Med 1999;164:502). */
export const ARMY_L_PER_H = 1.4
/** US Army daily cap, 12 qt = 11.4 L (same source): no target goes above it. */
export const ARMY_DAY_L = 11.4
/** Above this daily intake without heat or exercise we warn (our policy: ~6 L, well above IOM's 3.7 L AI). */
export const UNSAFE_DAY_L = 6
/** From this daily intake we say dangerous: water-intoxication cases had a median of 8 L/d (Rangan et al., BMJ Open 2021). */
export const DANGEROUS_DAY_L = 10

const SOURCES = {
  weight: 'Total water 35 mL/kg/day, adults 18–60 y (PMC11614447)',
  efsa: 'EFSA NDA Panel, Dietary Reference Values for water, EFSA J 2010;8(3):1459',
  drinks: 'Jéquier E, Constant F. Eur J Clin Nutr 2010;64:115-123 (70–80 % of water from drinks)',
  acsm: 'ACSM Position Stand: Exercise and fluid replacement, Med Sci Sports Exerc 2007;39:377-390',
  iom: 'IOM Dietary Reference Intakes for Water, 2004 (NAP 10925)',
  kidney: 'Joo MA, Kim EY. Ann Pediatr Endocrinol Metab 2013;18:95 (kidney limit ~1 L/h)',
  army: 'US Army hot-weather fluid replacement guide; Montain SJ et al. Mil Med 1999;164:502',
  cases: 'Rangan GK et al. BMJ Open 2021;11:e046539 (water-intoxication cases, median 8 L/day)'
}

/** Hours since local midnight of an ISO date-time, read from its clock digits (the client's own day). */
export function hoursIntoDay (time: string | undefined): number | null {
  const m = time === undefined ? null : /[T ](\d{2}):(\d{2})/.exec(time)
  return m === null ? null : Number(m[1]) + Number(m[2]) / 60
}

/** Computes today's drinking-water target, what remains, and safety warnings. */
export function computeWaterFacts (entry: WaterEntry): WaterFacts {
  const notes: string[] = []
  const sources: string[] = [SOURCES.drinks]
  const hot = entry.temperature !== undefined && entry.temperature >= HOT_C

  let totalWater: number
  let basis: string
  if (entry.weight_kg !== undefined) {
    totalWater = entry.weight_kg * ML_PER_KG / 1000
    basis = `${ML_PER_KG} mL per kg of body weight (${entry.weight_kg} kg) for total water; drinks are ${DRINKS_SHARE * 100} % of it`
    sources.push(SOURCES.weight)
  } else {
    totalWater = EFSA_DEFAULT_L
    basis = `EFSA adequate intake of total water, ${EFSA_DEFAULT_L} L (midpoint of 2.0 L women and 2.5 L men, as sex is not given); drinks are ${DRINKS_SHARE * 100} % of it`
    sources.push(SOURCES.efsa)
    notes.push('weight_kg not given: target from the EFSA adequate intake')
  }
  const baseline = totalWater * DRINKS_SHARE

  const hours = (entry.exercise_duration ?? 0) / 60
  const exerciseExtra = hours * (hot ? EXERCISE_HEAT_L_PER_H : EXERCISE_L_PER_H)
  if (hours > 0) {
    basis += `; plus ${hot ? EXERCISE_HEAT_L_PER_H : EXERCISE_L_PER_H} L per hour of exercise`
    sources.push(SOURCES.acsm)
  }
  const heatExtra = hot ? HEAT_DAY_L : 0
  if (hot) {
    basis += `; plus ${HEAT_DAY_L} L for heat (${HOT_C} °C or more)`
    sources.push(SOURCES.iom)
  }
  if (entry.activity_level !== undefined && hours === 0) {
    notes.push('activity_level is context only: send exercise_duration (minutes) to add water for exercise')
  }

  const uncapped = baseline + exerciseExtra + heatExtra
  const target = round(Math.min(uncapped, ARMY_DAY_L), 2)
  if (uncapped > ARMY_DAY_L) {
    notes.push(`target capped at ${ARMY_DAY_L} L/day, the US Army hot-weather limit; very long exercise needs an individual plan`)
    sources.push(SOURCES.army)
  }
  const intake = entry.amount_liters
  const remaining = round(Math.max(0, target - intake), 2)
  const warnings = safetyWarnings(entry, hot || hours > 0, sources)
  if (remaining > KIDNEY_L_PER_H) {
    notes.push(`spread the rest out: no more than ${KIDNEY_L_PER_H} L in any hour`)
    if (!sources.includes(SOURCES.kidney)) sources.push(SOURCES.kidney)
  }

  return {
    intake_l: intake,
    target_l: target,
    remaining_l: remaining,
    basis,
    baseline_l: round(baseline, 2),
    exercise_extra_l: round(exerciseExtra, 2),
    heat_extra_l: heatExtra,
    warnings,
    notes,
    sources
  }
}

function safetyWarnings (entry: WaterEntry, heatOrExercise: boolean, sources: string[]): string[] {
  const warnings: string[] = []
  const intake = entry.amount_liters
  if (intake >= DANGEROUS_DAY_L) {
    warnings.push(`dangerous: ${intake} L in a day risks water intoxication (hyponatraemia); reported cases had a median of 8 L/day`)
    sources.push(SOURCES.cases)
  } else if (intake > UNSAFE_DAY_L && !heatOrExercise) {
    warnings.push(`unsafe: over ${UNSAFE_DAY_L} L in a day without heat or exercise risks hyponatraemia`)
    sources.push(SOURCES.cases)
  }
  // Drinking since midnight is the slowest possible pace, so this rate is a
  // lower bound: if even that exceeds the kidney's limit, the risk is real.
  const hours = hoursIntoDay(entry.time)
  if (hours !== null && hours > 0) {
    const rate = intake / Math.max(hours, 1)
    if (rate >= ARMY_L_PER_H) {
      warnings.push(`dangerous: at least ${round(rate)} L per hour since midnight; keep under ${KIDNEY_L_PER_H} L per hour`)
      sources.push(SOURCES.army, SOURCES.kidney)
    } else if (rate > KIDNEY_L_PER_H) {
      warnings.push(`unsafe: at least ${round(rate)} L per hour since midnight; kidneys clear about ${KIDNEY_L_PER_H} L per hour`)
      sources.push(SOURCES.kidney)
    }
  }
  return warnings
}
