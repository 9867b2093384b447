import { Migrator, type Kysely, type Migration } from 'kysely'
import type { Dialect } from './database.js'

/**
 * The one migration set, the same on SQLite and Postgres. Only the creation-
 * order column differs by engine (SQLite's INTEGER PRIMARY KEY AUTOINCREMENT,
 * Postgres's identity), because neither accepts the other's spelling.
 * Migrations only move forward; a new one is appended, never edited.
 */
export function migrations (dialect: Dialect): Record<string, Migration> {
  return {
    '0001_tracking': {
      async up (db: Kysely<any>) {
        await db.schema.createTable('users')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('weight_kg', 'double precision')
          .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
          .addColumn('water_target_l', 'double precision')
          .addColumn('kcal_goal', 'double precision')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute()
        await db.schema.createTable('entries')
          .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => dialect === 'postgres'
            ? c.primaryKey().generatedAlwaysAsIdentity()
            : c.primaryKey().autoIncrement())
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('topic', 'text', (c) => c.notNull())
          .addColumn('time_ms', 'bigint', (c) => c.notNull())
          .addColumn('body', 'text', (c) => c.notNull())
          .addColumn('facts', 'text', (c) => c.notNull())
          .addColumn('water_l', 'double precision', (c) => c.notNull().defaultTo(0))
          .addColumn('kcal_in', 'double precision', (c) => c.notNull().defaultTo(0))
          .addColumn('kcal_out', 'double precision', (c) => c.notNull().defaultTo(0))
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .execute()
        // Every read is one user's entries in time order (lists, days, cursors).
        await db.schema.createIndex('entries_user_time').on('entries').columns(['user_id', 'time_ms', 'seq']).execute()
        await db.schema.createTable('idempotency_keys')
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('key', 'text', (c) => c.notNull())
          .addColumn('request_hash', 'text', (c) => c.notNull())
          .addColumn('entry_id', 'text')
          .addColumn('response', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
          .execute()
        await db.schema.createIndex('idempotency_keys_created').on('idempotency_keys').column('created_at').execute()
      }
    },
    // The profile's nutrient goals; null means unset (the summary then uses the defaults).
    '0002_nutrient_goals': {
      async up (db: Kysely<any>) {
        // SQLite adds one column per ALTER TABLE.
        for (const column of ['fiber_g_goal', 'sodium_mg_limit', 'sugars_g_limit']) {
          await db.schema.alterTable('users').addColumn(column, 'double precision').execute()
        }
      }
    },
    // The user's own foods and recipes. Names and aliases live in user_food_names, whose primary key
    // (user, name key) makes them unique per user in one namespace, written in the food's transaction.
    // user_food_versions holds a token that changes with every write of a user's foods, so each
    // replica knows when its cached matcher for that user is stale.
    '0003_user_foods': {
      async up (db: Kysely<any>) {
        await db.schema.createTable('user_foods')
          .addColumn('seq', dialect === 'postgres' ? 'bigint' : 'integer', (c) => dialect === 'postgres'
            ? c.primaryKey().generatedAlwaysAsIdentity()
            : c.primaryKey().autoIncrement())
          .addColumn('id', 'text', (c) => c.notNull().unique())
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('name', 'text', (c) => c.notNull())
          .addColumn('aliases', 'text', (c) => c.notNull())
          .addColumn('serving', 'text', (c) => c.notNull())
          .addColumn('per_serving', 'text', (c) => c.notNull())
          .addColumn('recipe', 'text')
          .addColumn('servings', 'double precision')
          .addColumn('items', 'text')
          .addColumn('unmatched', 'text')
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute()
        // Lists (newest first), counts and the matcher's load are one user's foods in creation order.
        await db.schema.createIndex('user_foods_user_seq').on('user_foods').columns(['user_id', 'seq']).execute()
        await db.schema.createTable('user_food_names')
          .addColumn('user_id', 'text', (c) => c.notNull())
          .addColumn('name_key', 'text', (c) => c.notNull())
          .addColumn('food_id', 'text', (c) => c.notNull())
          .addPrimaryKeyConstraint('user_food_names_pk', ['user_id', 'name_key'])
          .execute()
        await db.schema.createIndex('user_food_names_food').on('user_food_names').column('food_id').execute()
        await db.schema.createTable('user_food_versions')
          .addColumn('user_id', 'text', (c) => c.primaryKey())
          .addColumn('version', 'text', (c) => c.notNull())
          .execute()
      }
    }
  }
}

/** Applies every pending migration; throws when one fails (the app then refuses to start). */
export async function migrate (db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations(dialect) } })
  const { error, results } = await migrator.migrateToLatest()
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).map((r) => r.migrationName)
}
