import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { FoodAdvice, FoodEntry } from '../../schemas/food.js'
import { adviceRoute } from './advice-route.js'

/** `POST /food`: advice on a meal. */
export default async function foodRoutes (app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().route(adviceRoute(app, {
    topic: 'food',
    operationId: 'adviseFood',
    summary: 'Advice on a meal',
    description: 'Send what you ate in free text; get the matched foods with USDA energy values and one piece of advice.',
    entry: FoodEntry,
    advice: FoodAdvice
  }))
}
