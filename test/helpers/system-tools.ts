import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { Test } from 'tap'

/** The absolute path of an executable found on PATH, or undefined. */
export function findTool (binary: string): string | undefined {
  // Tooling, not app config: the tests need PATH to find system binaries.
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue
    const candidate = join(dir, binary)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // Not in this directory, or not executable: keep looking.
    }
  }
  return undefined
}

/**
 * Finds a system binary a test needs; when it is missing the test is skipped,
 * naming the Debian package, or fails when REQUIRE_SYSTEM_TOOLS=1 (CI images
 * that install the tools must not silently skip).
 */
export function requireTool (t: Test, binary: string, debianPackage: string): string | undefined {
  const path = findTool(binary)
  if (path !== undefined) return path
  const message = `${binary} not found on PATH: install it with \`apt-get install ${debianPackage}\``
  if (process.env.REQUIRE_SYSTEM_TOOLS === '1') t.fail(`${message} (REQUIRE_SYSTEM_TOOLS=1)`)
  // A skipped, empty subtest: the message shows as `# SKIP` in the report.
  else t.skip(message, () => {})
  return undefined
}
