import { FoodEntry } from '../../../schemas/food.js'
import { GymEntry } from '../../../schemas/gym.js'
import { WaterEntry } from '../../../schemas/water.js'
import type { EntryOf, FactsOf, Topic, TopicTypes } from '../types.js'
import { warmActivityIndex } from '../data/activities.js'
import { computeFoodFacts } from './food.js'
import { warmMealIndex } from './meal/parse.js'
import { computeGymFacts } from './gym.js'
import { computeWaterFacts } from './water.js'

const documented: Record<Topic, ReadonlySet<string>> = {
  water: new Set(Object.keys(WaterEntry.properties)),
  gym: new Set(Object.keys(GymEntry.properties)),
  food: new Set(Object.keys(FoodEntry.properties)),
  day: new Set(['date'])
}

/** Splits a body into its documented fields and its extra context fields. */
export function splitEntry<T extends Topic> (topic: T, body: EntryOf<T>): { entry: TopicTypes[T]['entry'], context: Record<string, unknown> } {
  const entry: Record<string, unknown> = {}
  const context: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (documented[topic].has(key)) entry[key] = value
    else context[key] = value
  }
  return { entry: entry as TopicTypes[T]['entry'], context }
}

const compute: { [T in Exclude<Topic, 'day'>]: (entry: TopicTypes[T]['entry']) => FactsOf<T> } = {
  water: computeWaterFacts,
  gym: computeGymFacts,
  food: computeFoodFacts
}

/** The note listing extra fields, kept within the 300-character bound of a note. */
export function contextNote (names: string[]): string {
  const head = 'not used for the numbers (context only): '
  let listed = names.join(', ')
  for (let n = names.length - 1; head.length + listed.length > 300; n--) {
    listed = `${names.slice(0, n).join(', ')} and ${names.length - n} more`
  }
  return head + listed
}

/** Computes a topic's facts; extra context fields are listed in notes and never change a number. */
export function computeFacts<T extends Exclude<Topic, 'day'>> (topic: T, entry: TopicTypes[T]['entry'], context: Record<string, unknown>): FactsOf<T> {
  const facts = (compute[topic] as (e: TopicTypes[T]['entry']) => FactsOf<T>)(entry)
  const extra = Object.keys(context)
  if (extra.length > 0) facts.notes.push(contextNote(extra))
  return facts
}

/** Builds the food and activity indexes now (they are otherwise built on first use). */
export function warmFacts (): void {
  warmMealIndex()
  warmActivityIndex()
}
