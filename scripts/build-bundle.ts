// Why the production server is a bundle: a cold start spent ~610 ms of its ~1.8 s (measured with
// `node --cpu-prof`, Node 20, issue 16) in Node's module loader, resolving, stat-ing, reading and
// compiling 882 files one by one (TypeBox's ESM build alone is 248, the MCP SDK with zod ~180,
// Ajv 64). A bundle is a handful of files. tsc still type-checks and emits dist/src; esbuild
// only joins the same sources (TypeScript's erasable syntax, so its output matches tsc's).
import { readFile, rm } from 'node:fs/promises'
import { build, type Plugin } from 'esbuild'

/**
 * Left to Node at run time, because they find their own files: better-sqlite3 loads a native
 * addon, and pg requires the optional native pg-native when asked.
 */
export const EXTERNAL = ['better-sqlite3', 'pg-native'] as const

// @fastify/swagger-ui serves Swagger UI's files from its own directory, found through __dirname,
// which an ES module bundle does not have. Left external, loading it (@fastify/static, send, yaml
// and more, file by file) was ~100 ms of a ~1.2 s cold start (issue 16); bundled, each __dirname
// becomes the package's directory as Node resolves it at run time, so the files are the installed ones.
const swaggerUiDirs: Plugin = {
  name: 'swagger-ui-dirname',
  setup (b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]@fastify[\\/]swagger-ui[\\/](?:index|lib[\\/]routes)\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8')
      const packageDir = "require('node:path').dirname(require.resolve('@fastify/swagger-ui'))"
      const dir = /[\\/]lib[\\/]routes\.js$/.test(args.path) ? `require('node:path').join(${packageDir}, 'lib')` : packageDir
      return { contents: source.replaceAll('__dirname', `(${dir})`), loader: 'js' }
    })
  }
}

// The food and activity indexes, built here from the same sources as the rest of the bundle and
// opened at start-up rather than built there: tokenising every row and filling the recall index
// were ~0.3 s of a ~1.2 s cold start (issue 16). Replaces src/advice/match/prebuilt.ts, which from
// source has none. Each index stays JSON text until asked for, so its parsed copy dies once opened.
const prebuiltIndexes: Plugin = {
  name: 'prebuilt-indexes',
  setup (b) {
    b.onLoad({ filter: /[\\/]src[\\/]advice[\\/]match[\\/]prebuilt\.ts$/ }, async () => {
      const [{ textIndexData }, { foodIndexEntries }, { activityIndexEntries }] = await Promise.all([
        import('../src/advice/match/text-index.js'),
        import('../src/advice/facts/meal/lookup.js'),
        import('../src/advice/data/activities.js')
      ])
      const data = {
        foods: JSON.stringify(textIndexData(foodIndexEntries())),
        activities: JSON.stringify(textIndexData(activityIndexEntries()))
      }
      return {
        contents: `const data = ${JSON.stringify(data)}\nexport function prebuiltIndex (name) { const text = data[name]; return text === undefined ? undefined : JSON.parse(text) }\n`,
        loader: 'js'
      }
    })
  }
}

// esbuild writes a JSON import as a JavaScript object literal; V8 parses the 1.3 MB food table
// faster as the argument of JSON.parse (a JSON-only grammar). Our own data only: a package's
// require() of its JSON expects the object itself, not an ES module's default export.
const jsonAsParse: Plugin = {
  name: 'json-parse',
  setup (b) {
    b.onLoad({ filter: /\.json$/ }, async (args) => {
      if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')))
      return { contents: `export default JSON.parse(${JSON.stringify(text)})`, loader: 'js' }
    })
  }
}

/** Bundles the HTTP server (server.js) and the stdio MCP server (mcp-stdio.js) into outdir, which must sit inside the repository (the external packages resolve from its node_modules). */
export async function bundle (root: URL, outdir: string): Promise<void> {
  // Chunk names carry a content hash: without this, every build would leave the last one's chunks behind (and in the image).
  await rm(new URL(`${outdir}/chunks/`, new URL('.', root)), { recursive: true, force: true })
  await build({
    absWorkingDir: new URL('.', root).pathname,
    entryPoints: { server: 'src/server.ts', 'mcp-stdio': 'src/mcp/stdio.ts' },
    outdir,
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    // Code both entries share, and each lazy import() (AI SDKs, database drivers, the MCP SDK),
    // becomes a chunk read only when first used.
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: [...EXTERNAL],
    plugins: [jsonAsParse, swaggerUiDirs, prebuiltIndexes],
    // CommonJS packages inside an ES module bundle still call require() (Node's built-ins above all).
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'error'
  })
}
