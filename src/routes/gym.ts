import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { GymAdvice, GymEntry } from '../../schemas/gym.js'
import { adviceRoute } from './advice-route.js'

/** `POST /gym`: advice on a workout. */
export default async function gymRoutes (app: FastifyInstance) {
  app.withTypeProvider<TypeBoxTypeProvider>().route(adviceRoute(app, {
    topic: 'gym',
    operationId: 'adviseGym',
    summary: 'Advice on a workout',
    description: 'Send an activity and its duration; get the energy burned (MET × kg × h, 2024 Compendium) and one piece of advice.',
    entry: GymEntry,
    advice: GymAdvice
  }))
}
