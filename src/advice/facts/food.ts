import type { FoodEntry, FoodFacts, FoodItem } from '../../../schemas/food.js'
import { parseMeal } from './meal.js'
import { round } from './round.js'

const USDA = 'U.S. Department of Agriculture, Agricultural Research Service. FoodData Central. fdc.nal.usda.gov (public domain)'

function sum (items: FoodItem[], key: 'protein_g' | 'carbs_g' | 'fat_g'): number | null {
  // A macro total is only honest when every matched item has that macro.
  if (items.length === 0 || items.some((i) => i[key] === null)) return null
  return round(items.reduce((acc, i) => acc + (i[key] as number), 0), 1)
}

/** Parses a meal and totals its energy and macros from the USDA table. */
export function computeFoodFacts (entry: FoodEntry): FoodFacts {
  const { items, unmatched } = parseMeal(entry.food, { portionSize: entry.portion_size })
  const notes: string[] = []
  const kcal = items.length === 0 ? null : round(items.reduce((acc, i) => acc + i.kcal, 0), 0)
  if (items.length === 0) notes.push('no food in the text matched the reference table, so kcal is unknown')
  else if (unmatched.length > 0) notes.push(`kcal covers the matched items only; not counted: ${unmatched.join(', ')}`)
  if (entry.estimated_calories !== undefined && kcal !== null) {
    notes.push(`your estimate ${entry.estimated_calories} kcal; ours ${kcal} kcal from USDA values`)
  }
  const sources = [...new Set(items.map((i) => i.source))]
  if (sources.length > 0) sources.push(USDA)
  return {
    kcal,
    protein_g: sum(items, 'protein_g'),
    carbs_g: sum(items, 'carbs_g'),
    fat_g: sum(items, 'fat_g'),
    items,
    unmatched,
    reported_kcal: entry.estimated_calories ?? null,
    notes,
    sources
  }
}
