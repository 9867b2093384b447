// `npm start` runs this first: it builds dist/ only when a build input is newer
// than the last build, so a second start goes straight to the built server.
// Plain JavaScript on purpose: loading tsx would cost the start it saves.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** What `npm run build` reads: the sources, the schemas, the build scripts, the dependencies and the compiler settings. */
export const INPUTS = ['src', 'schemas', 'scripts/build-bundle.ts', 'scripts/bundle.ts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json']
/** What a finished build leaves: the two bundles, and the stamp written when the build succeeded. */
export const OUTPUTS = ['dist/server.js', 'dist/mcp-stdio.js']
/** Its modification time is when the last successful build started. */
export const STAMP = 'dist/.build-stamp'

/** The most recently modified file under `path` (a file or a directory), or undefined when there is none. */
function newest (path) {
  if (!existsSync(path)) return undefined
  const stat = statSync(path)
  if (!stat.isDirectory()) return { path, mtimeMs: stat.mtimeMs }
  let best
  for (const name of readdirSync(path)) {
    const found = newest(join(path, name))
    if (found !== undefined && (best === undefined || found.mtimeMs > best.mtimeMs)) best = found
  }
  return best
}

/** Why `root` needs a build (a sentence), or undefined when dist/ is newer than every input. */
export function staleReason (root) {
  const missing = [STAMP, ...OUTPUTS].find((file) => !existsSync(join(root, file)))
  if (missing !== undefined) return `no finished build (${missing} is missing)`
  const built = statSync(join(root, STAMP)).mtimeMs
  for (const input of INPUTS) {
    const found = newest(join(root, input))
    if (found !== undefined && found.mtimeMs > built) return `${found.path.slice(root.length + 1)} changed since the last build`
  }
  return undefined
}

/** Builds `root` when it is stale; returns the build's exit status (0 when nothing was needed). */
export function buildIfStale (root, build = () => spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' }).status ?? 1) {
  const reason = staleReason(root)
  if (reason === undefined) {
    console.log('dist/ is up to date: starting the last build')
    return 0
  }
  console.log(`building dist/: ${reason}`)
  // The stamp takes the time the build started, so a file edited during the build counts as newer.
  const started = new Date()
  const status = build()
  if (status !== 0) return status
  writeFileSync(join(root, STAMP), 'written by scripts/build-if-stale.mjs after a successful npm run build\n')
  utimesSync(join(root, STAMP), started, started)
  return 0
}

/* c8 ignore next 3 -- the command-line entry; the tests call buildIfStale */
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = buildIfStale(fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, ''))
}
