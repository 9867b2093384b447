// Long fuzz runs: FUZZ_RUNS rounds (default 5) of the fuzz suites, each with
// a fresh random seed printed first, so any failure can be replayed with
// `FUZZ_SEED=<seed> npx tap <file>`. npm test and test:system keep the pinned seed.
import { spawnSync } from 'node:child_process'
import { randomInt } from 'node:crypto'

const FILES = ['test/system/routes/fuzz.test.ts', 'test/system/fuzz-long.test.ts']
const rounds = Number(process.env.FUZZ_RUNS ?? '5')
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('FUZZ_RUNS must be a positive integer')
  process.exit(2)
}

for (let round = 1; round <= rounds; round++) {
  const seed = randomInt(2 ** 31)
  console.log(`fuzz round ${round}/${rounds}: FUZZ_SEED=${seed}`)
  const res = spawnSync('npx', ['tap', '--disable-coverage', ...FILES], { stdio: 'inherit', env: { ...process.env, FUZZ_SEED: String(seed) } })
  if (res.status !== 0) {
    console.error(`fuzz failed with FUZZ_SEED=${seed}; replay: FUZZ_SEED=${seed} npx tap ${FILES.join(' ')}`)
    process.exit(res.status ?? 1)
  }
}
