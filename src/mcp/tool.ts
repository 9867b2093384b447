import type { Static, TObject } from '@sinclair/typebox'
import type { Advisor } from '../advice/advisor.js'
import type { Foods } from '../tracking/foods.js'
import type { Store } from '../tracking/store.js'
import type { Tracker } from '../tracking/tracker.js'

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
  tracking?: { store: Store, tracker: Tracker, foods: Foods }
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
  /** The tool listed earlier whose argument descriptions this one shares (the listing gives them once). */
  argumentsOf?: string
  /** Fields of `output` this tool never returns (only a logged answer has them); its listing leaves them out. */
  neverReturns?: readonly string[]
  /** Runs a call whose args passed `input`; a tracked tool's context carries the user. */
  run: (args: Record<string, unknown>, ctx: ToolContext & { user: string | undefined }) => Promise<object>
  text: (output: never) => string
}

/**
 * Typed at the definition, erased in the list (TypeScript has no existential types): args are
 * validated against `input` before `run`, and `text` only ever gets what `run` returned.
 */
export function tool<I extends TObject, O extends TObject, R extends object> (spec: Omit<Tool, 'input' | 'output' | 'run' | 'text' | 'tracked' | 'readOnly'> & {
  input: I
  output: O
  tracked?: boolean
  readOnly?: boolean
  run: (args: Static<I>, ctx: ToolContext & { user: string }) => Promise<R>
  text: (output: R) => string
}): Tool {
  return { ...spec, tracked: spec.tracked ?? false, readOnly: spec.readOnly ?? !(spec.tracked ?? false) } as unknown as Tool
}
