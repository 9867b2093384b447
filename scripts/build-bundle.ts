// Why the production server is a bundle: a cold start spent ~610 ms of its ~1.8 s (measured with
// `node --cpu-prof`, Node 20) in Node's module loader, resolving, stat-ing, reading and
// compiling 882 files one by one (TypeBox's ESM build alone is 248, the MCP SDK with zod ~180,
// Ajv 64). A bundle is a handful of files. tsc still type-checks and emits dist/src; esbuild
// only joins the same sources (TypeScript's erasable syntax, so its output matches tsc's).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

/**
 * Left to Node at run time, because they find their own files: better-sqlite3 loads a native
 * addon, and pg requires the optional native pg-native when asked.
 */
export const EXTERNAL = ['better-sqlite3', 'pg-native'] as const

// @fastify/swagger-ui serves Swagger UI's files from its own directory, found through __dirname,
// which an ES module bundle does not have. Left external, loading it (@fastify/static, send, yaml
// and more, file by file) was ~100 ms of a ~1.2 s cold start (measured); bundled, each __dirname
// becomes the package's directory as Node resolves it at run time, so the files are the installed ones.
// test/system/scripts/build-bundle.test.ts fails if the package moves its files or stops using
// __dirname: the bundled server must serve the installed stylesheet and logo.
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

// Our data files sit beside the chunks, in chunks/data/, and are read when the module that imports
// them loads. Inlined (even as the text of a JSON.parse call, which V8 reads faster than an object
// literal), each stayed in memory twice for the life of the process, as part of the module's
// source and as a constant of its code: ~10 MB of heap for the food table and the indexes.
const DATA_DIR = 'data'
const DATA_URL = `new URL(\`./${DATA_DIR}/`
const DATA_IMPORT = "import { readFileSync as __readDataFile } from 'node:fs'\n"
/** An expression reading a data file beside the chunk; `file` is the file name as a JavaScript expression. */
const readData = (file: string): string =>
  `JSON.parse(__readDataFile(${DATA_URL}\${${file}}\`, import.meta.url), 'utf8'))`

/** Our JSON imports (a package's own require() of its JSON is left to esbuild) as files read at load. */
function jsonData (root: URL, files: Map<string, string>): Plugin {
  return {
    name: 'json-data',
    setup (b) {
      b.onLoad({ filter: /\.json$/ }, async (args) => {
        if (/[\\/]node_modules[\\/]/.test(args.path)) return undefined
        // Named after its path in the repository, so two data files never share a name.
        const file = relative(fileURLToPath(root), args.path).replaceAll(/[\\/]/g, '-')
        files.set(file, JSON.stringify(JSON.parse(await readFile(args.path, 'utf8'))))
        return { contents: `${DATA_IMPORT}export default ${readData(JSON.stringify(file))}\n`, loader: 'js' }
      })
    }
  }
}

// The food and activity indexes, built here from the same sources as the rest of the bundle and
// opened at start-up rather than built there: tokenising every row and filling the recall index
// were ~0.3 s of a ~1.2 s cold start (measured). Replaces src/advice/text/prebuilt.ts, which from
// source has none; build-bundle.test.ts fails if the bundle's answers differ from the sources'
// (a MiniSearch change to its saved form included). Each is read only when asked for, so its
// parsed copy dies once the index is open.
function prebuiltIndexes (files: Map<string, string>): Plugin {
  return {
    name: 'prebuilt-indexes',
    setup (b) {
      b.onLoad({ filter: /[\\/]src[\\/]advice[\\/]text[\\/]prebuilt\.ts$/ }, async () => {
        const [{ textIndexData }, { foodIndexEntries }, { activityIndexEntries }] = await Promise.all([
          import('../src/advice/text/text-index.js'),
          import('../src/advice/text/meal/lookup.js'),
          import('../src/advice/text/activities.js')
        ])
        files.set('index-foods.json', JSON.stringify(textIndexData(foodIndexEntries())))
        files.set('index-activities.json', JSON.stringify(textIndexData(activityIndexEntries())))
        return { contents: `${DATA_IMPORT}export function prebuiltIndex (name) { return ${readData("'index-' + name + '.json'")} }\n`, loader: 'js' }
      })
    }
  }
}

/**
 * The output as pure ASCII: esbuild escapes strings, but leaves other characters in regular
 * expressions and kept comments ("’", "→", "≥"). V8 keeps a module's source for the life of the
 * process, and one character above U+00FF makes it store the whole source two bytes a character:
 * ~7 MB more heap for this bundle. Escaped, the source is one byte a character. An
 * identity escape ("\’", legal outside u-mode expressions) is the character itself, so its
 * backslash goes with it. Columns in the source maps shift on the lines this touches.
 */
export function asciiOnly (code: string): string {
  return code.replace(/(\\*)([^\0-\x7f])/g, (_all, slashes: string, char: string) =>
    `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Bundles the HTTP server (server.js) and the stdio MCP server (mcp-stdio.js) into outdir, which must sit inside the repository (the external packages resolve from its node_modules). */
export async function bundle (root: URL, outdir: string): Promise<void> {
  const out = fileURLToPath(new URL(`${outdir}/`, new URL('.', root)))
  // Chunk names carry a content hash: without this, every build would leave the last one's chunks behind (and in the image).
  await rm(join(out, 'chunks'), { recursive: true, force: true })
  const data = new Map<string, string>()
  const { outputFiles } = await build({
    absWorkingDir: fileURLToPath(new URL('.', root)),
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
    plugins: [jsonData(root, data), swaggerUiDirs, prebuiltIndexes(data)],
    // CommonJS packages inside an ES module bundle still call require() (Node's built-ins above all).
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'error',
    write: false
  })
  // The data files are found from the chunk that reads them, so only chunks may read them.
  const misplaced = outputFiles.filter((f) => f.path.endsWith('.js') && dirname(f.path) !== join(out, 'chunks') && f.text.includes(DATA_URL))
  if (misplaced.length > 0) throw new Error(`data read outside chunks/: ${misplaced.map((f) => f.path).join(', ')}`)
  await mkdir(join(out, 'chunks', DATA_DIR), { recursive: true })
  await Promise.all([
    ...outputFiles.map(async (file) => {
      await mkdir(dirname(file.path), { recursive: true })
      await writeFile(file.path, file.path.endsWith('.js') ? asciiOnly(file.text) : file.contents)
    }),
    ...[...data].map(async ([file, text]) => { await writeFile(join(out, 'chunks', DATA_DIR, file), text) })
  ])
}
