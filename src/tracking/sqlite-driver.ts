import { fieldOf } from '../thrown.js'

/** A prepared statement, as Kysely's SqliteDialect and the group-commit writer use it. */
export interface SqliteStatement {
  readonly reader: boolean
  all: (...params: unknown[]) => unknown[]
  iterate: (...params: unknown[]) => IterableIterator<unknown>
  run: (...params: unknown[]) => { changes: number | bigint, lastInsertRowid: number | bigint }
}

/** The part of an embedded SQLite driver the service uses (better-sqlite3's shape). */
export interface SqliteHandle {
  prepare: (sql: string) => SqliteStatement
  pragma: (source: string) => unknown
  /** `fn` wrapped in a transaction, or in a savepoint when called inside one. */
  transaction: <A extends unknown[], R>(fn: (...args: A) => R) => (...args: A) => R
  close: () => void
}

/**
 * Opens the embedded database with the driver that is sound on this Node:
 * better-sqlite3 12 on Node 20 and 22, the built-in `node:sqlite` from Node
 * 24 on. better-sqlite3 12 (the newest major that installs on Node 20) wraps
 * statements in the raw `node::ObjectWrap`, whose destructor on Node 24
 * asserts on a missing environment when the garbage collector frees a
 * statement: the process aborts (WiseLibs/better-sqlite3#1515, closed
 * without a fix in 12). `node:sqlite` is unflagged and without a warning on
 * Node 24; on Node 22 it still prints an ExperimentalWarning.
 */
export async function openSqliteHandle (path: string, busyTimeoutMs: number, nodeVersion = process.versions.node): Promise<SqliteHandle> {
  if (Number(nodeVersion.split('.')[0]) >= 24) return await openNodeSqlite(path, busyTimeoutMs)
  const { default: SQLite } = await import('better-sqlite3')
  const db = new SQLite(path, { timeout: busyTimeoutMs })
  return {
    prepare: (sql) => db.prepare<unknown[]>(sql),
    pragma: (source) => db.pragma(source),
    transaction: (fn) => db.transaction(fn),
    close: () => { db.close() }
  }
}

/** The members of `node:sqlite` used here (@types/node 20, which the build uses, has none). */
interface NodeStatement {
  columns: () => unknown[]
  all: (...params: unknown[]) => Array<Record<string, unknown>>
  iterate: (...params: unknown[]) => IterableIterator<Record<string, unknown>>
  run: (...params: unknown[]) => { changes: number | bigint, lastInsertRowid: number | bigint }
}
interface NodeDatabase {
  readonly isTransaction: boolean
  exec: (sql: string) => void
  prepare: (sql: string) => NodeStatement
  close: () => void
}

// SQLite primary result codes, and the two extended constraint codes the
// store tells apart, named as better-sqlite3 names them (errors.ts reads them).
const RESULT_CODES: Record<number, string> = {
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  10: 'SQLITE_IOERR',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  19: 'SQLITE_CONSTRAINT',
  1555: 'SQLITE_CONSTRAINT_PRIMARYKEY',
  2067: 'SQLITE_CONSTRAINT_UNIQUE'
}

/** node:sqlite reports every failure as ERR_SQLITE_ERROR with a numeric `errcode`; give it the result code's name. */
export function namedSqliteError (err: unknown): unknown {
  const errcode = fieldOf(err, 'errcode')
  if (!(err instanceof Error) || typeof errcode !== 'number') return err
  const name = RESULT_CODES[errcode] ?? RESULT_CODES[errcode & 0xff]
  if (name !== undefined) Object.defineProperty(err, 'code', { value: name, configurable: true, enumerable: true, writable: true })
  return err
}

function guarded<A extends unknown[], R> (fn: (...args: A) => R): (...args: A) => R {
  return (...args) => {
    try {
      return fn(...args)
    } catch (err) {
      throw namedSqliteError(err)
    }
  }
}

// Kysely passes its parameters as one array; node:sqlite would read an array
// as named parameters, so positional ones are spread.
function positional (params: unknown[]): unknown[] {
  return params.length === 1 && Array.isArray(params[0]) ? params[0] : params
}

// Rows as plain objects: node:sqlite's have a null prototype.
function plain (row: Record<string, unknown>): Record<string, unknown> {
  return { ...row }
}

async function openNodeSqlite (path: string, busyTimeoutMs: number): Promise<SqliteHandle> {
  // A variable specifier: the build's @types/node (20) does not declare the module.
  const specifier = 'node:sqlite'
  const { DatabaseSync } = await import(specifier) as { DatabaseSync: new (path: string, options: { timeout: number }) => NodeDatabase }
  const db = guarded(() => new DatabaseSync(path, { timeout: busyTimeoutMs }))()
  let depth = 0
  return {
    prepare: guarded((sql: string) => {
      const statement = db.prepare(sql)
      return {
        reader: statement.columns().length > 0,
        all: guarded((...params: unknown[]) => statement.all(...positional(params)).map(plain)),
        iterate: function * (...params: unknown[]) {
          try {
            for (const row of statement.iterate(...positional(params))) yield plain(row)
          } catch (err) {
            throw namedSqliteError(err)
          }
        },
        run: guarded((...params: unknown[]) => statement.run(...positional(params)))
      }
    }),
    pragma: guarded((source: string) => db.prepare(`pragma ${source}`).all()),
    // better-sqlite3's semantics: the outermost call is a transaction, an
    // inner call a savepoint, so one failing write rolls back alone.
    transaction: <A extends unknown[], R>(fn: (...args: A) => R) => guarded((...args: A): R => {
      const savepoint = `s${depth}`
      const outer = !db.isTransaction
      db.exec(outer ? 'begin' : `savepoint ${savepoint}`)
      depth++
      try {
        const result = fn(...args)
        db.exec(outer ? 'commit' : `release ${savepoint}`)
        return result
      } catch (err) {
        if (outer) {
          if (db.isTransaction) db.exec('rollback')
        } else {
          db.exec(`rollback to ${savepoint}`)
          db.exec(`release ${savepoint}`)
        }
        throw err
      } finally {
        depth--
      }
    }),
    close: guarded(() => { db.close() })
  }
}
