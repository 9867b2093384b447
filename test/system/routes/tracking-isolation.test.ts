import t from 'tap'
import { build } from '../../helpers/build.js'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { isolation } from '../../routes/tracking-isolation.suite.js'

// The isolation suite of test/routes/tracking-isolation.test.ts on PostgreSQL.
t.test('PostgreSQL', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  await isolation(t, await build(t, { API_KEYS: 'keyA,keyB', DATABASE_URL: await createDatabase(pg.adminUrl, 'isolation') }))
})
