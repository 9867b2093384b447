import { WaterAdvice, WaterEntry, WaterFacts } from '../../../schemas/water.js'
import { computeWaterFacts } from '../facts/water.js'
import type { EntryTopicDef } from './topic.js'
import { litres, pick, seedOf } from './phrasing.js'

const round = (n: number, digits = 3) => Number(n.toFixed(digits))

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

/** The water target of a day without a water entry: the profile's weight (or EFSA's default) baseline. */
export const baselineTargetL = (weightKg: number | null): number =>
  computeWaterFacts({ amount_liters: 0, weight_kg: weightKg ?? undefined }).target_l

/**
 * Water: the day's drinking-water target and what remains. Stateless,
 * `amount_liters` is the day's total so far; tracked, it is this drink, and
 * the facts are of the day's sum at the entry's local time, against the
 * profile's target when it sets one.
 */
export const water: EntryTopicDef<'water'> = {
  name: 'water',
  schemas: { entry: WaterEntry, facts: WaterFacts, advice: WaterAdvice },
  goal: 'Say how much more water to drink today (facts.remaining_l), or that the target is met, plus one motivating line. Mention any warning first.',
  mcp: { advise: 'advise_water', log: 'log_water' },
  timeField: 'time',
  facts (sent, day) {
    if (day === undefined) return { entry: sent, facts: computeWaterFacts(sent) }
    const entry = { ...sent }
    // The target depends on body weight; the profile's stands in for one not sent.
    if (entry.weight_kg === undefined && day.weightKg !== null) entry.weight_kg = day.weightKg
    entry.amount_liters = round(day.waterSoFarL + sent.amount_liters)
    // The pace warnings read the wall-clock time of day in the user's zone.
    entry.time = day.localTime
    const facts = computeWaterFacts(entry)
    if (day.waterTargetL !== null) {
      facts.target_l = day.waterTargetL
      facts.remaining_l = round(Math.max(0, facts.target_l - facts.intake_l), 2)
      facts.basis = `your profile's water_target_l (${day.waterTargetL} L) replaces the computed target (${facts.basis})`
    }
    return { entry, facts }
  },
  amounts: (entry) => ({ water_l: entry.amount_liters, kcal_in: 0, kcal_out: 0 }),
  local: (request) => waterMessage(request.facts, seedOf(request)),
  text: (f) => `Water: ${f.intake_l} L drunk of a ${f.target_l} L target; ${f.remaining_l} L to go.${f.warnings.length > 0 ? ` Warning: ${f.warnings.join(' ')}` : ''}`,
  stored: {
    waterTargetL: (facts) => typeof facts.target_l === 'number' ? facts.target_l : undefined,
    kcalAboveRest: () => 0
  },
  // The stored facts are of the day's sum; the model is shown that sum, as when it was logged.
  restate: (entry, facts) => ({ ...entry, amount_liters: facts.intake_l })
}
