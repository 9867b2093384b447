import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { Kysely, PostgresDialect, SqliteDialect, type Generated } from 'kysely'
import { openSqliteHandle, type SqliteHandle } from './sqlite-driver.js'

/** The tables, as Kysely sees them. Instants are epoch milliseconds; JSON columns are text. */
export interface Tables {
  users: {
    user_id: string
    weight_kg: number | null
    timezone: string
    water_target_l: number | null
    kcal_goal: number | null
    fiber_g_goal: number | null
    sodium_mg_limit: number | null
    sugars_g_limit: number | null
    created_at: number
    updated_at: number
  }
  entries: {
    seq: Generated<number>
    id: string
    user_id: string
    topic: string
    time_ms: number
    body: string
    facts: string
    water_l: number
    kcal_in: number
    kcal_out: number
    created_at: number
  }
  user_foods: {
    seq: Generated<number>
    id: string
    user_id: string
    name: string
    aliases: string
    serving: string
    per_serving: string
    recipe: string | null
    servings: number | null
    items: string | null
    unmatched: string | null
    created_at: number
    updated_at: number
  }
  user_food_names: {
    user_id: string
    name_key: string
    food_id: string
  }
  user_food_versions: {
    user_id: string
    version: string
  }
  idempotency_keys: {
    user_id: string
    key: string
    request_hash: string
    entry_id: string | null
    response: string | null
    created_at: number
  }
}

/** Which engine a database runs on. */
export type Dialect = 'sqlite' | 'postgres'

/** Connection pool figures for the metrics. */
export interface PoolStats { inUse: number, waiting: number }

/** An open database: the query builder, its engine and its pool figures. */
export interface Database {
  db: Kysely<Tables>
  dialect: Dialect
  /** SQLite only: the driver's handle, and a way to use it while holding Kysely's one connection. */
  sqlite?: { handle: SqliteHandle, exclusive: (fn: () => void) => Promise<void> }
  pool: () => PoolStats
  close: () => Promise<void>
}

/** How to reach the database and how long anything may wait on it. */
export interface DatabaseOptions {
  /** Unset: ./data/health-tracker.db; `sqlite:<path>`, `sqlite::memory:`, or `postgres://…`. */
  url: string | undefined
  poolMax: number
  statementTimeoutMs: number
  onPoolError?: (err: Error) => void
}

/** The default embedded database file (runtime state, git-ignored). */
export const DEFAULT_SQLITE_PATH = './data/health-tracker.db'

/** The engine a DATABASE_URL names. */
export function dialectOf (url: string | undefined): Dialect {
  return url !== undefined && /^postgres(ql)?:\/\//.test(url) ? 'postgres' : 'sqlite'
}

/** Opens the database a URL names; drivers are loaded only for the engine used. */
export async function openDatabase (options: DatabaseOptions): Promise<Database> {
  return dialectOf(options.url) === 'postgres' ? await openPostgres(options) : await openSqlite(options)
}

async function openSqlite (options: DatabaseOptions): Promise<Database> {
  const path = options.url === undefined ? DEFAULT_SQLITE_PATH : options.url.slice('sqlite:'.length)
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  const sqlite = await openSqliteHandle(path, options.statementTimeoutMs)
  // WAL lets readers run beside the writer; synchronous=FULL syncs the WAL at
  // every commit, so a 200 is only sent for a write that survives a crash or
  // a power cut (NORMAL would only survive a process crash).
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('synchronous = FULL')
  sqlite.pragma(`busy_timeout = ${options.statementTimeoutMs}`)
  let open = true
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: sqlite }) })
  return {
    db,
    dialect: 'sqlite',
    sqlite: { handle: sqlite, exclusive: async (fn) => { await db.connection().execute(async () => { fn() }) } },
    // One connection, used one statement at a time (the driver is synchronous).
    pool: () => ({ inUse: 0, waiting: 0 }),
    close: async () => {
      if (!open) return
      open = false
      await db.destroy()
    }
  }
}

async function openPostgres (options: DatabaseOptions): Promise<Database> {
  const pg = await import('pg')
  // int8 (counts, identities, epoch milliseconds) as numbers: every value
  // we store fits in 2^53, and strings would leak into the wire format.
  const types = new pg.default.TypeOverrides()
  types.setTypeParser(20, (value: string) => Number(value))
  const pool = new pg.default.Pool({
    connectionString: options.url,
    max: options.poolMax,
    // A database that is down must fail fast into a 503, not hold requests.
    connectionTimeoutMillis: Math.min(options.statementTimeoutMs, 5000),
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1000,
    idleTimeoutMillis: 30_000,
    types
  })
  // An idle client whose server went away emits 'error' on the pool; without
  // a listener that would crash the process instead of failing one request.
  pool.on('error', (err) => options.onPoolError?.(err))
  // A checked-out client (e.g. inside a transaction, between statements)
  // reports a dropped connection on itself, not on the pool: without this
  // listener, stopping Postgres under load crashes the process.
  pool.on('connect', (client) => { client.on('error', (err) => options.onPoolError?.(err)) })
  let open = true
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) })
  return {
    db,
    dialect: 'postgres',
    pool: () => ({ inUse: pool.totalCount - pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      if (!open) return
      open = false
      await db.destroy()
    }
  }
}
