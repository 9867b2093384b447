import t from 'tap'
import { build } from '../helpers/build.js'
import { isolation } from './tracking-isolation.suite.js'

// PostgreSQL runs the same suite in test/system/routes/tracking-isolation.test.ts.
t.test('SQLite (in memory)', async (t) => {
  await isolation(t, await build(t, { API_KEYS: 'keyA,keyB' }))
})
