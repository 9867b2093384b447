import t from 'tap'
import { build } from '../../helpers/build.js'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { storage } from '../../routes/tracking.suite.js'

// The storage suite of test/routes/tracking.test.ts on PostgreSQL.
t.test('PostgreSQL', { skip: postgresMissing() }, async (t) => {
  const pg = await startPostgres(t)
  let n = 0
  storage(t, async (t, env = {}) => await build(t, { API_KEYS: 'k1,k2', DATABASE_URL: await createDatabase(pg.adminUrl, `tracking_${++n}`), ...env }))
})
