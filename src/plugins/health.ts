import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import { Health, Readiness } from '../../schemas/health.js'
import { problemResponses } from '../../schemas/common.js'
import { version } from '../version.js'
import { sendProblem } from './errors.js'

/** Readiness states: /ready answers 200 only when `ready`. */
export type ReadinessState = 'starting' | 'ready' | 'draining'

/** `GET /health` (liveness, never calls Gemini) and `GET /ready` (readiness, 503 while starting or draining). */
export default fp(async function healthPlugin (app: FastifyInstance) {
  let state: ReadinessState = 'starting'
  app.decorate('readiness', {
    get: () => state,
    set: (next: ReadinessState) => { state = next }
  })
  app.addHook('onReady', async () => { state = 'ready' })
  app.addHook('preClose', async () => { state = 'draining' })

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      summary: 'Liveness check',
      description: 'Reports that the process serves requests and the state of the AI path. Never calls Gemini.',
      tags: ['operations'],
      response: { 200: Type.Ref(Health) }
    },
    config: { rateLimit: false }
  }, async () => ({
    status: 'healthy' as const,
    timestamp: new Date().toISOString(),
    version,
    ai_service: app.advisor.aiState()
  }))

  app.get('/ready', {
    schema: {
      operationId: 'getReady',
      summary: 'Readiness check',
      description: 'Answers 200 when the instance should receive traffic, 503 while it starts or drains.',
      tags: ['operations'],
      response: { 200: Type.Ref(Readiness), ...problemResponses(503) }
    },
    config: { rateLimit: false }
  }, async (request, reply) => {
    if (state !== 'ready') {
      reply.header('retry-after', '5')
      return await sendProblem(reply, request, 503, `not ready: ${state}`)
    }
    return { status: state }
  })
}, { name: 'health', dependencies: ['advisor'] })

declare module 'fastify' {
  interface FastifyInstance {
    readiness: { get: () => ReadinessState, set: (next: ReadinessState) => void }
  }
}
