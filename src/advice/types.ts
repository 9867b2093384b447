import type { Source } from '../../schemas/common.js'
import type { FoodEntry, FoodFacts } from '../../schemas/food.js'
import type { GymEntry, GymFacts } from '../../schemas/gym.js'
import type { DayFacts } from '../../schemas/tracking.js'
import type { WaterEntry, WaterFacts } from '../../schemas/water.js'

/** The advice topics: one per logging route, and `day` for a tracked day's summary. */
export const TOPICS = ['water', 'gym', 'food', 'day'] as const
/** One of TOPICS. */
export type Topic = typeof TOPICS[number]
/** The topics that log an entry (every topic but the day summary). */
export type EntryTopic = Exclude<Topic, 'day'>

/** Entry and facts types per topic. */
export interface TopicTypes {
  water: { entry: WaterEntry, facts: WaterFacts }
  gym: { entry: GymEntry, facts: GymFacts }
  food: { entry: FoodEntry, facts: FoodFacts }
  day: { entry: { date: string }, facts: DayFacts }
}

/** A validated request body of a topic (documented fields plus extra context fields). */
export type EntryOf<T extends Topic> = TopicTypes[T]['entry'] & Record<string, unknown>
/** The computed facts of a topic. */
export type FactsOf<T extends Topic> = TopicTypes[T]['facts']

/** What the service answers for one entry. */
export interface Advice<T extends Topic = Topic> {
  message: string
  source: Source
  degraded: boolean
  facts: FactsOf<T>
}

/**
 * What a provider is asked to phrase: documented fields, extra context and the
 * computed facts, kept apart. A union discriminated by `topic`, so a switch on
 * the topic narrows the entry and the facts with it.
 */
export type ProviderRequest<T extends Topic = Topic> = {
  [K in T]: { topic: K, entry: TopicTypes[K]['entry'], context: Record<string, unknown>, facts: FactsOf<K> }
}[T]

/** Token usage reported by a provider, when it reports any. */
export interface Usage { inputTokens: number, outputTokens: number }

/** A provider's raw reply, before the output guard. */
export interface ProviderReply { text: string, usage?: Usage }

/**
 * Writes the words of one piece of advice (the AI SDK's provider contract:
 * one call that takes an AbortSignal; retries, timeouts and fallback are
 * composed outside it).
 */
export interface AdviceProvider {
  readonly name: Source
  /** The model id, part of the cache key; the local advisor has none. */
  readonly model?: string
  write (request: ProviderRequest, signal: AbortSignal): Promise<ProviderReply>
  close? (): Promise<void>
}
