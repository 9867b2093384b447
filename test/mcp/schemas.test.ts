import { Type } from '@sinclair/typebox'
import t from 'tap'
import { WaterAdvice } from '../../schemas/water.js'
import { createValidatorFactory, inline } from '../../src/mcp/schemas.js'

t.test('inline replaces named references by their schemas, keeps sibling keywords and drops every $id', async (t) => {
  const schema = inline(Type.Object({ today: Type.Ref('DayTotals', { description: 'the day' }) }, { $id: 'X' }))
  t.notOk('$id' in schema)
  const today = (schema.properties as Record<string, Record<string, unknown>>).today
  t.equal(today.description, 'the day', 'the reference\'s own description wins')
  t.equal(today.additionalProperties, false)
  t.same(Object.keys(today.properties as object), ['water_l', 'water_target_l', 'kcal_in', 'kcal_out', 'entries'])
  t.notMatch(JSON.stringify(inline(WaterAdvice)), /"\$(ref|id)"/, 'nested references too')
  t.throws(() => inline(Type.Ref('Nowhere')), /unknown schema reference Nowhere/)
})

t.test('inline drops the examples keyword, not a property named examples', async (t) => {
  const schema = inline(Type.Object({
    examples: Type.String({ examples: ['a'] }),
    n: Type.Number({ examples: [1] })
  }, { examples: [{ examples: 'a', n: 1 }] }))
  t.notOk('examples' in schema, 'the object\'s own examples go')
  const properties = schema.properties as Record<string, Record<string, unknown>>
  t.same(Object.keys(properties), ['examples', 'n'], 'a property called examples stays')
  t.same(properties.examples, { type: 'string' })
  t.same(properties.n, { type: 'number' })
  t.notMatch(JSON.stringify(inline(WaterAdvice)), /"examples"/, 'nested examples too')
})

t.test('input validators apply the REST rules: no coercion, the extra-field cap, formats', async (t) => {
  const validator = createValidatorFactory()
  const water = validator(Type.Object({ amount_liters: Type.Number() }, { $id: 'CoercionProbe', additionalProperties: false }))
  t.notOk(water({ amount_liters: '1' }), 'a numeric string is not a number')
  const entry = validator({ $id: 'WaterEntry' } as never)
  const extras = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`extra_${i}`, i]))
  t.notOk(entry({ amount_liters: 1, ...extras }), 'at most 20 extra context fields')
  t.ok(entry({ amount_liters: 1, note: 'ok' }))
})
