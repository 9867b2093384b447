import t from 'tap'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { foodStoreSuite } from '../../tracking/food-store.suite.js'
import { open } from '../../tracking/store.suite.js'

// The food-store suite of test/tracking/food-store.test.ts on PostgreSQL, where a user's food
// writes take turns under an advisory lock.
foodStoreSuite(t, {
  name: 'postgres',
  skip: postgresMissing(),
  prepare: async (t) => {
    const server = await startPostgres(t, { settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } })
    let n = 0
    return { server, fresh: async (t) => await open(t, await createDatabase(server.adminUrl, `foods_${++n}`)) }
  }
})
