import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import { Health, Readiness } from '../../schemas/health.js'
import { okResponse, problemResponses } from '../../schemas/common.js'
import { version } from '../version.js'
import { sendProblem } from './errors.js'

/** Longest wait for the database's answer in /health and /ready. */
const DB_PING_TIMEOUT_MS = 1000

/** Readiness states: /ready answers 200 only when `ready`. */
export type ReadinessState = 'starting' | 'ready' | 'draining'

/** `GET /health` (liveness, never calls a provider) and `GET /ready` (readiness, 503 while starting or draining). */
export default fp(async function healthPlugin (app: FastifyInstance) {
  let state: ReadinessState = 'starting'
  app.decorate('readiness', {
    get: () => state,
    set: (next: ReadinessState) => { state = next }
  })
  app.addHook('onReady', async () => { state = 'ready' })

  /** The tracking database: up, down (or slower than a second), or off when tracking is. */
  async function database (): Promise<'up' | 'down' | 'off'> {
    if (!app.hasDecorator('tracking')) return 'off'
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        app.tracking.store.ping(),
        new Promise((_resolve, reject) => { timer = setTimeout(() => reject(new Error('timeout')), DB_PING_TIMEOUT_MS) })
      ])
      return 'up'
    } catch {
      return 'down'
    } finally {
      clearTimeout(timer)
    }
  }
  app.addHook('preClose', async () => { state = 'draining' })

  app.get('/health', {
    schema: {
      operationId: 'getHealth',
      summary: 'Liveness check',
      description: 'Reports that the process serves requests, the state of the AI path and of each provider. Never calls a provider.',
      tags: ['operations'],
      response: { 200: okResponse('getHealth', 'Liveness report', { 'application/json': Type.Ref(Health) }, { rateLimited: false }) }
    },
    config: { rateLimit: false }
  }, async () => ({
    status: 'healthy' as const,
    timestamp: new Date().toISOString(),
    version,
    ai_service: app.advisor.aiState(),
    providers: app.advisor.providerStates(),
    database: await database()
  }))

  app.get('/ready', {
    schema: {
      operationId: 'getReady',
      summary: 'Readiness check',
      description: 'Answers 200 when the instance should receive traffic, 503 while it starts or drains.',
      tags: ['operations'],
      response: { 200: okResponse('getReady', 'Ready', { 'application/json': Type.Ref(Readiness) }, { rateLimited: false }), ...problemResponses('getReady', [503], { rateLimited: false }) }
    },
    config: { rateLimit: false }
  }, async (request, reply) => {
    if (state !== 'ready') {
      reply.header('retry-after', '5')
      return await sendProblem(reply, request, 503, `not ready: ${state}`)
    }
    // A database outage keeps the instance ready: stateless requests still
    // work, and tracked ones answer 503 until it heals. Reported, not gated.
    return { status: state, database: await database() }
  })
}, { name: 'health', dependencies: ['advisor'] })

declare module 'fastify' {
  interface FastifyInstance {
    readiness: { get: () => ReadinessState, set: (next: ReadinessState) => void }
  }
}
