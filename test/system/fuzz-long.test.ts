import { runFullFuzz } from '../helpers/fuzz-seed.js'

// The long fuzz run: the quick loop's property tests at their full size
// (tens of thousands of cases, a minute or more of CPU), with the same pinned
// seed, or FUZZ_SEED under `npm run fuzz`. `npm test` runs a tenth of each;
// the readers must stay total on every input either way. The files are
// imported after runFullFuzz(), so each reads the full size when it loads;
// their example-based tests run here again too, which costs little.
runFullFuzz()
await import('../advice/text/meal/fuzz.test.js')
await import('../advice/text/workout.test.js')
await import('../advice/text/spelling.test.js')
await import('../advice/text/tokens.test.js')
await import('../advice/upstream/guard.test.js')
