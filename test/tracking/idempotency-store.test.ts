import t from 'tap'
import { keyStoreSuite } from './idempotency-store.suite.js'
import { open } from './store.suite.js'

// PostgreSQL runs the same suite in test/system/tracking/idempotency-store.test.ts.
keyStoreSuite(t, {
  name: 'sqlite::memory:',
  skip: false,
  prepare: async () => ({ fresh: async (t) => await open(t, 'sqlite::memory:') })
})
