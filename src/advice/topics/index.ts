import { warmActivityIndex } from '../text/activities.js'
import { warmMealIndex } from '../text/meal/parse.js'
import type { EntryOf, EntryTopic, ProviderRequest, Topic, TopicTypes } from '../types.js'
import { day } from './day.js'
import { food } from './food.js'
import { gym } from './gym.js'
import type { DayContext, EntryTopicDef, TopicDef } from './topic.js'
import { water } from './water.js'

export type { DayContext, EntryAmounts, EntryTopicDef, TopicDef } from './topic.js'

/**
 * The topics that log an entry, by name: each one's schemas, facts, prompt
 * task, local words and MCP names. Adding a topic is one more entry here
 * (and its name in TopicTypes).
 */
export const ENTRY_TOPIC_DEFS: { readonly [T in EntryTopic]: EntryTopicDef<T> } = { water, gym, food }

/** Every topic by name, the day summary included. */
export const TOPIC_DEFS: { readonly [T in Topic]: TopicDef<T> } = { ...ENTRY_TOPIC_DEFS, day }

const documented: { readonly [T in EntryTopic]: ReadonlySet<string> } = {
  water: new Set(Object.keys(water.schemas.entry.properties)),
  gym: new Set(Object.keys(gym.schemas.entry.properties)),
  food: new Set(Object.keys(food.schemas.entry.properties))
}

/** Splits a body into its documented fields and its extra context fields. */
export function splitEntry<T extends EntryTopic> (topic: T, body: EntryOf<T>): { entry: TopicTypes[T]['entry'], context: Record<string, unknown> } {
  // The body is its topic's entry plus context fields: a copy without them is the entry.
  const entry: TopicTypes[T]['entry'] = { ...body }
  const context: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body)) {
    if (documented[topic].has(key)) continue
    context[key] = value
    Reflect.deleteProperty(entry, key)
  }
  return { entry, context }
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

/**
 * The one way an entry's facts are computed, stateless or tracked: the body
 * split into entry and context, the topic's facts of the entry (with its day,
 * when tracked), and the extra context fields listed in notes; they never
 * change a number. The result is what a provider is asked to phrase.
 */
export function prepare<T extends EntryTopic> (topic: T, body: EntryOf<T>, day?: DayContext): ProviderRequest<T> {
  const { entry: sent, context } = splitEntry(topic, body)
  const def: EntryTopicDef<T> = ENTRY_TOPIC_DEFS[topic]
  const { entry, facts } = def.facts(sent, day)
  const extra = Object.keys(context)
  if (extra.length > 0) facts.notes.push(contextNote(extra))
  return request(topic, entry, context, facts)
}

/** A provider request of a topic; the one place the correlated fields are put together under its generic name. */
export function request<T extends Topic> (topic: T, entry: TopicTypes[T]['entry'], context: Record<string, unknown>, facts: TopicTypes[T]['facts']): ProviderRequest<T> {
  // TypeScript cannot see that the fields of one generic T form one member of the union ProviderRequest<T>.
  return { topic, entry, context, facts } as ProviderRequest<T>
}

/** Builds the food and activity indexes now (they are otherwise built on first use). */
export function warmFacts (): void {
  warmMealIndex()
  warmActivityIndex()
}
