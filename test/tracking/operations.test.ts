import type { Kysely } from 'kysely'
import t from 'tap'
import type { Tables } from '../../src/tracking/database.js'
import { DatabaseUnavailableError } from '../../src/tracking/errors.js'
import { createOperations } from '../../src/tracking/operations.js'

// No engine here: a stand-in handle, since run only passes it through.
const db = { stand: 'in' } as unknown as Kysely<Tables>

/** An operation that ends when told. */
function deferred () {
  let finish: () => void = () => {}
  const done = new Promise<void>((resolve) => { finish = resolve })
  return { done, finish }
}

/** Whether a promise has settled once pending callbacks and I/O have run. */
async function settled (p: Promise<unknown>): Promise<boolean> {
  let done = false
  p.then(() => { done = true }, () => { done = true })
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

t.test('an operation waits for ready, gets the handle, and is reported by name', async (t) => {
  const seen: Array<[string, number, boolean]> = []
  const order: string[] = []
  const { run } = createOperations(db, (op, s, ok) => seen.push([op, s, ok]), async () => { order.push('ready') })
  const result = await run('get_thing', async (q) => { order.push('query'); return q === db ? 42 : -1 })
  t.equal(result, 42)
  t.same(order, ['ready', 'query'])
  t.equal(seen.length, 1)
  t.equal(seen[0][0], 'get_thing')
  t.ok(seen[0][1] >= 0, 'a duration in seconds')
  t.equal(seen[0][2], true)
})

t.test('a connection failure becomes DatabaseUnavailableError; any other error stays itself; both are reported as failed', async (t) => {
  const seen: boolean[] = []
  const { run } = createOperations(db, (_op, _s, ok) => seen.push(ok), async () => {})
  const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })
  await t.rejects(run('ping', async () => { throw refused }), DatabaseUnavailableError)
  const bug = new TypeError('not a function')
  await t.rejects(run('ping', async () => { throw bug }), bug)
  t.same(seen, [false, false])
})

t.test('while the schema cannot be readied, no query runs', async (t) => {
  let queried = false
  const { run } = createOperations(db, () => {}, async () => { throw new DatabaseUnavailableError('migration') })
  await t.rejects(run('ping', async () => { queried = true }), DatabaseUnavailableError)
  t.equal(queried, false)
})

t.test('drain returns at once when idle, and waits for the operations in progress', async (t) => {
  const { run, drain } = createOperations(db, () => {}, async () => {})
  t.equal(await settled(drain(60_000)), true, 'idle: nothing to wait for')
  const first = deferred()
  const second = deferred()
  const ops = [run('a', async () => await first.done), run('b', async () => await second.done)]
  const draining = drain(60_000)
  t.equal(await settled(draining), false, 'two in progress')
  first.finish()
  t.equal(await settled(draining), false, 'one still in progress')
  second.finish()
  await Promise.all(ops)
  t.equal(await settled(draining), true, 'drained when the last one ended, long before the timeout')
})

t.test('drain gives up after its timeout when an operation hangs', async (t) => {
  const { run, drain } = createOperations(db, () => {}, async () => {})
  const hung = deferred()
  const op = run('hang', async () => await hung.done)
  await drain(1)
  t.pass('drain returned with the operation still in progress')
  hung.finish()
  await op
})
