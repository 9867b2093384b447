import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import t from 'tap'
import { request } from 'undici'
import { asciiOnly, bundle } from '../../../scripts/build-bundle.js'
import { build, chainEnv, SEEDS } from '../../helpers/build.js'
import { startFakeGemini } from '../../helpers/fake-gemini.js'
import { startFakeOpenAI } from '../../helpers/fake-openai.js'
import { call } from '../../helpers/mcp.js'
import { productionBundle } from '../../helpers/bundle.js'
import { postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { startServer, type ServerProcess } from '../../helpers/server-process.js'

// The production bundle, built by the same function as `npm run build`, and run as `npm start`
// runs it: a package inlined that should have stayed external (a native addon, files found at
// run time) or a lazy import() the bundle broke fails here, not in production.
const root = new URL('../../../', import.meta.url)
const rootPath = fileURLToPath(root)
const { dir: outdir, server: serverEntry } = await productionBundle()
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { version: string }

const KEY = 'bundle-key-123'
const asUser = { 'content-type': 'application/json', authorization: `Bearer ${KEY}`, 'x-user-id': 'bundle-user' }

async function post (server: ServerProcess, path: string, body: object, headers: Record<string, string> = asUser) {
  const res = await request(`${server.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })
  return { status: res.statusCode, body: await res.body.json() as Record<string, any> }
}

async function entries (server: ServerProcess) {
  const res = await request(`${server.url}/entries`, { headers: asUser })
  t.equal(res.statusCode, 200)
  return (await res.body.json() as { items: Array<{ topic: string }> }).items
}

t.test('the bundled server is ready, serves the Swagger UI assets, the same advice as the sources, tracks on SQLite, and stops cleanly', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'bundle-'))
  t.teardown(() => { rmSync(dir, { recursive: true, force: true }) })
  const server = await startServer({ API_KEYS: KEY, DATABASE_URL: `sqlite:${join(dir, 'health.db')}` }, serverEntry)
  t.teardown(() => { server.child.kill('SIGKILL') })

  const ready = await request(`${server.url}/ready`)
  t.equal(ready.statusCode, 200)
  t.same(await ready.body.json(), { status: 'ready', database: 'up' })
  // Swagger UI's files are read from @fastify/swagger-ui's own directory at run time (the bundle
  // rewrites its __dirname): the stylesheet, and the logo the page inlines, are the installed files.
  const swaggerUiDir = new URL('node_modules/@fastify/swagger-ui/', root)
  const css = await request(`${server.url}/docs/static/swagger-ui.css`)
  t.equal(css.statusCode, 200)
  t.match(css.headers['content-type'], /^text\/css/)
  t.equal(await css.body.text(), readFileSync(new URL('static/swagger-ui.css', swaggerUiDir), 'utf8'), 'the stylesheet itself')
  const initializer = await request(`${server.url}/docs/static/swagger-initializer.js`)
  t.equal(initializer.statusCode, 200)
  t.match(await initializer.body.text(), `data:image/svg+xml;base64,${readFileSync(new URL('static/logo.svg', swaggerUiDir)).toString('base64')}`, 'the logo')
  // version.ts finds package.json from wherever the bundle's chunk sits.
  const spec = await request(`${server.url}/docs/json`)
  t.equal((await spec.body.json() as { info: { version: string } }).info.version, pkg.version)

  // The food and activity tables came through the bundle whole, and its indexes are the ones built
  // with it (scripts/build-bundle.ts): the same answers as the sources give, which build their own.
  const food = await post(server, '/food', SEEDS.food)
  t.equal(food.status, 200)
  const app = await build(t, { API_KEYS: KEY, DATABASE_URL: 'sqlite::memory:' })
  const fromSources = await app.inject({ method: 'POST', url: '/food', headers: asUser, payload: SEEDS.food })
  t.same(food.body.facts, fromSources.json().facts)
  t.ok(food.body.facts.kcal > 0)
  const asked: Array<[string, object]> = [
    ['/food', { food: 'two scrambled eggs, 3 slices of bacon and a cup of coffee with milk' }],
    ['/food', { food: 'chiken tikka masala with basmati rice and naan' }],
    ['/gym', { activity: 'nordic skiing', duration_minutes: 40, intensity: 'high' }],
    ['/gym', { activity: 'HIIT class', duration_minutes: 25 }]
  ]
  // Another user on both, so each side's day totals count the same entries.
  const bob = { ...asUser, 'x-user-id': 'bob' }
  for (const [path, body] of asked) {
    const bundled = await post(server, path, body, bob)
    t.same(bundled.body.facts, (await app.inject({ method: 'POST', url: path, headers: bob, payload: body })).json().facts, `${path} ${JSON.stringify(body)}`)
  }

  t.same((await entries(server)).map((e) => e.topic), ['food'], 'the meal was tracked in SQLite (better-sqlite3, external)')

  server.child.kill('SIGTERM')
  t.equal(await server.exit, 0)
  t.match(server.output(), /shutting down/)
})

t.test('the bundled server loads the Gemini and OpenAI-compatible providers it is configured with', async (t) => {
  const gemini = await startFakeGemini({ kind: 'ok', text: 'Keep sipping steadily through the day.' })
  t.teardown(() => gemini.close())
  const openai = await startFakeOpenAI({ kind: 'ok' })
  t.teardown(() => openai.close())
  const server = await startServer({ ...chainEnv(gemini.url, openai.url), AI_MAX_RETRIES: '0', TRACKING: 'off' }, serverEntry)
  t.teardown(() => { server.child.kill('SIGKILL') })

  const anonymous = { 'content-type': 'application/json' }
  const first = await post(server, '/water', SEEDS.water, anonymous)
  t.equal(first.status, 200)
  t.equal(first.body.source, 'gemini')
  gemini.setMode({ kind: 'status', status: 500 })
  // Another entry: the same one would be answered from the advice cache.
  const second = await post(server, '/water', { ...SEEDS.water, amount_liters: 1.5 }, anonymous)
  t.equal(second.status, 200)
  t.equal(second.body.source, 'openai', 'the chain fell through to the OpenAI-compatible provider')
  server.child.kill('SIGTERM')
  t.equal(await server.exit, 0)
})

t.test('the bundled server tracks on PostgreSQL (pg, bundled; pg-native external)', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  const server = await startServer({ API_KEYS: KEY, DATABASE_URL: pg.url }, serverEntry)
  t.teardown(() => { server.child.kill('SIGKILL') })
  t.equal((await post(server, '/water', SEEDS.water)).status, 200)
  t.same((await entries(server)).map((e) => e.topic), ['water'])
  server.child.kill('SIGTERM')
  t.equal(await server.exit, 0)
})

t.test('the bundled stdio MCP server lists and runs the tools', async (t) => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [join(outdir, 'mcp-stdio.js')],
    cwd: rootPath,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', DATABASE_URL: 'sqlite::memory:', MCP_USER_ID: 'me', _TAPJS_PROCESSINFO_COV_EXCLUDE_: '/.*/' },
    stderr: 'pipe'
  })
  const client = new Client({ name: 'bundle-test', version: '1.0.0' })
  await client.connect(transport)
  t.teardown(() => client.close())
  t.equal((await client.listTools()).tools.length, 13)
  const activity = await call(client, 'lookup_activity', { activity: 'running', duration_minutes: 30, weight_kg: 80 })
  t.match(activity.structuredContent, { kcal_burned: 372 }, '9.3 MET × 80 kg × 0.5 h')
})

t.test('a rebuild leaves no chunk of an earlier build behind', async (t) => {
  const stale = join(outdir, 'chunks', 'chunk-STALE000.js')
  writeFileSync(stale, 'export {}\n')
  await bundle(root, outdir)
  t.notOk(existsSync(stale))
  t.ok(existsSync(serverEntry), 'the entry is written again')
})

t.test('the bundle is ASCII, and its data files sit beside the chunks rather than in them', async (t) => {
  const js = readdirSync(outdir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'))
  t.ok(js.length > 2)
  // One character above U+00FF would make V8 keep that file's whole source two bytes a character.
  t.same(js.filter((f) => /[^\0-\x7f]/.test(readFileSync(join(outdir, f), 'utf8'))), [], 'no character outside ASCII')
  // The prebuilt indexes (index-*.json) among them.
  const data = readdirSync(join(outdir, 'chunks', 'data')).sort()
  t.same(data, ['index-activities.json', 'index-foods.json', 'schemas-examples.json', 'src-advice-data-activity-synonyms.json',
    'src-advice-data-compendium.json', 'src-advice-data-fndds.json', 'src-advice-data-food-aliases.json', 'src-advice-data-nutrients.json',
    'src-advice-data-sr-legacy.json'])
  t.same(JSON.parse(readFileSync(join(outdir, 'chunks', 'data', 'src-advice-data-fndds.json'), 'utf8')),
    JSON.parse(readFileSync(new URL('src/advice/data/fndds.json', root), 'utf8')), 'the food table as the repository has it')
  // Neither the food table's rows nor an index's prepared entries are inlined in any chunk.
  t.same(js.filter((f) => /"foods":\[\[|"prepared":\[/.test(readFileSync(join(outdir, f), 'utf8'))), [])
})

t.test('asciiOnly escapes every other character to the same meaning', async (t) => {
  // JavaScript with the characters themselves, in a class, a literal, an identity escape, a u-mode
  // pattern (an astral character), a string and a comment.
  const code = "const s = /[‘’`´]/g; const e = /café|\\’/; const u = /^😀$/u; const q = '—' // → comment"
  const out = asciiOnly(code)
  t.notMatch(out, /[^\0-\x7f]/, 'pure ASCII')
  t.match(out, '/[\\u2018\\u2019`\\u00b4]/g')
  const run = (src: string) => new Function(`${src}\nreturn [s, e, u, q]`)() as [RegExp, RegExp, RegExp, string] // eslint-disable-line no-new-func
  const [s, e, u, q] = run(out)
  const [s0, e0, u0, q0] = run(code)
  t.equal(q, q0)
  for (const text of ['‘', '´', 'café', '’', '😀', 'x']) {
    t.equal(s.test(text), s0.test(text), `s on ${text}`)
    s.lastIndex = 0
    s0.lastIndex = 0
    t.equal(e.test(text), e0.test(text), `e on ${text}`)
    t.equal(u.test(text), u0.test(text), `u on ${text}`)
  }
  t.ok(u.test('😀'), 'the astral character is still one code point')
  // An identity escape ("\’" in a pattern without the u flag) is the character itself; an escaped backslash before it stays.
  t.equal(asciiOnly('/\\’/'), '/\\u2019/')
  t.equal(asciiOnly('"\\\\’"'), '"\\\\\\u2019"')
})
