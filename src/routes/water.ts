import type { FastifyInstance } from 'fastify'
import { WaterAdvice, WaterEntry } from '../../schemas/water.js'
import { adviceRoute } from './advice-route.js'

/** `POST /water`: advice on today's water intake. */
export default async function waterRoutes (app: FastifyInstance) {
  adviceRoute(app, {
    topic: 'water',
    operationId: 'adviseWater',
    summary: 'Advice on water intake',
    description: 'Send the total drunk so far today; get the litres still to drink and one piece of advice.',
    entry: WaterEntry,
    advice: WaterAdvice
  })
}
