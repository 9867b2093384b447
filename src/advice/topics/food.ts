import { FoodAdvice, FoodEntry, FoodFacts } from '../../../schemas/food.js'
import { computeFoodFacts } from '../facts/food.js'
import { pick, seedOf } from './phrasing.js'
import type { EntryTopicDef } from './topic.js'

// Short, plain text a message may quote back; anything else is described, not echoed.
const QUOTABLE = /^[\p{L}'-]+(?: [\p{L}'-]+){0,3}$/u

/** Local advice for a meal: its energy, never presented as the whole meal when part of it was not recognized. */
export function foodMessage (facts: FoodFacts, meal: string | undefined, seed: string): string {
  const label = meal ?? 'meal'
  const missing = facts.unmatched[0]
  const quoted = missing !== undefined && QUOTABLE.test(missing) ? `"${missing}"` : 'part of it'
  if (facts.kcal === null) {
    return `We could not recognize ${quoted === 'part of it' ? 'these foods' : quoted}, so no calorie estimate. Name each food plainly, like "scrambled eggs" or "white rice".`
  }
  const kcal = `${facts.kcal} kcal`
  if (!facts.complete && facts.unmatched.length === 0) {
    // Every part was counted, but some as the nearest food to its main word: an estimate, not judged either.
    return `Roughly ${kcal}, counting part of it as the nearest food we know, so the ${label} total is an estimate.`
  }
  if (!facts.complete) {
    // The total leaves something out, so no judgement of the meal's size or protein.
    const more = facts.unmatched.length > 1 ? ` and ${facts.unmatched.length - 1} more were` : ' was'
    return `Counted ${kcal} for recognized foods only; ${quoted}${more} not recognized, so the full ${label} total is unknown.`
  }
  const protein = facts.protein_g ?? 0
  if (facts.kcal < 300) {
    return protein < 10
      ? `About ${kcal}: a light ${label}. Add protein, like eggs, yogurt or beans, to stay full longer.`
      : `About ${kcal}: a light ${label} with some protein. Add fruit or vegetables for fiber.`
  }
  if (facts.kcal > 800) {
    return `About ${kcal}, a hearty ${label}. Balance the day with vegetables and lean protein at your next meal.`
  }
  // A tip fits the food it names: swapping grains is said only of a meal with a refined grain in it.
  const refined = facts.items.some((i) => REFINED_GRAIN.test(i.food) && !WHOLE_GRAIN.test(i.food))
  return pick([
    `About ${kcal} for this ${label}. A side of vegetables would add fiber for very few calories.`,
    ...(refined ? [`Roughly ${kcal}. Solid ${label}; swap refined grains for whole grains to add fiber.`] : [])
  ], seed)
}

// Foods made of grain, by the words of their USDA names; whole-grain ones are not refined.
const REFINED_GRAIN = /\b(?:bread|bagel|roll|bun|biscuit|croissant|muffin|pancake|waffle|pasta|spaghetti|macaroni|noodles?|rice|tortilla|burrito|taco|quesadilla|pizza|crackers?|pretzels?|cereal|chips|grits|couscous|sandwich|hamburger|cheeseburger)\b/i
const WHOLE_GRAIN = /\bwhole[ -](?:grain|wheat)\b|\bbrown\b|\bmultigrain\b|\boat/i

/** The key numbers of a meal's facts in one line. */
function foodText (f: FoodFacts): string {
  const items = f.items.map((i) => `${i.text} → ${i.food}, ${i.grams} g, ${i.kcal} kcal`).join('; ')
  return `${f.kcal === null ? 'unknown' : `${f.kcal} kcal`}${f.complete ? '' : ' (partial)'} from ${f.items.length} matched item(s)${items === '' ? '' : `: ${items}`}.` +
    (f.unmatched.length > 0 ? ` Not found: ${f.unmatched.join(', ')}.` : '')
}

/** A meal: the foods read from its text, their energy and macronutrients. */
export const food: EntryTopicDef<'food'> = {
  name: 'food',
  schemas: { entry: FoodEntry, facts: FoodFacts, advice: FoodAdvice },
  goal: 'Estimate the meal\'s calories using facts.kcal (if not null) and encourage one healthier choice (vegetables, protein or fiber).',
  mcp: { advise: 'advise_meal', log: 'log_meal' },
  timeField: 'meal_time',
  // A meal's numbers do not depend on the day: a profile weight added here
  // would only come back as an unused context field.
  facts: (entry, day) => ({ entry, facts: computeFoodFacts(entry, day?.foods) }),
  amounts: (_entry, facts) => ({ water_l: 0, kcal_in: facts.kcal ?? 0, kcal_out: 0 }),
  local: (request) => foodMessage(request.facts, request.entry.meal, seedOf(request)),
  text: foodText,
  stored: { waterTargetL: () => undefined, kcalAboveRest: () => 0 },
  restate: (entry) => entry
}
