import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { FUZZ_SEED, fuzzRuns, fuzzSeed, runFullFuzz } from '../helpers/fuzz-seed.js'

const root = fileURLToPath(new URL('../../', import.meta.url))
// Child processes compiled by tsx: keep their coverage out of tap's report (see server-process.ts).
const env = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? '', _TAPJS_PROCESSINFO_COV_EXCLUDE_: '/.*/', ...extra })

t.test('npm test fuzzes with a pinned seed; FUZZ_SEED replaces it', async (t) => {
  t.equal(fuzzSeed(undefined), 20261201)
  t.equal(fuzzSeed('42'), 42)
  t.equal(fuzzSeed('-7'), -7)
  t.equal(fuzzSeed('random'), 20261201, 'a non-number keeps the pinned seed')
  t.equal(fuzzSeed('4.2'), 20261201, 'so does a fraction')
  t.equal(FUZZ_SEED, fuzzSeed(process.env.FUZZ_SEED), 'the fuzz tests read it from the environment')
})

t.test('npm test draws a tenth of a property\'s cases; the long run draws them all', async (t) => {
  t.equal(fuzzRuns(20_000), 2000)
  t.equal(fuzzRuns(2000), 200)
  t.equal(fuzzRuns(5), 1, 'at least one case')
  runFullFuzz()
  t.equal(fuzzRuns(20_000), 20_000)
  t.equal(fuzzRuns(2000), 2000)
})

t.test('npm run fuzz rejects a bad FUZZ_RUNS before running anything', async (t) => {
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/fuzz.ts'], { cwd: root, env: env({ FUZZ_RUNS: '0' }), encoding: 'utf8' })
  t.equal(res.status, 2)
  t.equal(res.stderr.trim(), 'FUZZ_RUNS must be a positive integer')
  t.notMatch(res.stdout, 'fuzz round')
})
