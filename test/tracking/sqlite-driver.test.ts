import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { asDatabaseError, DatabaseUnavailableError, isUniqueViolation } from '../../src/tracking/errors.js'
import { namedSqliteError, openSqliteHandle, type SqliteHandle } from '../../src/tracking/sqlite-driver.js'

const major = Number(process.versions.node.split('.')[0])

/** Whether this Node has the built-in SQLite module (22.5 on; getBuiltinModule from 20.16 and 22.3). */
function hasNodeSqlite (): boolean {
  const builtin = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule
  try {
    return typeof builtin === 'function' && builtin('node:sqlite') !== undefined
  } catch {
    return false
  }
}

// Each driver the service can pick, run through the same contract. The
// version string passed to openSqliteHandle is what selects the driver.
const drivers = [
  // CI rebuilds better-sqlite3 for Node 20 and 22 only: it is never loaded on 24.
  { name: 'better-sqlite3', version: '20.19.0', skip: major >= 24 ? 'better-sqlite3 12 is not used on Node 24' : false },
  { name: 'node:sqlite', version: '24.0.0', skip: hasNodeSqlite() ? false : 'this Node has no node:sqlite' }
]

async function openTemp (t: Test, version: string, timeoutMs = 2000): Promise<{ handle: SqliteHandle, path: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'health-tracker-driver-'))
  const path = join(dir, 'driver.db')
  const handle = await openSqliteHandle(path, timeoutMs, version)
  t.teardown(async () => {
    try { handle.close() } catch {}
    await rm(dir, { recursive: true, force: true })
  })
  handle.pragma('journal_mode = WAL')
  handle.prepare('create table items (id text primary key, n integer not null unique)').run()
  return { handle, path }
}

function ids (handle: SqliteHandle): string[] {
  return (handle.prepare('select id from items order by id').all() as Array<{ id: string }>).map((row) => row.id)
}

for (const driver of drivers) {
  t.test(driver.name, { skip: driver.skip }, async (t) => {
    t.test('statements: reader, positional (Kysely\'s one array) and named parameters, plain rows', async (t) => {
      const { handle } = await openTemp(t, driver.version)
      const insert = handle.prepare('insert into items (id, n) values (?, ?)')
      t.equal(insert.reader, false, 'an insert returns no rows')
      t.match(insert.run(['a', 1]), { changes: 1 })
      t.match(handle.prepare('insert into items (id, n) values (@id, @n)').run({ id: 'b', n: 2 }), { changes: 1 })
      const select = handle.prepare('select id, n from items where n >= ? order by n')
      t.equal(select.reader, true, 'a select returns rows')
      const rows = select.all([1])
      t.same(rows, [{ id: 'a', n: 1 }, { id: 'b', n: 2 }])
      t.equal(Object.getPrototypeOf(rows[0]), Object.prototype, 'rows are plain objects')
      t.same([...select.iterate([2])], [{ id: 'b', n: 2 }])
    })

    t.test('a transaction commits; an inner one is a savepoint that fails alone', async (t) => {
      const { handle } = await openTemp(t, driver.version)
      const insert = handle.prepare('insert into items (id, n) values (?, ?)')
      const one = handle.transaction((id: string, n: number) => { insert.run(id, n) })
      const batch = handle.transaction((rows: Array<[string, number]>) => rows.map(([id, n]) => {
        try {
          one(id, n)
          return 'ok'
        } catch (err) {
          return isUniqueViolation(err) ? 'duplicate' : 'other'
        }
      }))
      // 'c' reuses n = 1: its savepoint rolls back, 'a' and 'b' commit.
      t.same(batch([['a', 1], ['b', 2], ['c', 1]]), ['ok', 'ok', 'duplicate'])
      t.same(ids(handle), ['a', 'b'])
      // A duplicate primary key is a unique violation too.
      t.same(batch([['a', 9]]), ['duplicate'])
    })

    t.test('an outer transaction that throws rolls everything back', async (t) => {
      const { handle } = await openTemp(t, driver.version)
      const insert = handle.prepare('insert into items (id, n) values (?, ?)')
      const failing = handle.transaction(() => {
        insert.run('a', 1)
        insert.run('b', 1)
      })
      t.throws(() => { failing() }, { code: 'SQLITE_CONSTRAINT_UNIQUE' })
      t.same(ids(handle), [], 'nothing of the failed transaction is stored')
      handle.transaction(() => { insert.run('z', 3) })()
      t.same(ids(handle), ['z'], 'the handle is usable after a rollback')
    })

    t.test('a locked database is a busy error: transient, so a 503', async (t) => {
      const { handle, path } = await openTemp(t, driver.version)
      const other = await openSqliteHandle(path, 0, driver.version)
      t.teardown(() => { other.close() })
      handle.prepare('begin immediate').run()
      t.teardown(() => { handle.prepare('rollback').run() })
      let caught: unknown
      try {
        other.prepare('insert into items (id, n) values (?, ?)').run('x', 1)
      } catch (err) {
        caught = err
      }
      t.match(caught, { code: 'SQLITE_BUSY' })
      t.type(asDatabaseError(caught), DatabaseUnavailableError)
    })

    t.test('a closed handle is a connection failure', async (t) => {
      const { handle } = await openTemp(t, driver.version)
      handle.close()
      let caught: unknown
      try {
        handle.prepare('select 1').all()
      } catch (err) {
        caught = err
      }
      t.match(asDatabaseError(caught), { name: 'DatabaseUnavailableError', reason: 'connection' })
    })
  })
}

t.test('namedSqliteError names SQLite result codes as better-sqlite3 does', async (t) => {
  const coded = (errcode: number) => Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode })
  // Extended codes from sqlite.org/rescode.html: 1555 = CONSTRAINT_PRIMARYKEY,
  // 2067 = CONSTRAINT_UNIQUE, 517 = BUSY_SNAPSHOT (5 | 2 << 8), 3338 = IOERR_FSYNC (10 | 13 << 8).
  t.match(namedSqliteError(coded(1555)), { code: 'SQLITE_CONSTRAINT_PRIMARYKEY' })
  t.match(namedSqliteError(coded(2067)), { code: 'SQLITE_CONSTRAINT_UNIQUE' })
  t.match(namedSqliteError(coded(517)), { code: 'SQLITE_BUSY' })
  t.match(namedSqliteError(coded(3338)), { code: 'SQLITE_IOERR' })
  // 1 (SQLITE_ERROR, e.g. a syntax error) is not transient: its code is kept.
  t.match(namedSqliteError(coded(1)), { code: 'ERR_SQLITE_ERROR' })
  const plain = new Error('no errcode')
  t.equal(namedSqliteError(plain), plain)
  t.equal(namedSqliteError('text'), 'text')
})
