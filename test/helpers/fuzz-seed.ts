/**
 * The fast-check seed of the fuzz tests. `npm test` uses the pinned one, so a
 * failure there reproduces on every run; `npm run fuzz` passes random seeds
 * through FUZZ_SEED (tooling, not app config) and prints each one.
 */
export const FUZZ_SEED = /^-?\d+$/.test(process.env.FUZZ_SEED ?? '') ? Number(process.env.FUZZ_SEED) : 20261201
