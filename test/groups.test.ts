import { existsSync, readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { parse } from 'yaml'
import { testFiles } from './helpers/group.js'

// `npm test` runs the all.group.ts of each folder, which runs that folder's
// test files: a folder without one would have its tests silently skipped.
const root = new URL('./', import.meta.url)

function folders (dir: URL, rel = ''): string[] {
  const subs = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !(rel === '' && (e.name === 'system' || e.name === 'helpers')))
    .flatMap((e) => folders(new URL(`${e.name}/`, dir), `${rel}${e.name}/`))
  return [rel, ...subs]
}

t.test('every folder with test files outside test/system has a group file', async (t) => {
  const withTests = folders(root).filter((rel) => testFiles(new URL(rel, root)).length > 0)
  t.ok(withTests.includes('routes/'), 'the walk reaches the folders')
  for (const rel of withTests) t.ok(existsSync(new URL(`${rel}all.group.ts`, root)), `test/${rel}all.group.ts`)
})

t.test('npm test runs the group files, and test/system only through npm run test:system', async (t) => {
  const taprc = parse(readFileSync(new URL('../.taprc', import.meta.url), 'utf8'))
  t.same(taprc.include, ['test/**/all.group.ts'])
  t.same(taprc.exclude, ['test/system/**'])
})

t.test('a group runs its own folder\'s test files, in name order, and no other file', async (t) => {
  t.same(testFiles(new URL('http/', root)), ['field-errors.test.ts', 'serializer-compiler.test.ts'])
})
