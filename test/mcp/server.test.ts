import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import t, { type Test } from 'tap'
import { AdviceUnavailableError } from '../../src/advice/upstream/errors.js'
import { createToolbox, type ToolOutcome } from '../../src/mcp/server.js'
import { DatabaseUnavailableError } from '../../src/tracking/errors.js'
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
