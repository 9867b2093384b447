import underPressure from '@fastify/under-pressure'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { Overloaded } from './errors.js'

/** Seconds a shed client is told to wait. */
export const OVERLOAD_RETRY_AFTER_S = 5
// Liveness and metrics must answer under load: a slow loop is no reason for
// Kubernetes to restart the pod, and Prometheus must see the overload.
const EXEMPT = new Set(['/health', '/metrics'])

/**
 * Builds the handler for over-limit samples: 503 with Retry-After, except for
 * exempt routes and during warm-up. The sampler starts at registration, and a
 * window in which the loop never turned (module loading, schema compilation)
 * reads as an infinite delay, so readings before two full windows after
 * `ready` describe start-up, not traffic.
 */
export function createPressureHandler (sampleMs: number, readyAt: () => number | undefined) {
  return async function onPressure (request: FastifyRequest, reply: FastifyReply): Promise<void> {
    if (EXEMPT.has(request.routeOptions.url ?? '')) return
    const since = readyAt()
    if (since === undefined || Date.now() - since < 2 * sampleMs) return
    reply.header('retry-after', String(OVERLOAD_RETRY_AFTER_S))
    throw new Overloaded()
  }
}

/** Event-loop overload answers 503 with Retry-After at once instead of timing out (@fastify/under-pressure). */
export default fp(async function pressurePlugin (app: FastifyInstance, opts: { config: Config }) {
  const maxEventLoopDelay = opts.config.MAX_EVENT_LOOP_DELAY_MS
  if (maxEventLoopDelay === 0) return
  let readyAt: number | undefined
  app.addHook('onReady', async () => { readyAt = Date.now() })
  await app.register(underPressure, {
    maxEventLoopDelay,
    sampleInterval: opts.config.PRESSURE_SAMPLE_MS,
    pressureHandler: createPressureHandler(opts.config.PRESSURE_SAMPLE_MS, () => readyAt)
  })
}, { name: 'pressure' })
