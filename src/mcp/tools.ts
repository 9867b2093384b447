import type { Static, TObject } from '@sinclair/typebox'
import { FoodAdvice, FoodEntry, FoodFacts } from '../../schemas/food.js'
import { GymAdvice, GymEntry, GymFacts } from '../../schemas/gym.js'
import { DaySummaryInput, Deleted, DeleteEntryInput, ListEntriesInput, LookupActivityInput, LookupFoodInput } from '../../schemas/mcp.js'
import { DaySummary, EntryPage } from '../../schemas/tracking.js'
import { WaterAdvice, WaterEntry } from '../../schemas/water.js'
import type { Advisor } from '../advice/advisor.js'
import { ENTRY_TOPIC_DEFS, prepare } from '../advice/topics/index.js'
import type { Advice, EntryOf, FactsOf } from '../advice/types.js'
import { TrackingError } from '../tracking/errors.js'
import { listEntries } from '../tracking/listing.js'
import type { Store } from '../tracking/store.js'
import type { EntryTopic, LoggedAdvice, Tracker } from '../tracking/tracker.js'
import { adviceText, dayText, factsText, pageText } from './texts.js'

/** Who calls a tool, and how the call may be cancelled. */
export interface ToolContext {
  /** The identified user, or undefined: then only the advice and lookup tools answer. */
  userId: string | undefined
  /** How to identify a user here, told to the model when a tracking tool is called without one. */
  noUser: string
  signal?: AbortSignal
}

/** What the tools run on: the same advisor and tracking services as the REST routes. */
export interface ToolDeps {
  advisor: Advisor
  /** Absent when tracking is off; the tracking tools then say why. */
  tracking?: { store: Store, tracker: Tracker }
}

/** One tool: its schemas (TypeBox, the single source), what it does and how its answer reads as text. */
export interface Tool {
  name: string
  title: string
  description: string
  input: TObject
  output: TObject
  /** Needs an identified user. */
  tracked: boolean
  /** Only reads (advice and lookups); otherwise it changes the user's log. */
  readOnly: boolean
  run: (args: Record<string, unknown>, ctx: ToolContext) => Promise<object>
  text: (output: never) => string
}

/** Typed at the definition, erased in the list: args are validated against `input` before `run`. */
function tool<I extends TObject, O extends TObject, R extends object> (spec: Omit<Tool, 'input' | 'output' | 'run' | 'text' | 'tracked' | 'readOnly'> & {
  input: I
  output: O
  tracked?: boolean
  readOnly?: boolean
  run: (args: Static<I>, ctx: ToolContext & { user: string }) => Promise<R>
  text: (output: R) => string
}): Tool {
  return { ...spec, tracked: spec.tracked ?? false, readOnly: spec.readOnly ?? !(spec.tracked ?? false) } as unknown as Tool
}

const NEVER_LOGS = 'Nothing is saved.'
const NEEDS_USER = 'Needs an identified user.'

/** The eleven tools of DESIGN.md §9, bound to the services. */
export function createTools (deps: ToolDeps): Tool[] {
  const { advisor } = deps
  const tracking = (): NonNullable<ToolDeps['tracking']> => {
    // Not reached while the tracking plugin is loaded; the context's noUser says why it is not.
    if (deps.tracking === undefined) throw new TrackingError(401, 'tracking is off on this server')
    return deps.tracking
  }
  const advise = <T extends EntryTopic>(topic: T) => async (args: EntryOf<T>, ctx: ToolContext): Promise<Advice<T>> =>
    await advisor.advise(topic, args, ctx.signal)
  const log = <T extends EntryTopic>(topic: T) => async (args: EntryOf<T>, ctx: ToolContext & { user: string }): Promise<LoggedAdvice<T>> =>
    (await tracking().tracker.log(ctx.user, topic, args, { signal: ctx.signal })).advice
  const lookup = <T extends 'food' | 'gym'>(topic: T) => async (args: EntryOf<T>): Promise<FactsOf<T>> => prepare(topic, args).facts

  return [
    tool({
      name: ENTRY_TOPIC_DEFS.water.mcp.advise,
      title: 'Water advice (stateless)',
      description: 'How much more water to drink today, with one short piece of advice. ' + NEVER_LOGS + ' Use it to answer a question; to record a drink use log_water instead. ' +
        'amount_liters is the TOTAL drunk so far today in litres (500 mL = 0.5). Optional: weight_kg (kg; sets the target at 35 mL/kg), activity_level (low|moderate|high), temperature (°C), exercise_duration (minutes today). ' +
        'facts: intake_l, target_l (suggested drinking water for the day; basis says how it was set, with its source), remaining_l, warnings (e.g. drinking too much too fast).',
      input: WaterEntry,
      output: WaterAdvice,
      run: advise('water'),
      text: adviceText('water')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.gym.mcp.advise,
      title: 'Workout advice (stateless)',
      description: 'Energy burned in one workout, with one short piece of advice. ' + NEVER_LOGS + ' To record the workout use log_workout instead. ' +
        'activity is free text ("running", "cycling 20 km/h", "45 min HIIT", "ran 5k in 25 minutes": a duration, distance, speed or effort in it is read when the field is absent); duration_minutes in minutes wins over the text; weight_kg in kg (70 kg assumed without it); intensity low|moderate|high. ' +
        'facts: kcal_burned = MET × kg × hours from the matched row of the 2024 Adult Compendium of Physical Activities (compendium_code, met, compendium_description); null without a duration or a match; kcal_net = (MET − 1) × kg × hours, the energy above rest. water_extra_l: extra water for the session.',
      input: GymEntry,
      output: GymAdvice,
      run: advise('gym'),
      text: adviceText('gym')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.food.mcp.advise,
      title: 'Meal advice (stateless)',
      description: 'Energy and macronutrients of a meal, with one short piece of advice. ' + NEVER_LOGS + ' To record the meal use log_meal instead; for numbers without advice use lookup_food. ' +
        'food is free text with amounts ("2 eggs and a slice of toast", "200 g rice"); meal is breakfast|lunch|dinner|snack. ' +
        'facts: kcal, protein_g, carbs_g, fat_g totals of the items matched in USDA FNDDS/SR Legacy (each item cites its row); unmatched lists parts found in no table, left out rather than guessed, so kcal is partial when complete is false.',
      input: FoodEntry,
      output: FoodAdvice,
      run: advise('food'),
      text: adviceText('food')
    }),
    tool({
      name: 'lookup_food',
      title: 'Look up a meal in the USDA tables',
      description: 'Foods, amounts, kcal and macronutrients of a meal text from USDA FoodData Central (FNDDS 2021-2023, SR Legacy), without advice. ' + NEVER_LOGS + ' Use it for "how many calories are in …". ' +
        'food is free text with amounts ("a banana and 30 g almonds"); portion_size small|medium|large scales unspecified portions. ' +
        'items[] gives each match with grams, kcal and its source row; unmatched[] lists parts not found (not guessed); complete is false when something was left out.',
      input: LookupFoodInput,
      output: FoodFacts,
      run: lookup('food'),
      text: (facts: FactsOf<'food'>) => factsText('food', facts)
    }),
    tool({
      name: 'lookup_activity',
      title: 'Look up an activity in the Compendium',
      description: 'The 2024 Adult Compendium of Physical Activities row for an activity text: code, MET and description, and the kcal for a duration and body weight (kcal = MET × kg × hours), without advice. ' + NEVER_LOGS + ' ' +
        'activity is free text and may carry the duration, distance, speed or effort ("45 min HIIT", "ran 5k in 25 minutes"), read when the field for it is absent; duration_minutes in minutes wins over the text (kcal_burned is null without either); kcal_net is (MET − 1) × kg × hours; weight_kg in kg (70 kg assumed, weight_assumed true); intensity low|moderate|high picks the variant where the Compendium has one.',
      input: LookupActivityInput,
      output: GymFacts,
      run: lookup('gym'),
      text: (facts: FactsOf<'gym'>) => factsText('gym', facts)
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.water.mcp.log,
      title: 'Log a drink',
      description: 'Record a drink in the user\'s log and get advice on the day so far. ' + NEEDS_USER + ' ' +
        'amount_liters is THIS drink only, in litres (a 250 mL glass = 0.25); the service adds up the day. time is ISO 8601 (without an offset: the user\'s time zone), default now. ' +
        'Returns the advice, entry_id (keep it to delete a mistake) and facts.today: the day\'s water_l, water_target_l, kcal_in, kcal_out and entry count.',
      input: WaterEntry,
      output: WaterAdvice,
      tracked: true,
      run: log('water'),
      text: adviceText('water')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.gym.mcp.log,
      title: 'Log a workout',
      description: 'Record a workout in the user\'s log, with its kcal burned (2024 Adult Compendium MET × kg × hours) and advice. ' + NEEDS_USER + ' ' +
        'activity is free text and may carry the duration ("30 min HIIT class"), duration_minutes in minutes wins over it, weight_kg in kg (else the profile\'s weight, else 70 kg), time ISO 8601 (default now). ' +
        'Returns the advice, entry_id and facts.today (the day\'s totals, this workout included).',
      input: GymEntry,
      output: GymAdvice,
      tracked: true,
      run: log('gym'),
      text: adviceText('gym')
    }),
    tool({
      name: ENTRY_TOPIC_DEFS.food.mcp.log,
      title: 'Log a meal',
      description: 'Record a meal in the user\'s log, with its kcal and macronutrients from the USDA tables and advice. ' + NEEDS_USER + ' ' +
        'food is free text with amounts; meal breakfast|lunch|dinner|snack; meal_time ISO 8601 (default now). Unmatched parts count 0 kcal and are listed in facts.unmatched. ' +
        'Returns the advice, entry_id and facts.today (the day\'s totals, this meal included).',
      input: FoodEntry,
      output: FoodAdvice,
      tracked: true,
      run: log('food'),
      text: adviceText('food')
    }),
    tool({
      name: 'get_day_summary',
      title: 'Summary of a day',
      description: 'One calendar day of the user\'s log: water_l against water_target_l (litres), kcal_in (eaten), kcal_out (burned in logged workouts), kcal_goal, every entry, and a short message. ' + NEEDS_USER + ' ' +
        'Use it for "how am I doing today?". date is YYYY-MM-DD in the user\'s time zone; default today.',
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
      description: 'The user\'s logged entries, newest first, a page at a time: limit 1–200 (default 50); pass next_cursor back as cursor for the next page. ' + NEEDS_USER + ' ' +
        'Filter by topic (water|gym|food) and from/to (ISO 8601 date-times; without an offset: the user\'s time zone). Use it to review history or find the id of an entry to delete.',
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
      description: 'Delete one of the user\'s entries by id (a log_* answer\'s entry_id, or from list_entries), e.g. a mistaken or duplicate log; the day\'s totals follow. Cannot be undone. ' + NEEDS_USER,
      input: DeleteEntryInput,
      output: Deleted,
      tracked: true,
      run: async (args, ctx): Promise<Deleted> => {
        if (!await tracking().store.deleteEntry(ctx.user, args.id)) throw new TrackingError(404, `no entry ${args.id} in your log`)
        return { deleted: true, id: args.id }
      },
      text: (out: Deleted) => `Deleted entry ${out.id}; the day's totals no longer count it.`
    })
  ]
}
