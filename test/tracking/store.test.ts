import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Migrator, sql } from 'kysely'
import t from 'tap'
import { dialectOf, openDatabase } from '../../src/tracking/database.js'
import { asDatabaseError, DatabaseUnavailableError, isUniqueViolation } from '../../src/tracking/errors.js'
import { migrate, migrations } from '../../src/tracking/migrations.js'
import { createStore } from '../../src/tracking/store.js'
import { open, storeSuite, type Backend } from './store.suite.js'

// PostgreSQL runs the same suite in test/system/tracking/store.test.ts.
const backends: Backend[] = [
  {
    name: 'sqlite::memory:',
    skip: false,
    prepare: async () => ({ fresh: async (t) => await open(t, 'sqlite::memory:') })
  },
  {
    name: 'sqlite file',
    skip: false,
    prepare: async (t) => {
      const dir = await mkdtemp(join(tmpdir(), 'health-tracker-store-'))
      t.teardown(async () => await rm(dir, { recursive: true, force: true }))
      let n = 0
      // A nested path: openDatabase must create the missing directory.
      return { fresh: async (t) => await open(t, `sqlite:${join(dir, `case-${++n}`, 'tracking.db')}`) }
    }
  },
]

for (const backend of backends) storeSuite(t, backend)

t.test('SQLite file: WAL and synchronous=FULL', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'health-tracker-pragma-'))
  t.teardown(async () => await rm(dir, { recursive: true, force: true }))
  const { database } = await open(t, `sqlite:${join(dir, 'p.db')}`)
  t.equal(database.dialect, 'sqlite')
  const journal = await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db)
  t.same(journal.rows, [{ journal_mode: 'wal' }])
  // synchronous: 0 OFF, 1 NORMAL, 2 FULL, 3 EXTRA.
  const synchronous = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db)
  t.same(synchronous.rows, [{ synchronous: 2 }])
  await database.close()
  await database.close()
  t.pass('close is idempotent')
})

t.test('asDatabaseError classifies driver errors', async (t) => {
  const coded = (code: string, message = `error ${code}`) => Object.assign(new Error(message), { code })
  const unavailable: Array<[string, Error]> = [
    ['ECONNREFUSED', coded('ECONNREFUSED')],
    ['ECONNRESET', coded('ECONNRESET')],
    ['ETIMEDOUT', coded('ETIMEDOUT')],
    ['ENOTFOUND', coded('ENOTFOUND')],
    ['57P01', coded('57P01', 'terminating connection due to administrator command')],
    ['57P03', coded('57P03', 'the database system is starting up')],
    ['08006', coded('08006', 'connection failure')],
    ['08001', coded('08001')],
    ['53300', coded('53300', 'too many connections')],
    ['57014', coded('57014', 'canceling statement due to statement timeout')],
    ['40001', coded('40001', 'could not serialize access')],
    ['40P01', coded('40P01', 'deadlock detected')],
    ['SQLITE_BUSY', coded('SQLITE_BUSY', 'database is locked')],
    ['SQLITE_BUSY_SNAPSHOT', coded('SQLITE_BUSY_SNAPSHOT')],
    ['SQLITE_LOCKED', coded('SQLITE_LOCKED')],
    ['SQLITE_IOERR_WRITE', coded('SQLITE_IOERR_WRITE', 'disk I/O error')],
    ['SQLITE_FULL', coded('SQLITE_FULL', 'database or disk is full')],
    ['SQLITE_CANTOPEN', coded('SQLITE_CANTOPEN')],
    ['SQLITE_READONLY', coded('SQLITE_READONLY')]
  ]
  for (const [reason, err] of unavailable) {
    const out = asDatabaseError(err)
    t.ok(out instanceof DatabaseUnavailableError, reason)
    t.equal((out as DatabaseUnavailableError).reason, reason, `${reason}: the reason is the code`)
  }
  // node-postgres reports a lost connection or a pool timeout only in the message.
  for (const message of ['Connection terminated unexpectedly', 'timeout exceeded when trying to connect', 'Client has encountered a connection error and is not queryable', 'Cannot use a pool after calling end on the pool', 'The database connection is not open']) {
    const out = asDatabaseError(new Error(message))
    t.ok(out instanceof DatabaseUnavailableError, message)
    t.equal((out as DatabaseUnavailableError).reason, 'connection')
  }
  const passed: Array<[string, unknown]> = [
    ['23505 unique violation', coded('23505', 'duplicate key value violates unique constraint')],
    ['23502 not null', coded('23502')],
    ['42P01 undefined table', coded('42P01', 'relation "entries" does not exist')],
    ['22P02 invalid text', coded('22P02')],
    ['SQLITE_CONSTRAINT_UNIQUE', coded('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: entries.id')],
    ['SQLITE_ERROR', coded('SQLITE_ERROR', 'no such table: entries')],
    ['a plain Error', new Error('something else')],
    ['a TypeError', new TypeError('x is not a function')],
    ['a numeric code', Object.assign(new Error('n'), { code: 57 })],
    ['a string', 'not an error'],
    ['undefined', undefined]
  ]
  for (const [name, err] of passed) t.equal(asDatabaseError(err), err, `${name} passes through unchanged`)
  const already = new DatabaseUnavailableError('x')
  t.equal(asDatabaseError(already), already, 'an already classified error is kept')
  t.equal(already.message, 'the database is unavailable')
  t.equal(already.name, 'DatabaseUnavailableError')
})

t.test('isUniqueViolation', async (t) => {
  const coded = (code: unknown) => Object.assign(new Error('x'), { code })
  for (const code of ['23505', 'SQLITE_CONSTRAINT_PRIMARYKEY', 'SQLITE_CONSTRAINT_UNIQUE']) t.equal(isUniqueViolation(coded(code)), true, code)
  for (const code of ['23502', '23503', 'SQLITE_CONSTRAINT_NOTNULL', 'SQLITE_BUSY', 23505, undefined]) t.equal(isUniqueViolation(coded(code)), false, String(code))
  t.equal(isUniqueViolation(undefined), false)
  t.equal(isUniqueViolation(null), false)
  t.equal(isUniqueViolation('23505'), false)
})

t.test('dialectOf reads the engine from DATABASE_URL', async (t) => {
  t.equal(dialectOf(undefined), 'sqlite', 'unset: the embedded file')
  t.equal(dialectOf('sqlite::memory:'), 'sqlite')
  t.equal(dialectOf('sqlite:/var/lib/app/db.sqlite'), 'sqlite')
  t.equal(dialectOf('postgres://u@db:5432/app'), 'postgres')
  t.equal(dialectOf('postgresql://u@db/app'), 'postgres')
})

t.test('a migration that fails throws', async (t) => {
  const database = await openDatabase({ url: 'sqlite::memory:', poolMax: 1, statementTimeoutMs: 2000 })
  t.teardown(database.close)
  // A table of the same name already there: 0001_tracking's CREATE TABLE fails.
  await sql`create table users (x integer)`.execute(database.db)
  await t.rejects(migrate(database.db, database.dialect), /users/)
})

t.test('a database made before the nutrient goals gains them, unset, and keeps its profiles', async (t) => {
  const database = await openDatabase({ url: 'sqlite::memory:', poolMax: 1, statementTimeoutMs: 2000 })
  t.teardown(database.close)
  const first = { '0001_tracking': migrations(database.dialect)['0001_tracking'] }
  await new Migrator({ db: database.db, provider: { getMigrations: async () => first } }).migrateToLatest()
  await sql`insert into users (user_id, weight_kg, timezone, water_target_l, kcal_goal, created_at, updated_at) values ('old', 70, 'UTC', null, 2000, 1, 1)`.execute(database.db)
  t.same(await migrate(database.db, database.dialect), ['0002_nutrient_goals', '0003_user_foods'])
  t.same(await createStore(database).getProfile('old'), { weight_kg: 70, timezone: 'UTC', water_target_l: null, kcal_goal: 2000, fiber_g_goal: null, sodium_mg_limit: null, sugars_g_limit: null })
})

t.test('a database made before user foods gains their tables and keeps its entries', async (t) => {
  const database = await openDatabase({ url: 'sqlite::memory:', poolMax: 1, statementTimeoutMs: 2000 })
  t.teardown(database.close)
  const all = migrations(database.dialect)
  const before = { '0001_tracking': all['0001_tracking'], '0002_nutrient_goals': all['0002_nutrient_goals'] }
  await new Migrator({ db: database.db, provider: { getMigrations: async () => before } }).migrateToLatest()
  const store = createStore(database)
  await store.insertEntry('old', { id: 'e-old', topic: 'water', time_ms: 1, body: {}, facts: {}, water_l: 0.5, kcal_in: 0, kcal_out: 0, created_at: 1 })
  t.same(await migrate(database.db, database.dialect), ['0003_user_foods'])
  t.equal((await store.totals('old', 0, 2)).water_l, 0.5, 'the entry is still there')
  t.same(await store.foods.all('old'), [], 'no foods yet')
})
