import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'
import t from 'tap'
import { FoodAdvice, FoodFacts } from '../../schemas/food.js'
import { GymAdvice, GymFacts } from '../../schemas/gym.js'
import { allSchemas } from '../../schemas/index.js'
import { Deleted } from '../../schemas/mcp.js'
import { DaySummary, EntryPage } from '../../schemas/tracking.js'
import { UserFood, UserFoodPage } from '../../schemas/user-foods.js'
import { WaterAdvice } from '../../schemas/water.js'
import { build } from '../helpers/build.js'
import { call, connect, INITIALIZE, listen, rawPost, textOf } from '../helpers/mcp.js'

// Each tool's output schema: the REST answer schema it shares (docs/agents.md), named here, not read from the code.
const OUTPUTS: Record<string, TSchema> = {
  advise_water: WaterAdvice,
  advise_workout: GymAdvice,
  advise_meal: FoodAdvice,
  lookup_food: FoodFacts,
  lookup_activity: GymFacts,
  log_water: WaterAdvice,
  log_workout: GymAdvice,
  log_meal: FoodAdvice,
  get_day_summary: DaySummary,
  list_entries: EntryPage,
  delete_entry: Deleted,
  save_food: UserFood,
  list_foods: UserFoodPage
}

// An Ajv of the test's own, against the TypeBox schemas themselves (not the
// inlined copies the server lists), so a wrong inlining cannot hide a bad answer.
const ajv = new Ajv({ allErrors: true, strict: false })
addFormats.default(ajv)
for (const s of allSchemas) ajv.addSchema(s)
const conforms = (name: string, value: unknown) => {
  const schema = OUTPUTS[name]
  const validate = ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema)
  return validate(value) ? 'ok' : JSON.stringify(validate.errors)
}

const KEYS = { API_KEYS: 'agent-key-1,other-key-2' }
const asUser = (user: string, key = 'agent-key-1') => ({ authorization: `Bearer ${key}`, 'x-user-id': user })
const DAY = '2026-05-10'

t.test('the SDK client lists the thirteen tools with object schemas, and the advice tools answer as the REST routes do', async (t) => {
  const app = await build(t, KEYS)
  const url = await listen(app)
  const client = await connect(t, url, asUser('alice'))
  const { tools } = await client.listTools()
  t.same(tools.map((tool) => tool.name), Object.keys(OUTPUTS))
  for (const tool of tools) {
    t.equal(tool.inputSchema.type, 'object', `${tool.name} input is an object`)
    t.equal(tool.outputSchema?.type, 'object', `${tool.name} output is an object`)
    for (const schema of [tool.inputSchema, tool.outputSchema ?? {}]) {
      // Each stands alone: no $id, and a $ref only into the schema's own $defs.
      const json = JSON.stringify(schema)
      t.notMatch(json, /"\$id"/, `${tool.name}: no $id`)
      const refs = [...json.matchAll(/"\$ref":"#\/\$defs\/([^"]+)"/g)].map((m) => m[1])
      t.equal(json.split('"$ref"').length - 1, refs.length, `${tool.name}: local references only`)
      const defs = (schema as { $defs?: Record<string, unknown> }).$defs ?? {}
      for (const name of refs) t.ok(name in defs, `${tool.name}: #/$defs/${name} is defined`)
    }
    t.ok(tool.description !== undefined && tool.description.length > 150, `${tool.name} says when to use it`)
  }
  t.equal(tools.find((tool) => tool.name === 'delete_entry')?.annotations?.destructiveHint, true)
  t.equal(tools.find((tool) => tool.name === 'lookup_food')?.annotations?.readOnlyHint, true)

  // The same body through REST (stateless: no X-User-Id) and through the tool.
  const cases = [
    { tool: 'advise_water', route: '/water', body: { amount_liters: 1.2, weight_kg: 70, temperature: 31 } },
    { tool: 'advise_workout', route: '/gym', body: { activity: 'running', duration_minutes: 30, weight_kg: 80 } },
    { tool: 'advise_meal', route: '/food', body: { food: '100 g banana', meal: 'snack' } }
  ]
  for (const c of cases) {
    const result = await call(client, c.tool, c.body)
    t.notOk(result.isError, c.tool)
    t.equal(conforms(c.tool, result.structuredContent), 'ok', `${c.tool} matches its output schema`)
    const rest = await app.inject({ method: 'POST', url: c.route, payload: c.body, headers: { authorization: 'Bearer agent-key-1' } })
    t.same(result.structuredContent, rest.json(), `${c.tool} answers as POST ${c.route}`)
    t.equal(result.structuredContent?.entry_id, undefined, `${c.tool} never logs`)
    t.match(textOf(result), (result.structuredContent as { message: string }).message, `${c.tool} text leads with the message`)
  }
  const entries = await call(client, 'list_entries')
  t.same(entries.structuredContent, { items: [], next_cursor: null }, 'the advice tools stored nothing')

  // Worked by hand: running is Compendium 12050 at 9.3 MET; 9.3 × 80 kg × 0.5 h = 372 kcal;
  // 0.5 L of water per hour of exercise. Banana: FNDDS 63107010, 97 kcal per 100 g.
  const activity = await call(client, 'lookup_activity', { activity: 'running', duration_minutes: 30, weight_kg: 80 })
  t.equal(conforms('lookup_activity', activity.structuredContent), 'ok')
  t.match(activity.structuredContent, { compendium_code: '12050', met: 9.3, kcal_burned: 372, water_extra_l: 0.25, weight_assumed: false })
  // Net of rest: (9.3 − 1) × 80 × 0.5 = 332 kcal.
  t.equal(textOf(activity), 'Running (Compendium 12050, MET 9.3): 372 kcal burned (332 kcal above rest) in 30 min at 80 kg.')
  // The duration in the text: High intensity interval exercise 02210 at 7.0 MET; 7 × 80 × 0.5 = 280 kcal, 6 × 80 × 0.5 = 240 net.
  const hiit = await call(client, 'lookup_activity', { activity: '30 min HIIT class', weight_kg: 80 })
  t.equal(conforms('lookup_activity', hiit.structuredContent), 'ok')
  t.match(hiit.structuredContent, { compendium_code: '02210', met: 7, duration_minutes: 30, kcal_burned: 280, kcal_net: 240 })
  t.ok((hiit.structuredContent as { notes: string[] }).notes.includes('duration 30 min read from the activity text'))
  const food = await call(client, 'lookup_food', { food: '100 g banana' })
  t.equal(conforms('lookup_food', food.structuredContent), 'ok')
  t.match(food.structuredContent, { kcal: 97, complete: true, items: [{ grams: 100, kcal: 97, source: 'FNDDS 63107010' }], unmatched: [] })
  t.notOk('message' in (food.structuredContent ?? {}), 'a lookup has no advice')
})

t.test('an identified agent logs, reads and deletes its own entries', async (t) => {
  const app = await build(t, KEYS)
  const client = await connect(t, await listen(app), asUser('alice'))
  const first = await call(client, 'log_water', { amount_liters: 0.25, time: `${DAY}T08:00:00Z` })
  const water = await call(client, 'log_water', { amount_liters: 0.5, time: `${DAY}T09:00:00Z` })
  const gym = await call(client, 'log_workout', { activity: 'running', duration_minutes: 30, weight_kg: 80, time: `${DAY}T10:00:00Z` })
  const meal = await call(client, 'log_meal', { food: '100 g banana', meal_time: `${DAY}T11:00:00Z` })
  for (const [name, r] of [['log_water', first], ['log_water', water], ['log_workout', gym], ['log_meal', meal]] as const) {
    t.notOk(r.isError, textOf(r))
    t.equal(conforms(name, r.structuredContent), 'ok', `${name} matches its output schema`)
    t.match(r.structuredContent, { entry_id: /^[0-9a-f-]{36}$/ })
    t.match(textOf(r), `Logged as entry ${String(r.structuredContent?.entry_id)}`)
  }
  // The day so far, by hand: 0.25 + 0.5 L; 372 kcal out; 97 kcal in; four entries.
  t.match(water.structuredContent, { facts: { intake_l: 0.75, today: { water_l: 0.75, entries: 2 } } })
  t.match(meal.structuredContent, { facts: { today: { water_l: 0.75, kcal_in: 97, kcal_out: 372, entries: 4 } } })

  const day = await call(client, 'get_day_summary', { date: DAY })
  t.equal(conforms('get_day_summary', day.structuredContent), 'ok')
  t.match(day.structuredContent, { date: DAY, timezone: 'UTC', water_l: 0.75, kcal_in: 97, kcal_out: 372, entries: 4 })
  t.match(textOf(day), `${DAY} (UTC): 0.75 of`)

  const page = await call(client, 'list_entries', { limit: 3 })
  t.equal(conforms('list_entries', page.structuredContent), 'ok')
  const listed = page.structuredContent as { items: Array<{ id: string, topic: string }>, next_cursor: string }
  t.same(listed.items.map((e) => e.topic), ['food', 'gym', 'water'], 'newest first')
  t.type(listed.next_cursor, 'string')
  const rest = await call(client, 'list_entries', { limit: 3, cursor: listed.next_cursor })
  t.match(rest.structuredContent, { items: [{ id: first.structuredContent?.entry_id, topic: 'water' }], next_cursor: null }, 'the last page')
  t.equal((rest.structuredContent as { items: unknown[] }).items.length, 1)
  const waterOnly = await call(client, 'list_entries', { topic: 'water', from: `${DAY}T08:30:00Z` })
  t.same((waterOnly.structuredContent as { items: Array<{ id: string }> }).items.map((e) => e.id), [water.structuredContent?.entry_id])

  const gymId = String(gym.structuredContent?.entry_id)
  const deleted = await call(client, 'delete_entry', { id: gymId })
  t.equal(conforms('delete_entry', deleted.structuredContent), 'ok')
  t.same(deleted.structuredContent, { deleted: true, id: gymId })
  t.match((await call(client, 'get_day_summary', { date: DAY })).structuredContent, { kcal_out: 0, entries: 3 }, 'the totals follow')
  const again = await call(client, 'delete_entry', { id: gymId })
  t.equal(again.isError, true)
  t.equal(textOf(again), `no entry ${gymId} in your log`)

  // The same entries through REST, as the same user: one store behind both.
  const viaRest = await app.inject({ method: 'GET', url: '/entries', headers: asUser('alice') })
  t.equal(viaRest.json().items.length, 3)
})

t.test('one user\'s agent never sees or deletes another user\'s entries', async (t) => {
  const app = await build(t, KEYS)
  const url = await listen(app)
  const alice = await connect(t, url, asUser('alice'))
  const bob = await connect(t, url, asUser('bob'))
  // The same X-User-Id under another API key is another user.
  const aliceElsewhere = await connect(t, url, asUser('alice', 'other-key-2'))
  const logged = await call(alice, 'log_meal', { food: '100 g banana', meal_time: `${DAY}T11:00:00Z` })
  const id = String(logged.structuredContent?.entry_id)
  for (const [who, client] of [['bob', bob], ['alice under another key', aliceElsewhere]] as const) {
    t.same((await call(client, 'list_entries')).structuredContent, { items: [], next_cursor: null }, `${who} lists nothing`)
    t.match((await call(client, 'get_day_summary', { date: DAY })).structuredContent, { entries: 0, kcal_in: 0 }, `${who}'s day is empty`)
    const del = await call(client, 'delete_entry', { id })
    t.equal(del.isError, true, `${who} cannot delete it`)
    t.equal(textOf(del), `no entry ${id} in your log`, 'a missing entry and another user\'s read the same')
  }
  t.same((await call(alice, 'list_entries')).structuredContent?.items, [{ ...(await app.inject({ method: 'GET', url: `/entries/${id}`, headers: asUser('alice') })).json() }], 'alice still has it')
})

t.test('tool errors are isError results naming the problem, never transport errors', async (t) => {
  const app = await build(t, KEYS)
  const url = await listen(app)
  const client = await connect(t, url, asUser('alice'))
  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['advise_water', { amount_liters: '2' }, 'Invalid arguments for advise_water: amount_liters must be number'],
    ['advise_water', { amount_liters: 500 }, 'Invalid arguments for advise_water: amount_liters must be ≤ 10 (litres, not millilitres)'],
    ['advise_workout', {}, 'Invalid arguments for advise_workout: activity is required'],
    ['advise_meal', { food: 'x'.repeat(501) }, 'Invalid arguments for advise_meal: food must NOT have more than 500 characters'],
    ['lookup_food', { food: 'toast', meal: 'lunch' }, 'Invalid arguments for lookup_food: meal is not a known field'],
    ['log_water', { amount_liters: 0.2, note: { nested: true } }, 'Invalid arguments for log_water: note must be a string (≤ 200 characters'],
    ['list_entries', { limit: '5' }, 'Invalid arguments for list_entries: limit must be integer'],
    ['list_entries', { cursor: 'not-a-cursor' }, 'cursor is not a next_cursor this API issued'],
    ['get_day_summary', { date: '2026-02-30' }, 'Invalid request query: date must be a real calendar date, e.g. 2024-06-01'],
    ['log_meal', { food: 'toast', meal_time: '2026-13-01T00:00:00' }, 'meal_time must be an ISO 8601 date-time']
  ]
  for (const [name, args, detail] of cases) {
    const result = await call(client, name, args)
    t.equal(result.isError, true, `${name} ${JSON.stringify(args).slice(0, 60)}`)
    t.match(textOf(result), detail)
    t.equal(result.structuredContent, undefined)
    t.notMatch(textOf(result), /at .*\.(ts|js):\d+/, 'no stack')
  }
  t.equal((await call(client, 'list_entries')).structuredContent?.next_cursor, null, 'nothing was logged by a rejected call')
  await t.rejects(call(client, 'no_such_tool'), { code: -32602, message: /Unknown tool: no_such_tool/ }, 'an unknown tool is a protocol error')

  // A key without X-User-Id identifies no user: advice works, tracking says how to identify one.
  const anonymous = await connect(t, url, { authorization: 'Bearer agent-key-1' })
  t.notOk((await call(anonymous, 'advise_water', { amount_liters: 1 })).isError)
  const noUser = await call(anonymous, 'log_water', { amount_liters: 1 })
  t.equal(noUser.isError, true)
  t.equal(textOf(noUser), 'log_water needs an identified user: connect with an API key as the bearer token plus an X-User-Id header naming the user, or with a JWT bearer token')

  const metrics = (await app.inject({ url: '/metrics' })).body
  t.match(metrics, 'mcp_tool_calls_total{tool="advise_water",outcome="invalid"} 2')
  t.match(metrics, 'mcp_tool_calls_total{tool="log_water",outcome="no_user"} 1')
  t.match(metrics, 'mcp_tool_calls_total{tool="list_entries",outcome="problem"} 1')
  t.match(metrics, /http_requests_total\{method="POST",route="\/mcp",status="200"\} \d+/)
})

t.test('HTTP guards: 401 without a key, 403 for a foreign Origin, 413 over the body limit, 405 on GET', async (t) => {
  const app = await build(t, { ...KEYS, MCP_ALLOWED_ORIGINS: 'https://agent.example.com' })
  const url = await listen(app)
  const problem = async (res: Response, status: number, detail: RegExp) => {
    t.equal(res.status, status)
    t.match(res.headers.get('content-type'), /^application\/problem\+json/)
    t.match(await res.json(), { status, detail })
  }
  const noKey = await rawPost(url, INITIALIZE)
  t.equal(noKey.headers.get('www-authenticate'), 'Bearer realm="health-tracker-api"')
  await problem(noKey, 401, /missing authorization header/)
  await problem(await rawPost(url, INITIALIZE, { authorization: 'Bearer wrong' }), 401, /invalid authorization header/)
  await t.rejects(connect(t, url), /401/, 'the SDK client cannot connect without a key')

  await problem(await rawPost(url, INITIALIZE, { ...asUser('alice'), origin: 'http://evil.example' }), 403, /Origin http:\/\/evil\.example may not call \/mcp/)
  // Checked before the token, so a rebound page learns nothing about keys.
  await problem(await rawPost(url, INITIALIZE, { origin: 'http://evil.example' }), 403, /MCP_ALLOWED_ORIGINS/)
  const allowed = await rawPost(url, INITIALIZE, { ...asUser('alice'), origin: 'https://agent.example.com' })
  t.equal(allowed.status, 200)
  t.match(await allowed.json(), { jsonrpc: '2.0', id: 1, result: { serverInfo: { name: 'health-tracker-api' } } })
  t.equal(allowed.headers.get('mcp-session-id'), null, 'stateless: no session id')

  // 16 KiB is the default BODY_LIMIT_BYTES.
  const big = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'advise_meal', arguments: { food: 'toast', padding: 'x'.repeat(17_000) } } })
  await problem(await rawPost(url, big, asUser('alice')), 413, /Request body is too large/)
  await problem(await fetch(url, { headers: asUser('alice') }), 405, /GET is not allowed on \/mcp; use POST/)

  // A request on its own, with no initialize before it: any replica can answer it.
  const list = await rawPost(url, JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'tools/list' }), { ...asUser('alice'), 'mcp-protocol-version': '2025-06-18' })
  t.equal(list.status, 200)
  const { result } = (await list.json()) as { result: { tools: unknown[] } }
  t.equal(result.tools.length, 13)
  // Every agent's context holds this result: 25,000 bytes at most (test/mcp/server.test.ts counts the tools alone).
  t.ok(Buffer.byteLength(JSON.stringify(result)) <= 25_000, `tools/list is ${Buffer.byteLength(JSON.stringify(result))} bytes`)
})

t.test('/mcp shares the REST routes\' rate limit', async (t) => {
  const app = await build(t, { ...KEYS, RATE_LIMIT_MAX: '2' })
  const url = await listen(app)
  t.equal((await rawPost(url, INITIALIZE, asUser('alice'))).status, 200)
  // The same key and user over REST: one bucket.
  t.equal((await app.inject({ method: 'POST', url: '/water', payload: { amount_liters: 1 }, headers: asUser('alice') })).statusCode, 200)
  const limited = await rawPost(url, INITIALIZE, asUser('alice'))
  t.equal(limited.status, 429)
  t.type(limited.headers.get('retry-after'), 'string')
})

t.test('without tracking the tracking tools are listed and say why they cannot answer', async (t) => {
  const app = await build(t)
  const client = await connect(t, await listen(app))
  t.equal((await client.listTools()).tools.length, 13)
  t.notOk((await call(client, 'lookup_food', { food: 'an apple' })).isError)
  const result = await call(client, 'get_day_summary')
  t.equal(result.isError, true)
  t.equal(textOf(result), 'get_day_summary needs an identified user: tracking is off on this server (set API_KEYS or JWT_JWKS_URL to identify users); the advise_* and lookup_* tools still work')
})
