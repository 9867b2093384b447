import t from 'tap'
import { createDatabase, postgresMissing, startPostgres } from '../../helpers/postgres-server.js'
import { keyStoreSuite } from '../../tracking/idempotency-store.suite.js'
import { open } from '../../tracking/store.suite.js'

// The Idempotency-Key suite of test/tracking/idempotency-store.test.ts on PostgreSQL, where an
// entry and its key are one statement and an answer is stored by an update.
keyStoreSuite(t, {
  name: 'postgres',
  skip: postgresMissing(),
  prepare: async (t) => {
    const server = await startPostgres(t, { settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' } })
    let n = 0
    return { server, fresh: async (t) => await open(t, await createDatabase(server.adminUrl, `keys_${++n}`)) }
  }
})
