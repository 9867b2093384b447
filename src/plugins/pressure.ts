import underPressure from '@fastify/under-pressure'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'

/** Seconds a shed client is told to wait. */
export const OVERLOAD_RETRY_AFTER_S = 5
// Liveness and metrics must answer under load: a slow loop is no reason for
// Kubernetes to restart the pod, and Prometheus must see the overload.
const EXEMPT = new Set(['/health', '/metrics'])

/** Event-loop overload answers 503 with Retry-After at once instead of timing out (@fastify/under-pressure). */
export default fp(async function pressurePlugin (app: FastifyInstance, opts: { config: Config }) {
  const maxEventLoopDelay = opts.config.MAX_EVENT_LOOP_DELAY_MS
  if (maxEventLoopDelay === 0) return
  await app.register(underPressure, {
    maxEventLoopDelay,
    sampleInterval: opts.config.PRESSURE_SAMPLE_MS,
    pressureHandler: async (request, reply) => {
      if (EXEMPT.has(request.routeOptions.url ?? '')) return
      reply.header('retry-after', String(OVERLOAD_RETRY_AFTER_S))
      throw Object.assign(new Error('The service is overloaded; retry after the delay in Retry-After.'), { statusCode: 503, code: 'OVERLOADED' })
    }
  })
}, { name: 'pressure' })
