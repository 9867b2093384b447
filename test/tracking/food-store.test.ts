import t from 'tap'
import { open } from './store.suite.js'
import { foodStoreSuite } from './food-store.suite.js'

// PostgreSQL runs the same suite in test/system/tracking/food-store.test.ts.
foodStoreSuite(t, {
  name: 'sqlite::memory:',
  skip: false,
  prepare: async () => ({ fresh: async (t) => await open(t, 'sqlite::memory:') })
})

t.test('a food cursor that is not ours reads as none', async (t) => {
  const { decodeFoodCursor } = await import('../../src/tracking/food-store.js')
  t.equal(decodeFoodCursor('not a cursor'), undefined)
  t.equal(decodeFoodCursor(Buffer.from('[1,2]').toString('base64url')), undefined)
  t.equal(decodeFoodCursor(Buffer.from('[7]').toString('base64url')), 7)
})
