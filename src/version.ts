import { existsSync, readFileSync } from 'node:fs'
import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

// The same module runs from src/ (tsx, tests) and from dist/src/ (npm start),
// so look for the nearest package.json upwards instead of a fixed path.
function findPackageJson (from: URL): URL {
  let dir = new URL('./', from)
  for (let i = 0; i < 4 && !existsSync(new URL('package.json', dir)); i++) dir = new URL('../', dir)
  return new URL('package.json', dir)
}

/** The service version from package.json. */
export const version: string = Value.Parse(Type.Object({ version: Type.String() }), JSON.parse(readFileSync(findPackageJson(new URL(import.meta.url)), 'utf8'))).version
