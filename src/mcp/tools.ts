import { FoodAdvice, FoodEntry, FoodFacts } from '../../schemas/food.js'
import { GymAdvice, GymEntry, GymFacts } from '../../schemas/gym.js'
import { DaySummaryInput, Deleted, DeleteEntryInput, ListEntriesInput, ListFoodsInput, LogMealInput, LogWaterInput, LogWorkoutInput, LookupActivityInput, LookupFoodInput } from '../../schemas/mcp.js'
import { DaySummary, EntryPage } from '../../schemas/tracking.js'
import { UserFood, UserFoodInput, UserFoodPage } from '../../schemas/user-foods.js'
import { WaterAdvice, WaterEntry } from '../../schemas/water.js'
import { ENTRY_TOPIC_DEFS, prepare } from '../advice/topics/index.js'
import type { Advice, EntryOf, FactsOf } from '../advice/types.js'
import { TrackingError, type IdempotencyCode } from '../tracking/errors.js'
import { listEntries } from '../tracking/listing.js'
import type { EntryTopic, LoggedAdvice } from '../tracking/tracker.js'
import { adviceText, dayText, factsText, foodPageText, foodText, pageText } from './texts.js'
import { tool, type Tool, type ToolContext, type ToolDeps } from './tool.js'

const NEVER_LOGS = 'Nothing is saved.'
// What a stateless answer lacks: the stored entry's id and the day's totals.
const LOGGED_ADVICE = ['entry_id', 'facts.today']
const LOGGED_FACTS = ['today']

/** What an idempotency_key that cannot be honoured means, by the tracker's reason. */
const KEY_DETAILS: Readonly<Record<IdempotencyCode, string>> = {
  key_reused: 'this idempotency_key was already used with different arguments; use a new key for a new entry',
  key_entry_deleted: 'the entry logged under this idempotency_key was deleted',
  key_in_progress: 'a call with this idempotency_key is still in progress; retry shortly'
}
const NEEDS_USER = 'Needs an identified user.'

/** The MCP tools (docs/agents.md), bound to the services. */
export function createTools (deps: ToolDeps): Tool[] {
  const { advisor } = deps
  const tracking = (): NonNullable<ToolDeps['tracking']> => {
    // Not reached while the tracking plugin is loaded; the context's noUser says why it is not.
    if (deps.tracking === undefined) throw new TrackingError('no_user', 'tracking is off on this server')
    return deps.tracking
  }
  const advise = <T extends EntryTopic>(topic: T) => async (args: EntryOf<T>, ctx: ToolContext): Promise<Advice<T>> =>
    await advisor.advise(topic, args, ctx.signal)
  const log = <T extends EntryTopic>(topic: T) => async (args: EntryOf<T> & { idempotency_key?: string }, ctx: ToolContext & { user: string }): Promise<LoggedAdvice<T>> => {
    const key = args.idempotency_key
    const entry: EntryOf<T> = { ...args }
    // The key belongs to the call, not to the entry (nor to its body hash).
    delete entry.idempotency_key
    try {
      return (await tracking().tracker.log(ctx.user, topic, entry, { idempotencyKey: key, signal: ctx.signal })).advice
    } catch (err) {
      // The tracker words these for the Idempotency-Key header; a tool call has the argument instead.
      if (err instanceof TrackingError && err.code !== undefined) throw new TrackingError(err.kind, KEY_DETAILS[err.code], { retryAfterS: err.retryAfterS })
      throw err
    }
  }
  const lookup = <T extends 'food' | 'gym'>(topic: T) => async (args: EntryOf<T>): Promise<FactsOf<T>> => prepare(topic, args).facts

  return [
    tool({
      name: ENTRY_TOPIC_DEFS.water.mcp.advise,
      title: 'Water advice (stateless)',
      description: 'How much more water to drink today, with one short tip. ' + NEVER_LOGS + ' To record a drink use log_water. ' +
        'facts.target_l is the day\'s target (basis says how it was set, with its source); warnings flag drinking too much too fast.',
      input: WaterEntry,
      output: WaterAdvice,
      neverReturns: LOGGED_ADVICE,
      run: advise('water'),
      text: adviceText('water')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.gym.mcp.advise,
      title: 'Workout advice (stateless)',
      description: 'Energy burned in one workout, with one short tip. ' + NEVER_LOGS + ' To record it use log_workout. ' +
        'facts.kcal_burned = MET × kg × hours from the matched 2024 Adult Compendium row (compendium_code); kcal_net counts only the energy above rest.',
      input: GymEntry,
      output: GymAdvice,
      neverReturns: LOGGED_ADVICE,
      run: advise('gym'),
      text: adviceText('gym')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.food.mcp.advise,
      title: 'Meal advice (stateless)',
      description: 'Energy and macronutrients of a meal from USDA FNDDS, with one short tip. ' + NEVER_LOGS + ' To record it use log_meal; for numbers only, lookup_food. ' +
        'Parts in facts.unmatched are left out, not guessed (complete is then false).',
      input: FoodEntry,
      output: FoodAdvice,
      neverReturns: LOGGED_ADVICE,
      run: advise('food'),
      text: adviceText('food')
    }),
    tool({
      name: 'lookup_food',
      title: 'Look up a meal in the USDA tables',
      description: 'Foods, grams, kcal and macronutrients of a meal text from USDA FNDDS, without advice. ' + NEVER_LOGS + ' ' +
        'Each item cites its source row; unmatched lists parts left out, not guessed.',
      argumentsOf: 'advise_meal',
      input: LookupFoodInput,
      output: FoodFacts,
      neverReturns: LOGGED_FACTS,
      run: lookup('food'),
      text: (facts: FactsOf<'food'>) => factsText('food', facts)
    }),
    tool({
      name: 'lookup_activity',
      title: 'Look up an activity in the Compendium',
      description: 'The 2024 Adult Compendium row (code, MET) for an activity text, and its kcal for a duration and body weight (MET × kg × hours), without advice. ' + NEVER_LOGS + ' ' +
        'kcal_burned is null without a duration.',
      argumentsOf: 'advise_workout',
      input: LookupActivityInput,
      output: GymFacts,
      neverReturns: LOGGED_FACTS,
      run: lookup('gym'),
      text: (facts: FactsOf<'gym'>) => factsText('gym', facts)
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.water.mcp.log,
      title: 'Log a drink',
      description: 'Records one drink in the user\'s log and advises on the day so far. ' + NEEDS_USER + ' amount_liters is this drink only (a 250 mL glass = 0.25). ' +
        'Returns entry_id (for delete_entry) and facts.today, the day\'s totals.',
      argumentsOf: 'advise_water',
      input: LogWaterInput,
      output: WaterAdvice,
      tracked: true,
      run: log('water'),
      text: adviceText('water')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.gym.mcp.log,
      title: 'Log a workout',
      description: 'Records a workout in the user\'s log, with its kcal burned (2024 Adult Compendium) and one short tip. ' + NEEDS_USER + ' ' +
        'Returns entry_id (for delete_entry) and facts.today, the day\'s totals.',
      argumentsOf: 'advise_workout',
      input: LogWorkoutInput,
      output: GymAdvice,
      tracked: true,
      run: log('gym'),
      text: adviceText('gym')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.food.mcp.log,
      title: 'Log a meal',
      description: 'Records a meal in the user\'s log, with its kcal and macronutrients (USDA FNDDS) and one short tip. ' + NEEDS_USER + ' ' +
        'Returns entry_id (for delete_entry) and facts.today, the day\'s totals.',
      argumentsOf: 'advise_meal',
      input: LogMealInput,
      output: FoodAdvice,
      tracked: true,
      run: log('food'),
      text: adviceText('food')
    }),
    tool({
      name: 'get_day_summary',
      title: 'Summary of a day',
      description: 'One day of the user\'s log: water against its target, kcal eaten and burned, the kcal goal, every entry and a short message. ' + NEEDS_USER + ' ' +
        'Use it for "how am I doing today?".',
      input: DaySummaryInput,
      output: DaySummary,
      tracked: true,
      readOnly: true,
      run: async (args, ctx) => await tracking().tracker.summary(ctx.user, args.date, ctx.signal),
      text: dayText
    }),
    tool({
      name: 'list_entries',
      title: 'List logged entries',
      description: 'The user\'s logged entries, newest first, a page at a time; pass next_cursor back as cursor. ' + NEEDS_USER + ' ' +
        'Use it to find an entry to delete.',
      input: ListEntriesInput,
      output: EntryPage,
      tracked: true,
      readOnly: true,
      run: async (args, ctx) => await listEntries(tracking(), ctx.user, args),
      text: pageText
    }),
    tool({
      name: 'delete_entry',
      title: 'Delete a logged entry',
      description: 'Deletes one of the user\'s entries by id (a log_* answer\'s entry_id, or from list_entries); the day\'s totals follow. Cannot be undone. ' + NEEDS_USER,
      input: DeleteEntryInput,
      output: Deleted,
      tracked: true,
      run: async (args, ctx): Promise<Deleted> => {
        if (!await tracking().store.deleteEntry(ctx.user, args.id)) throw new TrackingError('not_found', `no entry ${args.id} in your log`)
        return { deleted: true, id: args.id }
      },
      text: (out: Deleted) => `Deleted entry ${out.id}; the day's totals no longer count it.`
    }),
    tool({
      name: 'save_food',
      title: 'Save a food or recipe',
      description: 'Saves the user\'s own food (from its label) or recipe (read like a meal); log_meal then counts it by name: "half a grandma\'s chili". ' + NEEDS_USER,
      input: UserFoodInput,
      output: UserFood,
      tracked: true,
      run: async (args, ctx) => await tracking().foods.create(ctx.user, args),
      text: foodText
    }),
    tool({
      name: 'list_foods',
      title: 'List saved foods',
      description: 'The user\'s saved foods and recipes, newest first; pass next_cursor back as cursor. Shows the names log_meal recognizes and what a serving counts. ' + NEEDS_USER,
      input: ListFoodsInput,
      output: UserFoodPage,
      tracked: true,
      readOnly: true,
      run: async (args, ctx) => await tracking().foods.list(ctx.user, args),
      text: foodPageText
    })
  ]
}
