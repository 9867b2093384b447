import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Gauge, Histogram } from 'prom-client'
import type { Config } from '../config.js'
import { openDatabase } from '../tracking/database.js'
import { asDatabaseError, DatabaseUnavailableError } from '../tracking/errors.js'
import { migrate } from '../tracking/migrations.js'
import { createStore, type Store } from '../tracking/store.js'
import { createFoods, type Foods } from '../tracking/foods.js'
import { createTracker, type Tracker } from '../tracking/tracker.js'
import { fieldOf, messageOf } from '../thrown.js'

/** How often expired Idempotency-Key records are purged. */
const PURGE_EVERY_MS = 3600_000

/** Opens the database, migrates it forward, and decorates `app.tracking` with the store and the tracker. */
export default fp(async function trackingPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  const database = await openDatabase({
    url: config.DATABASE_URL,
    poolMax: config.DATABASE_POOL_MAX,
    statementTimeoutMs: config.DATABASE_TIMEOUT_MS,
    onPoolError: (err) => app.log.warn({ err: err.message }, 'database connection lost')
  })
  // Migrated at start; if the database is unreachable then, the app still
  // starts (stateless requests work, tracked ones get 503) and each tracked
  // request retries the migration until it succeeds. Any other migration
  // failure (a broken schema) stops the start.
  let migrated: Promise<void> | undefined
  const ensureMigrated = async (): Promise<void> => {
    migrated ??= migrate(database.db, database.dialect).then((applied) => {
      if (applied.length > 0) app.log.info({ migrations: applied, dialect: database.dialect }, 'database migrated')
    }, (err: unknown) => {
      migrated = undefined
      throw asDatabaseError(err)
    })
    await migrated
  }
  try {
    await ensureMigrated()
  } catch (err) {
    if (!(err instanceof DatabaseUnavailableError)) {
      await database.close()
      // Connection strings carry passwords: say what failed, never the URL.
      throw new Error(`database migration failed on ${database.dialect}: ${String(fieldOf(err, 'code') ?? messageOf(err))}`)
    }
    app.log.warn({ reason: err.reason, dialect: database.dialect }, 'database unavailable at start; tracked requests get 503 until it is reachable')
  }

  const { registry } = app.metrics
  const duration = new Histogram({
    name: 'db_query_duration_seconds',
    help: 'Duration of each tracking database operation by operation and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry]
  })
  // Read at scrape time, so an idle pool costs nothing between scrapes.
  const pool = database.pool
  // eslint-disable-next-line no-new -- registered on the app's registry, which keeps it
  new Gauge({ name: 'db_pool_in_use', help: 'Database connections running a query', registers: [registry], collect () { this.set(pool().inUse) } })
  // eslint-disable-next-line no-new -- as above
  new Gauge({ name: 'db_pool_waiting', help: 'Queries waiting for a database connection', registers: [registry], collect () { this.set(pool().waiting) } })

  const store = createStore(database, (operation, seconds, ok) => duration.observe({ operation, outcome: ok ? 'ok' : 'error' }, seconds), ensureMigrated)
  const foods = createFoods({ store })
  const tracker = createTracker({
    store,
    advisor: app.advisor,
    foods: foods.matcher,
    onCleanupError: (err) => app.log.warn({ err: messageOf(err) }, 'tracking clean-up failed')
  })
  app.decorate('tracking', { store, tracker, foods })

  const purge = setInterval(() => {
    store.keys.purgeExpired(Date.now()).catch((err: Error) => app.log.warn({ err: err.message }, 'idempotency purge failed'))
  }, PURGE_EVERY_MS)
  purge.unref()
  app.addHook('onClose', async () => {
    clearInterval(purge)
    // Requests whose clients left may still be writing: let them finish
    // before the driver goes (bounded, as shutdown itself is).
    await store.drain(5000)
    await database.close()
  })
}, { name: 'tracking', dependencies: ['metrics', 'advisor'] })

declare module 'fastify' {
  interface FastifyInstance {
    tracking: { store: Store, tracker: Tracker, foods: Foods }
  }
}
