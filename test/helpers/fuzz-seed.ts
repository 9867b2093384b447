/** The seed a FUZZ_SEED value stands for: a whole number is used as given; anything else, or none, is the pinned seed. */
export function fuzzSeed (value: string | undefined): number {
  return /^-?\d+$/.test(value ?? '') ? Number(value) : 20261201
}

/**
 * The fast-check seed of the fuzz tests. `npm test` uses the pinned one, so a
 * failure there reproduces on every run; `npm run fuzz` passes random seeds
 * through FUZZ_SEED (tooling, not app config) and prints each one.
 */
export const FUZZ_SEED = fuzzSeed(process.env.FUZZ_SEED)

let long = false

/**
 * Runs every property test at its full size from now on. Called by
 * test/system/fuzz-long.test.ts before it imports the quick loop's property
 * tests, so `npm run test:system` (and `npm run fuzz`) runs the same
 * properties ten times longer than `npm test` does.
 */
export function runFullFuzz (): void {
  long = true
}

/**
 * How many cases a property test draws: `full` in the long run, a tenth of it
 * in `npm test`, where each case is cheap but thousands of them are not.
 */
export function fuzzRuns (full: number): number {
  return long ? full : Math.ceil(full / 10)
}
