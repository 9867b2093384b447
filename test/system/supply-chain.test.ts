import { readFileSync } from 'node:fs'
import semver from 'semver'
import t from 'tap'

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'))
const pkg = read('package.json')
const lock = read('package-lock.json')

t.test('the lockfile matches package.json and pins every production dependency with an integrity hash', async (t) => {
  t.equal(lock.lockfileVersion, 3)
  t.same(lock.packages[''].dependencies, pkg.dependencies)
  t.same(lock.packages[''].devDependencies, pkg.devDependencies)
  const prod = Object.entries(lock.packages as Record<string, { dev?: boolean, integrity?: string, resolved?: string, link?: boolean }>)
    .filter(([path, entry]) => path !== '' && entry.dev !== true && entry.link !== true)
  t.ok(prod.length > 50, `${prod.length} production packages`)
  for (const [path, entry] of prod) {
    t.match(entry.integrity, /^sha(256|384|512)-[A-Za-z0-9+/=]+$/, `${path} has an integrity hash`)
    // This registry mirror records no `resolved` URLs; when one is present it must be the registry's.
    if (entry.resolved !== undefined) t.match(entry.resolved, /^https:\/\/registry\.npmjs\.org\//, `${path} comes from the npm registry`)
  }
})

// The lowest release of each Node line docs/development.md says is tested (CI runs 20, 22, 24).
const NODE_FLOORS = ['20.19.0', '22.0.0', '24.0.0']

t.test('every production package in the lockfile, transitive ones included, runs on Node 20.19, 22 and 24', async (t) => {
  const prod = Object.entries(lock.packages as Record<string, { dev?: boolean, version?: string, engines?: { node?: string } }>)
    .filter(([path, entry]) => path !== '' && entry.dev !== true)
  for (const [path, entry] of prod) {
    const range = entry.engines?.node
    if (range === undefined) continue
    for (const node of NODE_FLOORS) {
      // cookie@2 and content-disposition@3 (>=22) failed this until overrides pinned compatible majors.
      t.ok(semver.satisfies(node, range), `${path}@${entry.version} engines.node "${range}" admits ${node}`)
    }
  }
  t.ok(semver.satisfies('20.19.0', pkg.engines.node), 'and the project\'s own engines field says so')
})

t.test('runtime pins that guard Node 20 support hold', async (t) => {
  t.match(pkg.engines.node, '>=20.19')
  t.match(pkg.devDependencies.typescript, /^~5\.9\./)
  t.match(pkg.dependencies['@google/genai'], /^\^2\./)
  t.match(pkg.dependencies.undici, /^\^7\./)
  t.match(pkg.dependencies.cockatiel, /^\^3\./)
})
