import { readFileSync } from 'node:fs'
import t from 'tap'

const read = (path: string) => JSON.parse(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8'))
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

t.test('runtime pins that guard Node 20 support hold', async (t) => {
  t.match(pkg.engines.node, '>=20.19')
  t.match(pkg.devDependencies.typescript, /^~5\.9\./)
  t.match(pkg.dependencies['@google/genai'], /^\^2\./)
  t.match(pkg.dependencies.undici, /^\^7\./)
  t.match(pkg.dependencies.cockatiel, /^\^3\./)
})
