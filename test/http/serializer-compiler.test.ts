import Fastify from 'fastify'
import t from 'tap'
import { referencedSchemas, serializerFactory } from '../../src/http/serializer-compiler.js'

const shared = {
  Day: { $id: 'Day', type: 'object', properties: { water: { $ref: 'Water' }, meals: { type: 'array', items: { $ref: 'Meal#/properties/kcal' } } } },
  Water: { $id: 'Water', type: 'object', properties: { litres: { type: 'number' }, next: { $ref: 'Water' } } },
  Meal: { $id: 'Meal', type: 'object', properties: { kcal: { type: 'number' }, unit: { $ref: 'Unit' } } },
  Unit: { $id: 'Unit', type: 'string' },
  Unused: { $id: 'Unused', type: 'string' }
}

t.test('referencedSchemas follows $ref through the shared schemas, fragments and cycles included, and nothing else', async (t) => {
  t.same(Object.keys(referencedSchemas({ $ref: 'Day' }, shared)).sort(), ['Day', 'Meal', 'Unit', 'Water'])
  t.same(Object.keys(referencedSchemas({ type: 'object', properties: { w: { $ref: 'Water' } } }, shared)), ['Water'], 'a self-reference is followed once')
  t.same(Object.keys(referencedSchemas({ anyOf: [{ type: 'null' }, { $ref: 'Unit' }] }, shared)), ['Unit'], 'inside a list of schemas too')
  t.same(referencedSchemas({ type: 'string' }, shared), {})
  t.same(referencedSchemas({ $ref: '#/definitions/local' }, shared), {}, 'a reference inside the schema itself needs no shared schema')
  t.same(referencedSchemas({ $ref: 'Nowhere' }, shared), {}, 'an unknown reference is left for fast-json-stringify to report')
  t.equal(referencedSchemas({ $ref: 'Unit' }, shared).Unit, shared.Unit, 'the shared schema itself, not a copy')
})

t.test('the serializers it builds write what the default compiler writes, and an unknown reference still fails', async (t) => {
  const reply = { water: { litres: 1.5, next: { litres: 0.25 } }, meals: [500, 250.5], extra: 'dropped' }
  const serialize = async (custom: boolean) => {
    const app = Fastify(custom ? { schemaController: { compilersFactory: { buildSerializer: serializerFactory() } } } : {})
    for (const schema of Object.values(shared)) app.addSchema(schema)
    app.get('/day', { schema: { response: { 200: { $ref: 'Day' } } } }, async () => reply)
    const res = await app.inject({ url: '/day' })
    await app.close()
    return res.body
  }
  const body = await serialize(true)
  t.equal(body, await serialize(false))
  t.same(JSON.parse(body), { water: { litres: 1.5, next: { litres: 0.25 } }, meals: [500, 250.5] })

  const app = Fastify({ schemaController: { compilersFactory: { buildSerializer: serializerFactory() } } })
  t.teardown(() => app.close())
  app.get('/broken', { schema: { response: { 200: { $ref: 'Nowhere' } } } }, async () => ({}))
  await t.rejects(async () => { await app.ready() }, /Nowhere/)
})

t.test('without shared schemas (the factory contract allows none), serializers still build and write', async (t) => {
  const compile = serializerFactory()(undefined, {})
  const serialize = compile({ schema: { type: 'object', properties: { n: { type: 'integer' } } }, method: 'GET', url: '/n', httpStatus: '200' })
  t.equal(serialize({ n: 3, extra: true }), '{"n":3}')
})
