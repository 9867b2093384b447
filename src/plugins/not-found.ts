import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { sendProblem } from './errors.js'

/**
 * 404 and 405 as problem+json, rate-limited like every route (as fastify/demo
 * does): unknown paths are what scanners hammer, so they must not be free.
 */
export default fp(async function notFoundPlugin (app: FastifyInstance) {
  // Without options the handler shares the client's bucket with the routes,
  // so probing unknown paths spends the same allowance as real calls.
  // RATE_LIMIT_MAX=0 registers no limiter, and then nothing is limited.
  const options = app.hasDecorator('rateLimit') ? { preHandler: app.rateLimit() } : {}
  app.setNotFoundHandler(options, function notFound (request, reply) {
    const path = request.url.split('?')[0]
    // Asked of the router, so routes registered before this plugin count too.
    // OPTIONS is left out: the CORS plugin answers it on every path ('*').
    const allowed = app.supportedMethods.filter((method) => method !== 'OPTIONS' && app.findRoute({ method, url: path }) !== null)
    if (allowed.length > 0) {
      request.metricsErrorType = 'method-not-allowed'
      reply.header('allow', allowed.join(', '))
      return sendProblem(reply, request, 405, `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}`)
    }
    request.metricsErrorType = 'not-found'
    return sendProblem(reply, request, 404, `No route ${request.method} ${path}`)
  })
}, { name: 'not-found', dependencies: ['errors'] })
