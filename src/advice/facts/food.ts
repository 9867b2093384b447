import type { FoodEntry, FoodFacts, FoodItem } from '../../../schemas/food.js'
import { nutrientsFrom, type NutrientKey, type Nutrients } from '../../../schemas/nutrients.js'
import { parseMeal, type MealParse, type MealOptions } from '../text/meal/parse.js'
import type { UserFoodIndex } from '../text/meal/user-foods.js'
import { round } from './round.js'

const FNDDS = 'U.S. Department of Agriculture, Agricultural Research Service. 2024. USDA Food and Nutrient Database for Dietary Studies 2021-2023 (public domain)'
const SR = 'U.S. Department of Agriculture, Agricultural Research Service. USDA National Nutrient Database for Standard Reference, Legacy Release (public domain)'

// Items and unmatched parts a meal's facts hold, at most (FoodFacts' bounds).
const MAX_PARTS = 50

function sum (items: FoodItem[], key: 'protein_g' | 'carbs_g' | 'fat_g'): number | null {
  // A macro total is only honest when every matched item has that macro.
  if (items.length === 0 || items.some((i) => i[key] === null)) return null
  return round(items.reduce((acc, i) => acc + (i[key] ?? 0), 0), 1)
}

/**
 * The meal's nutrient totals, and a note naming each nutrient left unknown and the rows that lack it:
 * one item without a value makes that total null rather than a silent undercount.
 */
function nutrientTotals (items: FoodItem[]): { nutrients: Nutrients, note: string | undefined } {
  const unknown: NutrientKey[] = []
  const lacking = new Set<string>()
  const nutrients = nutrientsFrom((key) => {
    if (items.length === 0) return null
    let total = 0
    const without = []
    for (const item of items) {
      const value = item.nutrients[key]
      if (value === null) without.push(item)
      else total += value
    }
    if (without.length === 0) return round(total, 1)
    unknown.push(key)
    for (const i of without) lacking.add(i.source)
    return null
  })
  if (unknown.length === 0) return { nutrients, note: undefined }
  const rows = [...lacking]
  const named = rows.length > 3 ? `${rows.slice(0, 3).join(', ')} and ${rows.length - 3} more` : rows.join(', ')
  return { nutrients, note: `${unknown.join(', ')} unknown for the meal: ${named} ${rows.length === 1 ? 'gives' : 'give'} no value` }
}

/**
 * A meal read with the user's own foods first: their names cut out of the text as items, and each
 * piece of text between them read by the FNDDS reader, in text order. Without foods, the reader alone.
 */
function readMeal (text: string, options: MealOptions, foods: UserFoodIndex | undefined): MealParse {
  if (foods === undefined || foods.size === 0) return parseMeal(text, options)
  const read: { items: FoodItem[], unmatched: string[], near: string[] } = { items: [], unmatched: [], near: [] }
  for (const piece of foods.read(text)) {
    if ('item' in piece) { read.items.push(piece.item); continue }
    const parsed = parseMeal(piece.text, options)
    read.items.push(...parsed.items)
    read.unmatched.push(...parsed.unmatched)
    read.near.push(...parsed.near)
  }
  // The facts' bounds: a meal text is short, so only a pathological one reaches them.
  return { items: read.items.slice(0, MAX_PARTS), unmatched: read.unmatched.slice(0, MAX_PARTS), near: read.near }
}

/**
 * Parses a meal and totals its energy, macros and nutrients from FNDDS (and SR Legacy) rows, saying
 * when the total is partial. With a user's foods, their names and aliases are matched first.
 */
export function computeFoodFacts (entry: FoodEntry, foods?: UserFoodIndex): FoodFacts {
  const { items, unmatched, near } = readMeal(entry.food, { portionSize: entry.portion_size }, foods)
  const notes: string[] = []
  const kcal = items.length === 0 ? null : round(items.reduce((acc, i) => acc + i.kcal, 0), 0)
  // A near food is counted (a missing item costs more than a near row) but the total is not called complete.
  const complete = items.length > 0 && unmatched.length === 0 && near.length === 0
  if (items.length === 0) notes.push('no food in the text matched the reference tables, so kcal is unknown')
  else if (unmatched.length > 0) notes.push(`kcal is a partial total: it leaves out ${unmatched.map((u) => `"${u}"`).join(', ')}, which matched no food`)
  for (const text of near) notes.push(`"${text}" matched no food exactly; it is counted as the nearest food for its main word: ${items.find((i) => i.text === text)?.food ?? ''}`)
  if (items.some((i) => i.confidence < 0.6)) notes.push('some amounts were not stated or could not be weighed exactly; their USDA default portions were used')
  if (entry.estimated_calories !== undefined && kcal !== null) {
    notes.push(`your estimate ${entry.estimated_calories} kcal; ours ${kcal} kcal from USDA values${complete ? '' : ' for the recognized part'}`)
  }
  const { nutrients, note } = nutrientTotals(items)
  if (note !== undefined) notes.push(note)
  const sources = [...new Set(items.map((i) => i.source))]
  if (items.some((i) => i.source.startsWith('FNDDS'))) sources.push(FNDDS)
  if (items.some((i) => i.source.startsWith('SR Legacy'))) sources.push(SR)
  if (items.some((i) => i.source.startsWith('user food'))) notes.push('items whose source is "user food <id>" use the values you saved for that food')
  return {
    kcal,
    complete,
    protein_g: sum(items, 'protein_g'),
    carbs_g: sum(items, 'carbs_g'),
    fat_g: sum(items, 'fat_g'),
    nutrients,
    items,
    unmatched,
    reported_kcal: entry.estimated_calories ?? null,
    notes,
    sources
  }
}
