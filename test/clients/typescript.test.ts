import { readFileSync } from 'node:fs'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'
import t, { type Test } from 'tap'
import {
  createHealthTrackerClient,
  type FoodAdvice,
  type GymAdvice,
  type Health,
  type Problem,
  type WaterAdvice,
  type WaterEntry
} from '../../clients/typescript/src/index.js'
import type { AddressInfo } from 'node:net'
import { build, SEEDS } from '../helpers/build.js'

const spec = new URL('../../openapi.yaml', import.meta.url)
const committed = readFileSync(new URL('../../clients/typescript/src/schema.d.ts', import.meta.url), 'utf8')

t.test('schema.d.ts is what openapi-typescript makes of openapi.yaml (run `npm run client` when this fails)', async (t) => {
  // The same header and printer as the CLI behind `npm run client`.
  t.equal(COMMENT_HEADER + astToString(await openapiTS(spec)), committed)
  for (const name of ['WaterEntry', 'WaterAdvice', 'GymEntry', 'GymAdvice', 'FoodEntry', 'FoodAdvice', 'Problem', 'FieldError', 'Health', 'Readiness']) {
    t.match(committed, new RegExp(`^ {8}${name}: `, 'm'), `components.schemas.${name}`)
  }
  for (const [entry, advice] of [['WaterEntry', 'WaterAdvice'], ['GymEntry', 'GymAdvice'], ['FoodEntry', 'FoodAdvice']]) {
    t.match(committed, `"application/json": components["schemas"]["${entry}"];`, `${entry} request body is a named type`)
    t.match(committed, `"application/json": components["schemas"]["${advice}"];`, `${advice} response is a named type`)
  }
  t.match(committed, '"application/problem+json": components["schemas"]["Problem"];')
})

/** The real app listening on an ephemeral loopback port (closed in teardown): the client speaks HTTP to it through fetch. */
async function listening (t: Test, env: Record<string, string> = {}): Promise<string> {
  const app = await build(t, env)
  await app.listen({ port: 0, host: '127.0.0.1' })
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

t.test('the client talks to the real server with typed bodies and problems', async (t) => {
  const client = createHealthTrackerClient({ baseUrl: await listening(t) })

  const water = await client.POST('/water', { body: SEEDS.water })
  t.equal(water.response.status, 200)
  const waterAdvice: WaterAdvice | undefined = water.data
  t.ok(waterAdvice)
  t.type(waterAdvice?.message, 'string')
  t.equal(waterAdvice?.source, 'local')
  t.equal(waterAdvice?.degraded, false)
  t.equal(waterAdvice?.facts.intake_l, 2)
  t.type(waterAdvice?.facts.remaining_l, 'number')

  const gym = await client.POST('/gym', { body: SEEDS.gym })
  t.equal(gym.response.status, 200)
  const gymAdvice: GymAdvice | undefined = gym.data
  t.type(gymAdvice?.message, 'string')
  t.equal(gymAdvice?.source, 'local')

  const food = await client.POST('/food', { body: SEEDS.food })
  t.equal(food.response.status, 200)
  const foodAdvice: FoodAdvice | undefined = food.data
  t.type(foodAdvice?.message, 'string')
  t.ok(Array.isArray(foodAdvice?.facts.items))

  // Type-correct but out of range: the server's schema rejects it.
  const bad: WaterEntry = { amount_liters: -1 }
  const invalid = await client.POST('/water', { body: bad })
  t.equal(invalid.response.status, 400)
  t.match(invalid.response.headers.get('content-type'), /^application\/problem\+json/)
  t.equal(invalid.data, undefined)
  const problem: Problem | undefined = invalid.error
  t.equal(problem?.status, 400)
  t.equal(problem?.errors?.[0]?.field, 'amount_liters')

  const health = await client.GET('/health')
  t.equal(health.response.status, 200)
  const report: Health | undefined = health.data
  t.equal(report?.status, 'healthy')
  t.equal(report?.ai_service, 'local')
})

t.test('apiKey is sent as a bearer token', async (t) => {
  const key = 'client-test-key-0123456789'
  const baseUrl = await listening(t, { API_KEYS: key })

  const anonymous = await createHealthTrackerClient({ baseUrl }).POST('/water', { body: SEEDS.water })
  t.equal(anonymous.response.status, 401)
  t.equal(anonymous.error?.status, 401)

  const keyed = await createHealthTrackerClient({ baseUrl, apiKey: key }).POST('/water', { body: SEEDS.water })
  t.equal(keyed.response.status, 200)
  t.type(keyed.data?.message, 'string')
})
