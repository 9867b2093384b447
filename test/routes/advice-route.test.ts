import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import t from 'tap'
import { GymEntry } from '../../schemas/gym.js'
import { WaterAdvice, WaterEntry } from '../../schemas/water.js'
import { adviceRoute } from '../../src/routes/advice-route.js'

const text = { operationId: 'adviseWater', summary: 'Advice on water intake', description: 'Water' }

t.test('the route is typed by its schemas: a body or an answer that does not match the topic does not compile', async (t) => {
  // tsc (npm test) checks the @ts-expect-error lines: were the body or the
  // reply cast again, or the factory typed loosely (TObject), these lines
  // would compile and the unused directives would fail the type check.
  const app = Fastify()
  t.teardown(() => app.close())
  const typed = app.withTypeProvider<TypeBoxTypeProvider>()
  // @ts-expect-error a workout body cannot feed water advice
  typed.route(adviceRoute(app, { topic: 'water', ...text, entry: GymEntry, advice: WaterAdvice }))
  // @ts-expect-error workout advice does not satisfy the water answer's schema
  typed.route(adviceRoute(app, { topic: 'gym', ...text, entry: GymEntry, advice: WaterAdvice }))

  const route = adviceRoute(app, { topic: 'water', ...text, entry: WaterEntry, advice: WaterAdvice })
  t.equal(route.url, '/water')
  t.equal(route.method, 'POST')
  t.equal(route.schema.body.$ref, 'WaterEntry', 'a reference: the app adds each schema once')
  t.equal(route.schema.response[200].content['application/json'].schema.$ref, 'WaterAdvice')
  t.notOk(409 in route.schema.response, 'no 409 without tracking')
})
