import { readdirSync } from 'node:fs'

/**
 * Runs every `*.test.ts` file of a folder (not of its subfolders, which have
 * their own group) in this one process, in name order: `npm test` starts one
 * process per folder instead of one per file. Each process pays ~2.5
 * CPU-seconds before its first test (tap, the TypeScript loader, the coverage
 * hooks), and a file that builds the app pays again to load Fastify and its
 * plugins; most files' own tests take less than that. tap runs the files'
 * top-level tests one after another, in import order; a file's work belongs
 * inside its tests, not at import, where it would overlap the tests of the
 * files before it. `npx tap <file>` still runs one file alone.
 */
export async function runFolder (groupUrl: string): Promise<void> {
  const dir = new URL('.', groupUrl)
  for (const file of testFiles(dir)) await import(new URL(file, dir).href)
}

/** The folder's test files, in name order. */
export function testFiles (dir: URL): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort()
}
