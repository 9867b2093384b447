import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import t from 'tap'
import { allSchemas } from '../schemas/index.js'
import { AJV_OPTIONS, extraPropertiesKeyword } from '../src/plugins/ajv-keywords.js'
import { build } from './helpers/build.js'

t.test('HTTP timeouts: headers must arrive within 10 s, inside the 60 s request timeout', async (t) => {
  const app = await build(t)
  // Slowloris guard: Node's default headersTimeout would be the whole 60 s.
  t.equal(app.server.headersTimeout, 10_000)
  t.equal(app.server.requestTimeout, 60_000)
  t.ok(app.server.headersTimeout <= app.server.requestTimeout, 'Node requires headersTimeout ≤ requestTimeout')
})

t.test('the request property the error handlers set is a declared decorator', async (t) => {
  const app = await build(t)
  t.equal(app.hasRequestDecorator('metricsErrorType'), true)
})

t.test('every shared schema is valid JSON Schema (the app skips this check at start-up)', async (t) => {
  // The same options, formats and keyword as the app's compiler, with the meta-schema check the app turns off.
  const ajv = new Ajv({ ...AJV_OPTIONS, validateSchema: true })
  addFormats.default(ajv)
  extraPropertiesKeyword(ajv)
  for (const schema of allSchemas) {
    t.ok(ajv.validateSchema(schema), `${String(schema.$id)} ${ajv.errorsText(ajv.errors)}`)
    ajv.addSchema(schema)
  }
  for (const schema of allSchemas) t.type(ajv.getSchema(String(schema.$id)), 'function', `${String(schema.$id)} compiles`)
  t.notOk(ajv.validateSchema({ type: 'strng' }), 'the check itself catches a bad schema')
})
