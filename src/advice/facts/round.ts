/** Rounds to a fixed number of decimals without binary-float noise (2.45 stays 2.45). */
export function round (value: number, decimals = 1): number {
  const f = 10 ** decimals
  return Math.round((value + Number.EPSILON) * f) / f
}
