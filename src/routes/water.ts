import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { WaterAdvice, WaterEntry } from '../../schemas/water.js'
import { adviceRoute } from './advice-route.js'

/** `POST /water`: advice on today's water intake. */
export default async function waterRoutes (app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().route(adviceRoute(app, {
    topic: 'water',
    operationId: 'adviseWater',
    summary: 'Advice on water intake',
    description: 'Send the total drunk so far today; get the litres still to drink and one piece of advice.',
    entry: WaterEntry,
    advice: WaterAdvice
  }))
}
