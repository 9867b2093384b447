import { mkdirSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { buildIfStale, OUTPUTS, STAMP, staleReason } from '../../scripts/build-if-stale.mjs'

const OLD = new Date('2020-01-01T00:00:00Z')
const BUILT = new Date('2021-01-01T00:00:00Z')
const NEWER = new Date('2022-01-01T00:00:00Z')

/** Writes `file` under `root` with the given modification time. */
function touch (root: string, file: string, at: Date): void {
  mkdirSync(join(root, file, '..'), { recursive: true })
  writeFileSync(join(root, file), file)
  utimesSync(join(root, file), at, at)
}

/** A checkout whose inputs predate a finished build. */
function checkout (t: Test): string {
  const root = t.testdir()
  for (const file of ['src/app.ts', 'src/advice/data/foods.json', 'schemas/water.ts', 'package.json', 'package-lock.json', 'tsconfig.json']) touch(root, file, OLD)
  for (const file of [...OUTPUTS, STAMP]) touch(root, file, BUILT)
  return root
}

t.test('a checkout without a finished build is stale', async (t) => {
  const root = t.testdir({ src: { 'app.ts': '' } })
  t.equal(staleReason(root), 'no finished build (dist/.build-stamp is missing)')
  const partial = checkout(t)
  writeFileSync(join(partial, 'dist/server.js'), '')
  t.equal(staleReason(partial), undefined, 'a rewritten output alone is no reason')
})

t.test('a build is stale when any input is newer than its stamp, however deep', async (t) => {
  t.equal(staleReason(checkout(t)), undefined)
  for (const file of ['src/advice/data/foods.json', 'schemas/water.ts', 'package-lock.json', 'scripts/build-bundle.ts', 'tsconfig.build.json']) {
    const root = checkout(t)
    touch(root, file, NEWER)
    t.equal(staleReason(root), `${file} changed since the last build`, file)
  }
  const rewritten = checkout(t)
  touch(rewritten, 'src/app.ts', OLD)
  t.equal(staleReason(rewritten), undefined, 'an input rewritten with its old time is no reason')
})

t.test('buildIfStale builds only when stale, and stamps a build that succeeded with its start time', async (t) => {
  const root = checkout(t)
  let builds = 0
  const build = () => { builds++; return 0 }
  t.equal(buildIfStale(root, build), 0)
  t.equal(builds, 0, 'up to date: no build')

  touch(root, 'src/app.ts', NEWER)
  const before = Date.now()
  t.equal(buildIfStale(root, build), 0)
  t.equal(builds, 1)
  const stamp = statSync(join(root, STAMP)).mtimeMs
  t.ok(stamp >= Math.floor(before / 1000) * 1000 && stamp > NEWER.getTime(), 'the stamp is the build\'s start, after the edit')
  t.equal(staleReason(root), undefined)
  t.equal(buildIfStale(root, build), 0)
  t.equal(builds, 1, 'the second start does not build')
})

t.test('a failed build leaves the checkout stale and returns its status', async (t) => {
  const root = checkout(t)
  touch(root, 'schemas/water.ts', NEWER)
  t.equal(buildIfStale(root, () => 2), 2)
  t.equal(staleReason(root), 'schemas/water.ts changed since the last build')
})
