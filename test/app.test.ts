import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import t from 'tap'
import { allSchemas } from '../schemas/index.js'
import { AJV_OPTIONS, extraPropertiesKeyword } from '../src/http/ajv-keywords.js'
import { build } from './helpers/build.js'

t.test('HTTP timeouts: headers have a deadline of their own, inside the request timeout', async (t) => {
  const app = await build(t)
  // Slowloris guard: Node's default headersTimeout is the whole requestTimeout,
  // so a client trickling headers would hold its socket as long as any request.
  // The values themselves are tuning, stated once in src/app.ts.
  t.ok(app.server.requestTimeout > 0, `a request has a deadline (${app.server.requestTimeout} ms)`)
  t.ok(app.server.headersTimeout > 0, `headers have a deadline (${app.server.headersTimeout} ms)`)
  t.ok(app.server.headersTimeout < app.server.requestTimeout, 'and it is shorter than the whole request\'s (Node requires ≤)')
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
