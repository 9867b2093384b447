import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import helmet, { type HelmetOptions } from 'helmet'
import { rateLimitWindowMs, splitList, type Config } from '../config.js'
import { bearerToken, createKeyMatcher, USER_ID } from './auth.js'
import { RateLimited } from './errors.js'

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

/** Security headers (helmet) and per-client rate limiting. */
export default fp(async function securityPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  // helmet's own middleware, built once (the policy is parsed here) and run on the raw
  // response, as its documentation runs it. @fastify/helmet builds it again for every request:
  // ~22 µs a request against ~0.4 µs (measured, Node 20), with nothing per request to vary.
  const setHeaders = helmet(HELMET_OPTIONS)
  app.addHook('onRequest', (request, reply, done) => {
    // helmet reports a failure as an Error, or nothing.
    setHeaders(request.raw, reply.raw, (err) => { done(err instanceof Error ? err : undefined) })
  })

  if (config.RATE_LIMIT_MAX === 0) return
  const windowMs = rateLimitWindowMs(config.RATE_LIMIT_WINDOW)
  // loadConfig refuses a window that does not parse: only a config built past it gets here.
  if (windowMs === undefined) throw new Error('RATE_LIMIT_WINDOW is not a duration')
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
    // A valid key gets its own bucket (shared by every IP it is used from), and
    // each user it names in X-User-Id one of their own: an app's backend
    // serves all its users through one key, and vouches for them. Anything
    // else is limited per client IP, so random tokens cannot mint fresh
    // buckets; a JWT's user is known only once it is verified, after the count.
    keyGenerator: (request) => {
      const token = bearerToken(request.headers.authorization)
      const id = token === undefined ? undefined : keyOf(token)
      if (id === undefined) return `ip:${request.ip}`
      const user = request.headers['x-user-id']
      return typeof user === 'string' && USER_ID.test(user) ? `key:${id}:user:${user}` : `key:${id}`
    },
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) => {
      // context.after is the time left, not the window: name both plainly.
      const requests = context.max === 1 ? '1 request' : `${context.max} requests`
      // Always a 429 here: a 403 would need the plugin's ban option, which is off.
      return new RateLimited(requests, windowText, Math.ceil(context.ttl / 1000))
    }
  })
}, { name: 'security' })
