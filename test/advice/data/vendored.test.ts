import t from 'tap'
import { Type } from '@sinclair/typebox'
import { vendored } from '../../../src/advice/data/vendored.js'

const Table = Type.Object({ rows: Type.Array(Type.Tuple([Type.String({ pattern: '^[0-9]{5}$' }), Type.Number({ minimum: 0 })])) })

t.test('a table that matches its schema is returned as it is', async (t) => {
  const data = { rows: [['01001', 717]] }
  t.equal(vendored('t.json', Table, data), data)
})

t.test('a table that does not match fails at load, naming the file and the first bad path', async (t) => {
  t.throws(() => vendored('t.json', Table, { rows: [['01001', 717], ['1002', 5]] }), { message: /^t\.json does not match its schema at \/rows\/1\/0: / })
  t.throws(() => vendored('t.json', Table, { rows: [['01001', -1]] }), { message: /^t\.json does not match its schema at \/rows\/0\/1: / })
})
