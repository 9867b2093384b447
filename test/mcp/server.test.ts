import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { Ajv } from 'ajv'
import t, { type Test } from 'tap'
import { AdviceUnavailableError } from '../../src/advice/upstream/errors.js'
import { createToolbox, type ToolOutcome } from '../../src/mcp/server.js'
import { DatabaseUnavailableError, TrackingError } from '../../src/tracking/errors.js'
import { requestHash } from '../../src/tracking/records.js'
import { build } from '../helpers/build.js'

const text = (r: CallToolResult) => (r.content[0] as { text: string }).text
const ctx = { userId: 'key:test:alice', noUser: 'identify yourself' }

/** A toolbox on a real app's services, with its log and outcomes recorded. */
async function toolbox (t: Test, tracking = true) {
  const app = await build(t, { API_KEYS: 'k' })
  const logged: Array<{ level: string, fields: Record<string, unknown>, message: string }> = []
  const outcomes: Array<[string, ToolOutcome]> = []
  const box = createToolbox({ advisor: app.advisor, tracking: tracking ? app.tracking : undefined }, {
    log: {
      warn: (fields, message) => { logged.push({ level: 'warn', fields: fields as Record<string, unknown>, message }) },
      error: (fields, message) => { logged.push({ level: 'error', fields: fields as Record<string, unknown>, message }) }
    },
    observe: (tool, outcome) => { outcomes.push([tool, outcome]) }
  })
  return { app, box, logged, outcomes }
}

t.test('an unexpected failure is a generic isError result; the cause goes to the log only', async (t) => {
  const { app, box, logged, outcomes } = await toolbox(t)
  t.capture(app.advisor, 'advise', async () => { throw new Error('password hunter2 at /srv/app/x.ts:10') })
  const result = await box.call('advise_water', { amount_liters: 1 }, ctx)
  t.same(result, { isError: true, content: [{ type: 'text', text: 'advise_water failed unexpectedly; try again later.' }] })
  t.equal(logged[0].level, 'error')
  t.equal(logged[0].fields.tool, 'advise_water')
  t.match((logged[0].fields.err as Error).message, /hunter2/)
  t.same(outcomes, [['advise_water', 'internal']])
})

t.test('domain problems read as their REST detail, with the retry delay', async (t) => {
  const { app, box, logged } = await toolbox(t)
  t.capture(app.tracking.tracker, 'log', async () => { throw new DatabaseUnavailableError('ECONNREFUSED') })
  const down = await box.call('log_meal', { food: 'toast' }, ctx)
  t.equal(down.isError, true)
  t.equal(text(down), 'The database is unavailable, so nothing was stored. Retry shortly; requests without a user still work. (retry after 2 s)')
  t.same(logged.map((l) => [l.level, l.message, l.fields.reason, l.fields.tool]), [['warn', 'database unavailable', 'ECONNREFUSED', 'log_meal']])

  t.capture(app.advisor, 'advise', async () => { throw new AdviceUnavailableError('timeout') })
  t.equal(text(await box.call('advise_meal', { food: 'toast' }, ctx)), 'The AI provider timed out. Try again, or enable the local fallback.')
})

t.test('missing arguments are an empty object, validated like any other', async (t) => {
  const { box, outcomes } = await toolbox(t)
  t.equal(text(await box.call('advise_workout', undefined, ctx)), 'Invalid arguments for advise_workout: activity is required')
  t.same(outcomes, [['advise_workout', 'invalid']])
})

t.test('a user without the tracking service is told tracking is off', async (t) => {
  const { box } = await toolbox(t, false)
  const result = await box.call('list_entries', {}, ctx)
  t.equal(result.isError, true)
  t.equal(text(result), 'tracking is off on this server')
})

t.test('tools/list stays within its budget: 25,000 bytes of JSON', async (t) => {
  const { box } = await toolbox(t)
  const bytes = Buffer.byteLength(JSON.stringify({ tools: box.tools }))
  t.ok(bytes <= 25_000, `tools/list is ${bytes} bytes`)
})

t.test('a tool that logs nothing lists no entry_id or day totals in its output; a log_* tool lists both', async (t) => {
  const { box } = await toolbox(t)
  const output = (name: string) => box.tools.find((tool) => tool.name === name)?.outputSchema as { properties: Record<string, { properties?: object }> }
  for (const name of ['advise_water', 'advise_workout', 'advise_meal']) {
    t.notOk('entry_id' in output(name).properties, `${name}: no entry_id`)
    t.notOk('today' in (output(name).properties.facts.properties ?? {}), `${name}: no facts.today`)
  }
  for (const name of ['lookup_food', 'lookup_activity']) t.notOk('today' in output(name).properties, `${name}: no today`)
  for (const name of ['log_water', 'log_workout', 'log_meal']) {
    t.ok('entry_id' in output(name).properties, `${name}: entry_id`)
    t.ok('today' in (output(name).properties.facts.properties ?? {}), `${name}: facts.today`)
  }
})

t.test('the listed schemas accept every tool\'s real arguments and results', async (t) => {
  const { box } = await toolbox(t)
  // Strict: a keyword the listing left in by mistake, unknown to JSON Schema, fails to compile.
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true })
  const listed = new Map(box.tools.map((tool) => [tool.name, { input: ajv.compile(tool.inputSchema), output: ajv.compile(tool.outputSchema ?? {}) }]))
  const day = '2026-05-10'
  const calls: Array<[string, Record<string, unknown>]> = [
    ['advise_water', { amount_liters: 1.2, weight_kg: 70, time: `${day}T09:00:00`, note: 'after a run' }],
    ['advise_workout', { activity: '30 min HIIT class', weight_kg: 80, equipment_used: ['kettlebell'] }],
    ['advise_meal', { food: '2 eggs and a slice of toast and a zorblax', meal: 'breakfast' }],
    ['lookup_food', { food: '100 g banana', portion_size: 'large' }],
    ['lookup_activity', { activity: 'zorbing' }],
    ['log_water', { amount_liters: 0.25, time: `${day}T08:00:00Z`, idempotency_key: 'water-1' }],
    ['log_workout', { activity: 'running', duration_minutes: 30, time: `${day}T10:00:00Z` }],
    ['log_meal', { food: '100 g banana', meal_time: `${day}T11:00:00Z` }],
    ['get_day_summary', { date: day }],
    ['list_entries', { topic: 'water', limit: 5 }],
    ['save_food', { name: 'protein shake', aliases: ['shake'], serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160, protein_g: 30, sodium_mg: null } }],
    ['save_food', { name: 'chili', recipe: '500 g ground beef, 400 g kidney beans, blorft', servings: 4 }],
    ['list_foods', { limit: 1 }]
  ]
  for (const [name, args] of calls) {
    const validate = listed.get(name)
    t.ok(validate?.input(args), `${name}: the arguments fit the listed input ${JSON.stringify(validate?.input.errors)}`)
    const result = await box.call(name, args, ctx)
    t.notOk(result.isError, `${name}: ${JSON.stringify(result.content)}`)
    t.ok(validate?.output(result.structuredContent), `${name}: the result fits the listed output ${JSON.stringify(validate?.output.errors)}`)
  }
  const page = (await box.call('list_entries', {}, ctx)).structuredContent as { items: Array<{ id: string }> }
  t.equal(page.items.length, 3)
  const deleted = await box.call('delete_entry', { id: page.items[0].id }, ctx)
  t.ok(listed.get('delete_entry')?.output(deleted.structuredContent), 'delete_entry\'s result fits too')
  t.notOk(listed.get('advise_water')?.output({ message: 'x', source: 'local', degraded: false, facts: { intake_l: '1' } }), 'a wrong type still fails')
})

t.test('log_* with an idempotency_key: a retry replays the stored entry; other arguments are an error naming the key', async (t) => {
  const { app, box } = await toolbox(t)
  // The user REST names for the key "k" and X-User-Id alice: sha256("k") begins 8254c329a92850f6.
  const ctx = { userId: 'key:8254c329a92850f6:alice', noUser: 'identify yourself' }
  const glass = { amount_liters: 0.25, time: '2026-05-10T08:00:00Z' }
  const first = await box.call('log_water', { ...glass, idempotency_key: 'glass-1' }, ctx)
  const retry = await box.call('log_water', { ...glass, idempotency_key: 'glass-1' }, ctx)
  t.notOk(retry.isError)
  t.same(retry.structuredContent, first.structuredContent, 'the first answer, replayed')
  const entries = async () => ((await box.call('list_entries', {}, ctx)).structuredContent as { items: Array<{ id: string, body: object }> }).items
  t.equal((await entries()).length, 1, 'logged once')
  t.same((await entries())[0].body, glass, 'the key is not stored as context')

  const other = await box.call('log_water', { amount_liters: 0.5, time: '2026-05-10T08:00:00Z', idempotency_key: 'glass-1' }, ctx)
  t.equal(other.isError, true)
  t.equal(text(other), 'this idempotency_key was already used with different arguments; use a new key for a new entry')
  t.equal((await entries()).length, 1, 'nothing more was logged')

  // The key is the Idempotency-Key of REST, in the same per-user scope: the same body under it replays the tool's entry.
  const rest = await app.inject({ method: 'POST', url: '/water', payload: glass, headers: { authorization: 'Bearer k', 'x-user-id': 'alice', 'idempotency-key': 'glass-1' } })
  t.equal(rest.headers['idempotent-replayed'], 'true')
  t.equal(rest.json().entry_id, (first.structuredContent as { entry_id: string }).entry_id)

  const fresh = await box.call('log_water', { ...glass, idempotency_key: 'glass-2' }, ctx)
  t.not((fresh.structuredContent as { entry_id: string }).entry_id, (first.structuredContent as { entry_id: string }).entry_id, 'a new key logs a new entry')
  t.equal((await entries()).length, 2)

  t.equal(text(await box.call('log_meal', { food: 'toast', idempotency_key: 'has space' }, ctx)), 'Invalid arguments for log_meal: idempotency_key is not in the expected form')
  t.equal(text(await box.call('log_meal', { food: 'toast', idempotency_key: 'k'.repeat(129) }, ctx)), 'Invalid arguments for log_meal: idempotency_key must NOT have more than 128 characters')
  t.equal((await entries()).length, 2, 'a bad key logs nothing')
})

t.test('a key whose entry was deleted before its answer was stored cannot replay, and says so by its argument name', async (t) => {
  const { app, box } = await toolbox(t)
  // As after a crash between the commit and the stored answer: the key (fresh: kept 24 h from created_at) names an entry, with no answer.
  const orphan = { id: 'orphan', topic: 'water' as const, time_ms: Date.parse('2026-05-10T08:00:00Z'), body: { amount_liters: 0.25 }, facts: {}, water_l: 0.25, kcal_in: 0, kcal_out: 0, created_at: Date.now() }
  await app.tracking.store.insertEntry(ctx.userId, orphan, { key: 'crashed', hash: requestHash('water', orphan.body) })
  await app.tracking.store.deleteEntry(ctx.userId, 'orphan')
  const result = await box.call('log_water', { amount_liters: 0.25, idempotency_key: 'crashed' }, ctx)
  t.equal(result.isError, true)
  t.equal(text(result), 'the entry logged under this idempotency_key was deleted')
})

t.test('a key still in flight is a conflict to retry, named for the tool', async (t) => {
  const { app, box } = await toolbox(t)
  t.capture(app.tracking.tracker, 'log', async () => { throw new TrackingError('conflict', 'a request with this Idempotency-Key is still in progress; retry shortly', { retryAfterS: 1, code: 'key_in_progress' }) })
  t.equal(text(await box.call('log_workout', { activity: 'rowing', idempotency_key: 'row-1' }, ctx)), 'a call with this idempotency_key is still in progress; retry shortly (retry after 1 s)')
})

t.test('save_food and list_foods: the REST rules, and log_meal counts a saved food', async (t) => {
  const { box } = await toolbox(t)
  const saved = await box.call('save_food', { name: 'My Protein Shake', serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 160 } }, ctx)
  t.notOk(saved.isError)
  const id = (saved.structuredContent as { id: string }).id
  t.equal(text(saved), `Food ${id}: "My Protein Shake", 160 kcal per 1 bottle (330 g).`)
  const clash = await box.call('save_food', { name: 'protein shake', serving: { description: '1 bottle', grams: 330 }, per_serving: { kcal: 1 } }, ctx)
  t.equal(clash.isError, true)
  t.match(text(clash), new RegExp(`already used by your food ${id}`))
  const nothing = await box.call('save_food', { name: 'mystery', recipe: 'blorft', servings: 2 }, ctx)
  t.equal(nothing.isError, true)
  t.match(text(nothing), /recipe names no food this service recognizes: "blorft"/)
  t.match(text(await box.call('save_food', { name: 'x', per_serving: { kcal: -1 } }, ctx)), /Invalid arguments for save_food/)
  const listed = await box.call('list_foods', {}, ctx)
  t.equal(text(listed), `1 food:\n- ${id} "My Protein Shake": 160 kcal per 1 bottle`)
  // Two bottles of a 160 kcal label.
  const meal = await box.call('log_meal', { food: '2 servings of my protein shake' }, ctx)
  t.match(meal.structuredContent, { facts: { kcal: 320, items: [{ source: `user food ${id}`, grams: 660 }] } })
  const other = await box.call('log_meal', { food: '2 servings of my protein shake' }, { ...ctx, userId: 'key:test:bob' })
  t.notOk((other.structuredContent as { facts: { items: Array<{ source: string }> } }).facts.items.some((i) => i.source.startsWith('user food')), 'another user\'s foods never match')
  t.equal((await box.call('list_foods', {}, { ...ctx, userId: undefined })).isError, true, 'without a user')
})
