import { readFileSync } from 'node:fs'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import t from 'tap'
import { parse } from 'yaml'

const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8'))
const recorded = JSON.parse(readFileSync(new URL('../../schemas/examples.json', import.meta.url), 'utf8')) as Record<string, Record<string, Record<string, object>>>
const METHODS = ['get', 'put', 'post', 'delete', 'patch']

// A JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1), independent of
// the app's own Ajv. The spec's vocabulary beyond JSON Schema is declared, so
// strict mode still rejects anything else.
const ajv = new Ajv2020({ strict: true, allErrors: true })
addFormats.default(ajv)
// OpenAPI's format registry: int32 is an integer that fits 32 bits.
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 })
// The app's extra-field cap: its meaning is tested with the routes; here it only needs to be known.
ajv.addKeyword({ keyword: 'x-max-extra-properties', schemaType: 'number' })
ajv.addKeyword('components')

/** A validator for a schema of the spec, its `#/components/...` references resolved against the spec's components. */
function validatorOf (schema: object): ValidateFunction {
  return ajv.compile({ ...schema, components: spec.components })
}

interface Media { schema: object, examples?: Record<string, { summary?: string, value: unknown }> }

t.test('every documented response has a recorded example, and each validates against its schema', async (t) => {
  let count = 0
  for (const [path, item] of Object.entries(spec.paths as Record<string, Record<string, { responses: Record<string, { content?: Record<string, Media> }> }>>)) {
    for (const method of METHODS.filter((m) => item[m] !== undefined)) {
      for (const [status, response] of Object.entries(item[method].responses)) {
        const where = `${method.toUpperCase()} ${path} ${status}`
        if (status === '204') {
          t.equal(response.content, undefined, `${where} has no body`)
          continue
        }
        for (const [type, media] of Object.entries(response.content ?? {})) {
          const examples = Object.entries(media.examples ?? {})
          t.ok(examples.length > 0, `${where} ${type} has an example`)
          const validate = validatorOf(media.schema)
          for (const [name, example] of examples) {
            t.ok(validate(example.value), `${where} ${type} example "${name}" validates`, { errors: validate.errors })
            count++
          }
        }
      }
    }
  }
  const total = Object.values(recorded).flatMap((byStatus) => Object.values(byStatus).flatMap((byType) => Object.values(byType).flatMap((named) => Object.keys(named)))).length
  t.equal(count, total, 'every recorded example is in the spec')
})

t.test('the check has teeth: the old placeholder answer does not validate', async (t) => {
  const validate = validatorOf({ $ref: '#/components/schemas/FoodAdvice' })
  t.notOk(validate({ message: 'string', source: 'gemini', degraded: true, facts: { kcal: 0 } }))
  t.notOk(validatorOf({ $ref: '#/components/schemas/Problem' })({ type: '/problems/x', title: 'x', status: 200, detail: 'x' }), 'a problem with status 200')
})

t.test('no 200 example is a placeholder, and the seed answers say what degraded means', async (t) => {
  for (const [path, topic] of [['/water', 'water'], ['/gym', 'gym'], ['/food', 'food']]) {
    const seed = spec.paths[path].post.responses['200'].content['application/json'].examples.seed.value
    t.equal(seed.source, 'local', `${topic}: no key, so the local advisor wrote it`)
    t.equal(seed.degraded, false, `${topic}: the local advisor was the first choice, so not degraded`)
    t.not(seed.message, 'string', `${topic}: a real message`)
  }
})

t.test('every schema-level example (request bodies, fields) validates against the schema that holds it', async (t) => {
  let count = 0
  const visit = (schema: unknown, where: string): void => {
    if (schema === null || typeof schema !== 'object') return
    const node = schema as Record<string, unknown>
    if (Array.isArray(node.examples) && typeof node.type === 'string') {
      const { examples, ...rest } = node
      const validate = validatorOf(rest)
      for (const [i, example] of (examples as unknown[]).entries()) {
        t.ok(validate(example), `${where} example ${i} validates`, { errors: validate.errors })
        count++
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'examples') visit(value, `${where}/${key}`)
  }
  visit(spec.components.schemas, '#/components/schemas')
  t.ok(count >= 5, `${count} schema examples`)
})
