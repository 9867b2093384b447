import t from 'tap'
import { build } from '../../helpers/build.js'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { logging } from '../../plugins/auth-jwt.suite.js'

// The JWT logging suite of test/plugins/auth-jwt.test.ts on PostgreSQL.
t.test('PostgreSQL', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  logging(t, async (t, env) => await build(t, { DATABASE_URL: await createDatabase(pg.adminUrl, 'jwt'), ...env }))
})
