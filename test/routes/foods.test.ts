import t from 'tap'
import { build } from '../helpers/build.js'
import { foodRoutes } from './foods.suite.js'

// PostgreSQL runs the same suite in test/system/routes/foods.test.ts.
t.test('SQLite (in memory)', async (t) => {
  foodRoutes(t, async (t, env = {}) => await build(t, { API_KEYS: 'k1,k2', ...env }))
})
