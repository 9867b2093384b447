import type { DaySummary, DayTotals, EntryPage } from '../../schemas/tracking.js'
import type { UserFood, UserFoodPage } from '../../schemas/user-foods.js'
import { ENTRY_TOPIC_DEFS, type EntryTopicDef } from '../advice/topics/index.js'
import type { Advice, EntryTopic, FactsOf } from '../advice/types.js'

// The short text beside each tool's structuredContent. Some agents show the
// model only the text, so it carries the message and the key numbers; the
// full facts (sources, notes, items) are in structuredContent.

const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`

/** The key numbers of a topic's facts, in one line (each topic words its own). */
export function factsText<T extends EntryTopic> (topic: T, facts: FactsOf<T>): string {
  const def: EntryTopicDef<T> = ENTRY_TOPIC_DEFS[topic]
  return def.text(facts)
}

const todayText = (t: DayTotals) => `Today: ${t.water_l} of ${t.water_target_l} L water, ${t.kcal_in} kcal in, ${t.kcal_out} kcal out, ${entries(t.entries)}.`

/** An advice answer of a topic: the message, the key numbers, and for a logged one its id and the day's totals. */
export const adviceText = <T extends EntryTopic>(topic: T) => (advice: Advice<T> & { entry_id?: string, facts: { today?: DayTotals } }): string => {
  const today = advice.facts.today
  const logged = advice.entry_id === undefined ? '' : ` Logged as entry ${advice.entry_id}.${today === undefined ? '' : ` ${todayText(today)}`}`
  return `${advice.message}\n${factsText(topic, advice.facts)}${logged}`
}

/** A day summary. */
export function dayText (day: DaySummary): string {
  const goal = day.kcal_goal === null ? '' : ` (goal ${day.kcal_goal} kcal)`
  return `${day.date} (${day.timezone}): ${day.water_l} of ${day.water_target_l} L water, ${day.kcal_in} kcal in${goal}, ${day.kcal_out} kcal out (${day.kcal_out_net} above rest), ${entries(day.entries)}.\n${day.message}`
}

/** A page of entries, one line each. */
export function pageText (page: EntryPage): string {
  const lines = page.items.map((e) => `- ${e.id} ${e.topic} at ${e.time}`)
  const more = page.next_cursor === null ? '' : `\nMore: call again with cursor "${page.next_cursor}".`
  return `${entries(page.items.length)}${lines.length > 0 ? ':\n' : '.'}${lines.join('\n')}${more}`
}

/** A saved food: its names and one serving's energy. */
export function foodText (food: UserFood): string {
  const aliases = food.aliases.length === 0 ? '' : ` (also ${food.aliases.map((a) => `"${a}"`).join(', ')})`
  const recipe = food.recipe === undefined ? '' : ` Recipe of ${food.servings ?? 1} servings from ${food.items?.length ?? 0} item(s)${(food.unmatched ?? []).length > 0 ? `; not recognized: ${(food.unmatched ?? []).join(', ')}` : ''}.`
  return `Food ${food.id}: "${food.name}"${aliases}, ${food.per_serving.kcal} kcal per ${food.serving.description} (${food.serving.grams} g).${recipe}`
}

/** A page of foods, one line each. */
export function foodPageText (page: UserFoodPage): string {
  const lines = page.items.map((f) => `- ${f.id} "${f.name}": ${f.per_serving.kcal} kcal per ${f.serving.description}`)
  const more = page.next_cursor === null ? '' : `\nMore: call again with cursor "${page.next_cursor}".`
  return `${page.items.length} ${page.items.length === 1 ? 'food' : 'foods'}${lines.length > 0 ? ':\n' : '.'}${lines.join('\n')}${more}`
}
