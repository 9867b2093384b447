/** Litres as spoken: one decimal, no trailing zero ("1.5 L", "2 L"); two for a small positive amount ("0.04 L", never "0 L"). */
export function litres (value: number): string {
  return `${Number(value.toFixed(value > 0 && value < 0.05 ? 2 : 1))} L`
}

/** Picks one of several phrasings, stable for a given input so answers are deterministic. */
export function pick<T> (options: readonly T[], seed: string): T {
  let h = 2166136261
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619)
  return options[(h >>> 0) % options.length]
}

/** The text with its first letter in upper case. */
export function cap (s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** The seed of a request's phrasing: its entry, so the same entry always reads the same. */
export const seedOf = (request: { entry: unknown }): string => JSON.stringify(request.entry)
