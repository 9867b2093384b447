import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'
import { build } from '../../helpers/build.js'
import { listen } from '../../helpers/mcp.js'

const run = promisify(execFile)

// The MCP Inspector's CLI (@modelcontextprotocol/inspector-cli, a
// devDependency: nothing is downloaded at test time), the client people debug
// MCP servers with, written by others. Its 1.0.x build looks for its own
// package.json at `../package.json` relative to the working directory, not to
// itself (modelcontextprotocol/inspector#1334, #1503), so it runs from its own
// build directory, where that path is its package.json.
const inspectorDir = fileURLToPath(new URL('../../../node_modules/@modelcontextprotocol/inspector-cli/build/', import.meta.url))

async function inspector (url: URL, ...args: string[]): Promise<{ stdout: string, stderr: string }> {
  return await run(process.execPath, [`${inspectorDir}cli.js`, '--cli', url.href, '--transport', 'http', ...args], { cwd: inspectorDir, env: { PATH: process.env.PATH ?? '' } })
}

t.test('the Inspector CLI lists and calls the tools over Streamable HTTP with a bearer token', async (t) => {
  const app = await build(t, { API_KEYS: 'inspector-key' })
  const url = await listen(app)
  const auth = ['--header', 'Authorization: Bearer inspector-key']

  const list = JSON.parse((await inspector(url, ...auth, '--method', 'tools/list')).stdout) as { tools: Array<{ name: string }> }
  t.same(list.tools.map((tool) => tool.name), ['advise_water', 'advise_workout', 'advise_meal', 'lookup_food', 'lookup_activity', 'log_water', 'log_workout', 'log_meal', 'get_day_summary', 'list_entries', 'delete_entry', 'save_food', 'list_foods'])

  // 9.3 MET (Compendium 12050) × 80 kg × 0.5 h = 372 kcal.
  const activity = JSON.parse((await inspector(url, ...auth, '--method', 'tools/call', '--tool-name', 'lookup_activity',
    '--tool-arg', 'activity=running', '--tool-arg', 'duration_minutes=30', '--tool-arg', 'weight_kg=80')).stdout)
  t.match(activity, { content: [{ type: 'text', text: 'Running (Compendium 12050, MET 9.3): 372 kcal burned (332 kcal above rest) in 30 min at 80 kg.' }], structuredContent: { compendium_code: '12050', kcal_burned: 372 } })

  const logged = JSON.parse((await inspector(url, ...auth, '--header', 'X-User-Id: inspector-user', '--method', 'tools/call', '--tool-name', 'log_water',
    '--tool-arg', 'amount_liters=0.5')).stdout)
  t.match(logged, { structuredContent: { entry_id: /^[0-9a-f-]{36}$/, facts: { today: { water_l: 0.5, entries: 1 } } } })
  const stored = await app.inject({ url: '/entries', headers: { authorization: 'Bearer inspector-key', 'x-user-id': 'inspector-user' } })
  t.equal(stored.json().items[0].id, logged.structuredContent.entry_id, 'the entry is in the same store REST reads')

  const invalid = JSON.parse((await inspector(url, ...auth, '--method', 'tools/call', '--tool-name', 'advise_water', '--tool-arg', 'amount_liters=500')).stdout)
  t.same(invalid, { content: [{ type: 'text', text: 'Invalid arguments for advise_water: amount_liters must be ≤ 10 (litres, not millilitres)' }], isError: true })

  const refused = await inspector(url, '--method', 'tools/list').then(() => undefined, (err: { code: number, stderr: string }) => err)
  t.equal(refused?.code, 1, 'no token: the CLI fails')
  t.match(refused?.stderr, /401/)
})
