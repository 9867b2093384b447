// Reading what was thrown: a catch clause gets `unknown`, and drivers and
// SDKs attach their own fields (`code`, `errcode`, …) to their errors.

/** A field of a thrown value, or undefined when it has none. */
export function fieldOf (thrown: unknown, name: string): unknown {
  return typeof thrown === 'object' && thrown !== null ? Reflect.get(thrown, name) : undefined
}

/** The message of a thrown value: an Error's message, or the value as text. */
export function messageOf (thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown)
}

/** A thrown value as an Error, for hooks typed to take one. */
export function asError (thrown: unknown): Error {
  return thrown instanceof Error ? thrown : new Error(String(thrown))
}
