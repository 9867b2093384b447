import { readdirSync } from 'node:fs'
import t from 'tap'

/**
 * Runs every `*.test.ts` file of a folder (not of its subfolders, which have
 * their own group) in this one process, in name order: `npm test` starts one
 * process per folder instead of one per file. Each process pays ~2.5
 * CPU-seconds before its first test (tap, the TypeScript loader, the coverage
 * hooks), and a file that builds the app pays again to load Fastify and its
 * plugins; most files' own tests take less than that. A file is imported
 * only once the tests of the one before have all run (tap's root test is
 * then idle), so work a file starts at import, such as a recording that
 * freezes the clock, never overlaps another file's tests (test/scripts/'s
 * recording and replay of the examples fail if it does).
 * `npx tap <file>` still runs one file alone.
 */
export async function runFolder (groupUrl: string): Promise<void> {
  const dir = new URL('.', groupUrl)
  for (const file of testFiles(dir)) {
    await import(new URL(file, dir).href)
    if (!t.idle) await new Promise((resolve) => t.once('idle', resolve))
  }
}

/** The folder's test files, in name order. */
export function testFiles (dir: URL): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.test.ts')).sort()
}
