import type { DaySummary, DayTotals, EntryPage } from '../../schemas/tracking.js'
import type { Advice, FactsOf } from '../advice/types.js'

// The short text beside each tool's structuredContent. Some agents show the
// model only the text, so it carries the message and the key numbers; the
// full facts (sources, notes, items) are in structuredContent.

const orUnknown = (value: number | null, unit: string) => value === null ? 'unknown' : `${value} ${unit}`
const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`

/** The key numbers of a topic's facts, in one line. */
export function factsText (topic: 'water' | 'gym' | 'food', facts: FactsOf<'water' | 'gym' | 'food'>): string {
  if (topic === 'water') {
    const f = facts as FactsOf<'water'>
    return `Water: ${f.intake_l} L drunk of a ${f.target_l} L target; ${f.remaining_l} L to go.${f.warnings.length > 0 ? ` Warning: ${f.warnings.join(' ')}` : ''}`
  }
  if (topic === 'gym') {
    const f = facts as FactsOf<'gym'>
    if (f.activity === null) return `Activity not found in the 2024 Compendium; kcal burned unknown.${f.notes.length > 0 ? ` ${f.notes[0]}` : ''}`
    const net = f.kcal_net === null ? '' : ` (${f.kcal_net} kcal above rest)`
    const time = f.duration_minutes === null ? '' : ` in ${f.duration_minutes} min`
    return `${f.activity} (Compendium ${f.compendium_code ?? '?'}, MET ${f.met ?? '?'}): ${orUnknown(f.kcal_burned, 'kcal')} burned${net}${time} at ${f.weight_kg} kg${f.weight_assumed ? ' (assumed)' : ''}.`
  }
  const f = facts as FactsOf<'food'>
  const items = f.items.map((i) => `${i.text} → ${i.food}, ${i.grams} g, ${i.kcal} kcal`).join('; ')
  return `${orUnknown(f.kcal, 'kcal')}${f.complete ? '' : ' (partial)'} from ${f.items.length} matched item(s)${items === '' ? '' : `: ${items}`}.` +
    (f.unmatched.length > 0 ? ` Not found: ${f.unmatched.join(', ')}.` : '')
}

const todayText = (t: DayTotals) => `Today: ${t.water_l} of ${t.water_target_l} L water, ${t.kcal_in} kcal in, ${t.kcal_out} kcal out, ${entries(t.entries)}.`

/** An advice answer: the message, the key numbers, and for a logged one its id and the day's totals. */
export function adviceText (advice: Advice<'water' | 'gym' | 'food'> & { entry_id?: string }): string {
  const facts = advice.facts as FactsOf<'water'> & { today?: DayTotals }
  const topic = 'intake_l' in facts ? 'water' : 'kcal_burned' in facts ? 'gym' : 'food'
  const logged = advice.entry_id === undefined ? '' : ` Logged as entry ${advice.entry_id}.${facts.today === undefined ? '' : ` ${todayText(facts.today)}`}`
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
