import t from 'tap'
import { DatabaseUnavailableError } from '../../../src/tracking/errors.js'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { entry, open, storeSuite, T0 } from '../../tracking/store.suite.js'

// The store suite of test/tracking/store.test.ts on PostgreSQL, and an outage.
storeSuite(t, {
  name: 'postgres',
  skip: postgresMissing(),
  prepare: async (t) => {
    // One database per test (CREATE DATABASE each time): without fsync that
    // costs little, and nothing here is about surviving a crash.
    const server = await startPostgres(t, { settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } })
    let n = 0
    return { server, fresh: async (t) => await open(t, await createDatabase(server.adminUrl, `case_${++n}`)) }
  }
})

t.test('Postgres outage: unavailable while down, heals without reopening', { skip: postgresMissing() }, async (t) => {
  const server = await startPostgres(t)
  const { store, calls } = await open(t, server.url)
  t.equal(store.dialect, 'postgres')
  await store.putProfile('alice', { weight_kg: 70, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }, T0)

  await server.stop()
  calls.length = 0
  const err = await store.getProfile('alice').then(() => undefined, (e: unknown) => e)
  t.ok(err instanceof DatabaseUnavailableError, `a stopped server is DatabaseUnavailableError (got ${String(err)})`)
  t.match(calls, [{ operation: 'get_profile', ok: false }], 'the observer sees the failure')
  await t.rejects(store.insertEntry('alice', entry()), DatabaseUnavailableError, 'writes too')
  await t.rejects(store.ping(), DatabaseUnavailableError)

  await server.start()
  t.same(await store.getProfile('alice'), { weight_kg: 70, timezone: 'UTC', water_target_l: null, kcal_goal: null, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null }, 'the same store works again')
  await store.insertEntry('alice', entry({ id: 'after-outage' }))
  t.ok(await store.getEntry('alice', 'after-outage'))
})
