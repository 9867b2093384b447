import t from 'tap'
import { build } from '../../helpers/build.js'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { foodRoutes } from '../../routes/foods.suite.js'

// The /foods suite of test/routes/foods.test.ts on PostgreSQL.
t.test('PostgreSQL', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  let n = 0
  foodRoutes(t, async (t, env = {}) => await build(t, { API_KEYS: 'k1,k2', DATABASE_URL: await createDatabase(pg.adminUrl, `foods_${++n}`), ...env }))
})
