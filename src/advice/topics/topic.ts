import type { TObject } from '@sinclair/typebox'
import type { UserFoodIndex } from '../text/meal/user-foods.js'
import type { EntryTopic, FactsOf, ProviderRequest, Topic, TopicTypes } from '../types.js'

/** What a tracked day adds to an entry's facts: the caller's profile and the day logged so far. */
export interface DayContext {
  /** The profile's body weight in kg, for an entry that sends none; null when unset. */
  weightKg: number | null
  /** The profile's water target override in litres; null when unset. */
  waterTargetL: number | null
  /** Water already logged that day, before this entry, in litres. */
  waterSoFarL: number
  /** The entry's wall-clock date-time in the user's time zone, without an offset. */
  localTime: string
  /** The user's own foods, matched in a meal text before the reference tables; absent: none. */
  foods?: UserFoodIndex
}

/** What an entry adds to its day's stored sums. */
export interface EntryAmounts { water_l: number, kcal_in: number, kcal_out: number }

/** One topic: the model's task and the local advisor's words. */
export interface TopicDef<T extends Topic> {
  readonly name: T
  /** The task a model is given for this topic, before the data block; no user text enters it. */
  readonly goal: string
  /** The local advisor's words for the request: deterministic, plain, at most 25 words. */
  local (request: ProviderRequest<T>): string
}

/** A topic whose entries are sent and logged: water, gym and food. */
export interface EntryTopicDef<T extends EntryTopic> extends TopicDef<T> {
  /** The named TypeBox schemas of its request body, its facts and its advice answer. */
  readonly schemas: { readonly entry: TObject, readonly facts: TObject, readonly advice: TObject }
  /** Its MCP tool names. */
  readonly mcp: { readonly advise: string, readonly log: string }
  /** The body field that says when it happened (a tracked entry's instant). */
  readonly timeField: 'time' | 'meal_time'
  /**
   * The entry the facts were computed from, and the facts. Stateless (no day):
   * the entry as sent. Tracked: the entry with its day applied (the profile's
   * weight, the day's water), which is also what a model is shown.
   */
  facts (entry: TopicTypes[T]['entry'], day?: DayContext): { entry: TopicTypes[T]['entry'], facts: FactsOf<T> }
  /** What the entry (as sent) adds to its day's sums. */
  amounts (entry: TopicTypes[T]['entry'], facts: FactsOf<T>): EntryAmounts
  /** The key numbers of its facts in one line (the text beside an MCP tool's structured answer). */
  text (facts: FactsOf<T>): string
  /**
   * Read from a stored entry's facts (logged by any version, so untyped):
   * the water target it set for its day, and its energy above rest in kcal.
   */
  readonly stored: {
    waterTargetL (facts: Record<string, unknown>): number | undefined
    kcalAboveRest (facts: Record<string, unknown>): number
  }
  /** The entry a model is shown for a stored entry's facts, when its answer is rebuilt. */
  restate (entry: TopicTypes[T]['entry'], facts: FactsOf<T>): TopicTypes[T]['entry']
}
