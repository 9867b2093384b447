import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { bundle } from '../../scripts/build-bundle.js'

const root = new URL('../../', import.meta.url)

/** Where a test file's production bundle lies, and its two entries. */
export interface ProductionBundle {
  dir: string
  /** What `npm start` runs (dist/server.js). */
  server: string
  /** The stdio MCP server (dist/mcp-stdio.js). */
  mcpStdio: string
}

let built: Promise<ProductionBundle> | undefined

/**
 * The production bundle, built once per test file by the same function as
 * `npm run build`, into a scratch directory inside the repository (as dist/
 * is, so its external packages resolve from node_modules), removed when the
 * file ends. Spawned servers run it as production does: compiled once, not
 * recompiled from TypeScript by every process.
 */
export async function productionBundle (): Promise<ProductionBundle> {
  built ??= (async () => {
    const cache = join(fileURLToPath(root), 'node_modules', '.cache')
    mkdirSync(cache, { recursive: true })
    const dir = mkdtempSync(join(cache, 'bundle-test-'))
    t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
    await bundle(root, dir)
    return { dir, server: join(dir, 'server.js'), mcpStdio: join(dir, 'mcp-stdio.js') }
  })()
  return await built
}
