import type { IncomingMessage, ServerResponse } from 'node:http'
import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import { rateLimitWindowMs, splitList, type Config } from '../config.js'
import { bearerToken, createKeyMatcher } from './auth.js'

const UNITS: Array<[number, string]> = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']]

/** A window in ms as words, in the largest unit that divides it exactly ("1 minute", "90 seconds", "250 ms"). */
export function describeWindow (ms: number): string {
  for (const [size, unit] of UNITS) {
    if (ms % size === 0) return `${ms / size} ${unit}${ms === size ? '' : 's'}`
  }
  return `${ms} ms`
}

/** The security headers: helmet's defaults, with a CSP that lets Swagger UI at /docs work. */
const HELMET_OPTIONS: HelmetOptions = {
  // Swagger UI loads its own scripts and styles from /docs/static and
  // injects inline styles; images may be data: URIs.
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      // Off: it would upgrade Swagger UI's "Try it out" calls to https and
      // break /docs served over plain HTTP (a dev box, behind TLS-terminating
      // proxies the browser already speaks https).
      upgradeInsecureRequests: null
    }
  },
  // Agrees with frame-ancestors 'none' for browsers that only read this header.
  frameguard: { action: 'deny' },
  // The API serves JSON to other origins by design (CORS allowlist).
  crossOriginResourcePolicy: { policy: 'cross-origin' }
}

/**
 * The headers helmet's middleware sets for these options, collected from one
 * run against a stand-in response. Valid only for options without per-request
 * parts (CSP nonces or directive functions), which these have none of.
 */
export function helmetHeaders (options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {}
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers[name.toLowerCase()] = String(value) },
    removeHeader: (name: string) => { Reflect.deleteProperty(headers, name.toLowerCase()) }
  }
  // helmet only calls setHeader and removeHeader on the response and never reads the request.
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (err?: unknown) => { if (err !== undefined) throw err })
  return headers
}

/** Security headers (helmet) and per-client rate limiting. */
export default fp(async function securityPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  // Every directive is static, so the headers are computed once here and
  // set by one synchronous hook. @fastify/helmet rebuilt helmet's middleware
  // (parsing the whole policy) on every request, and added two hooks.
  const headers = helmetHeaders(HELMET_OPTIONS)
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers)
    done()
  })

  if (config.RATE_LIMIT_MAX === 0) return
  // loadConfig has checked that the window parses, so this is a number.
  const windowMs = rateLimitWindowMs(config.RATE_LIMIT_WINDOW) as number
  const windowText = describeWindow(windowMs)
  const keyOf = createKeyMatcher(splitList(config.API_KEYS))
  // Loaded only when used, to keep ioredis out of a single-instance cold start.
  // No offline queue and one retry: a Redis outage must not stall requests.
  const redis = config.REDIS_URL === undefined
    ? undefined
    : new (await import('ioredis')).Redis(config.REDIS_URL, { connectTimeout: 1000, maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true })
  if (redis !== undefined) {
    redis.on('error', (err: Error) => app.log.warn({ err: err.message }, 'rate-limit redis error'))
    app.addHook('onClose', async () => { redis.disconnect() })
    // Connect before serving so the first requests are counted; if Redis is
    // down at start, serve anyway while ioredis keeps reconnecting.
    await redis.connect().catch((err: Error) => app.log.warn({ err: err.message }, 'rate-limit redis unavailable at start'))
  }
  await app.register(rateLimit, {
    redis,
    // With Redis down, serve rather than fail every request; the outage is
    // logged and visible in metrics, and the limit returns with the store.
    skipOnError: redis !== undefined,
    global: true,
    max: config.RATE_LIMIT_MAX,
    timeWindow: windowMs,
    // A valid key gets its own bucket (shared by every IP it is used from);
    // anything else is limited per client IP, so random tokens cannot mint
    // fresh buckets.
    keyGenerator: (request) => {
      const token = bearerToken(request.headers.authorization)
      const id = token === undefined ? undefined : keyOf(token)
      return id !== undefined ? `key:${id}` : `ip:${request.ip}`
    },
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => {
      // context.after is the time left, not the window: name both plainly.
      const requests = context.max === 1 ? '1 request' : `${context.max} requests`
      return Object.assign(new Error(`Rate limit of ${requests} per ${windowText} exceeded; retry in ${Math.ceil(context.ttl / 1000)} s`), { statusCode: context.statusCode })
    }
  })
}, { name: 'security' })
