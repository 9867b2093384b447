import { readFileSync } from 'node:fs'
import { Validator } from '@seriousme/openapi-schema-validator'
import t from 'tap'
import { parse } from 'yaml'
import { renderSpec } from '../../scripts/render-spec.js'
import { build, SEEDS } from '../helpers/build.js'

const committed = readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')

t.test('openapi.yaml is what the app serves (run `npm run openapi` when this fails)', async (t) => {
  t.equal(await renderSpec(), committed)
  // The spec documents tracking, which the app serves once an identity is configured.
  const app = await build(t, { API_KEYS: 'k', DATABASE_URL: 'sqlite::memory:' })
  const served = await app.inject({ url: '/docs/yaml' })
  t.equal(served.statusCode, 200)
  t.same(parse(served.body), parse(committed))
})

t.test('the spec is valid OpenAPI 3.1', async (t) => {
  const validator = new Validator()
  const result = await validator.validate(parse(committed))
  t.same(result.errors, undefined)
  t.equal(result.valid, true)
  t.equal(validator.version, '3.1')
})

t.test('named components, operation ids, tags, seed examples and problem responses', async (t) => {
  const spec = parse(committed)
  const names = Object.keys(spec.components.schemas)
  for (const name of ['WaterEntry', 'GymEntry', 'FoodEntry', 'WaterAdvice', 'GymAdvice', 'FoodAdvice', 'WaterFacts', 'GymFacts', 'FoodFacts', 'FoodItem', 'Problem', 'FieldError', 'Health', 'Readiness']) {
    t.ok(names.includes(name), name)
  }
  t.notMatch(committed, /def-\d/)
  const ops = [['/water', 'adviseWater', 'WaterEntry'], ['/gym', 'adviseGym', 'GymEntry'], ['/food', 'adviseFood', 'FoodEntry']] as const
  for (const [path, id, entry] of ops) {
    const op = spec.paths[path].post
    t.equal(op.operationId, id)
    t.same(op.tags, ['advice'])
    t.equal(op.requestBody.content['application/json'].schema.$ref, `#/components/schemas/${entry}`)
    for (const status of ['400', '401', '413', '415', '429', '502', '503', '504']) {
      t.equal(op.responses[status].content['application/problem+json'].schema.$ref, '#/components/schemas/Problem', `${path} ${status}`)
    }
  }
  t.same(spec.components.schemas.WaterEntry.examples, [SEEDS.water])
  t.same(spec.components.schemas.GymEntry.examples, [SEEDS.gym])
  t.same(spec.components.schemas.FoodEntry.examples, [SEEDS.food])
  for (const path of ['/health', '/ready', '/metrics']) t.ok(spec.paths[path].get.operationId, path)
  t.match(spec.info.description, 'Not medical advice')
})

t.test('Swagger UI is served at /docs, and can be turned off', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/docs/' })
  t.equal(res.statusCode, 200)
  t.match(res.body, 'swagger-ui')
  const off = await build(t, { DOCS_ENABLED: 'false' })
  t.equal((await off.inject({ url: '/docs/' })).statusCode, 404)
})
