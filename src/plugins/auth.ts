import { hash, timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { JwksUnavailableError } from '../tracking/errors.js'
import { messageOf } from '../thrown.js'
import { BadUserHeader, Unauthorized } from './errors.js'

// One-shot hash(): no Hash object per call, which was most of this check's cost per request.
const digest = (value: string): Buffer => hash('sha256', value, 'buffer')

/**
 * A constant-time matcher for API keys: the matched key's id, or undefined.
 * Comparing SHA-256 digests makes every comparison the same length, so neither the content nor
 * the length of a key leaks through timing; every key is compared, with no early exit. The id
 * comes from the same digest, so a request's key is hashed once per check, not again for its id.
 */
export function createKeyMatcher (keys: readonly string[]): (candidate: string) => string | undefined {
  const digests = keys.map(digest)
  return (candidate) => {
    const d = digest(candidate)
    let ok = false
    for (const k of digests) ok = timingSafeEqual(k, d) || ok
    return ok ? idOf(d) : undefined
  }
}

/** A short, stable, non-secret id of an API key: users of different keys never share an identity or a rate-limit bucket. */
const idOf = (d: Buffer): string => d.toString('hex').slice(0, 16)

/** The bearer token of a request, or undefined. */
export function bearerToken (header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  return m?.[1]
}

/** A valid X-User-Id. */
export const USER_ID = /^[A-Za-z0-9._:@-]{1,128}$/

/** How callers are identified on the API routes. */
export interface AuthOptions {
  /** API keys; when any is set, every API request needs a bearer (a key, or a JWT when `verifyJwt` is set). */
  keys: string[]
  /** Verifies a JWT and returns its subject; set when JWT_JWKS_URL is. */
  verifyJwt?: (token: string) => Promise<string>
  /** Why tracking is off, or undefined when it is on. */
  trackingOff?: string
}

/**
 * Authenticates the routes of the scope it is registered in and sets
 * `request.userId` when a user is identified (tracking): an API key plus
 * `X-User-Id`, or a JWT's `sub`. Runs in preParsing, not onRequest:
 * route-level rate-limit hooks run after onRequest hooks, and unauthenticated
 * floods must be counted too; it still runs before the body is parsed.
 */
export default fp(async function authPlugin (app: FastifyInstance, opts: AuthOptions) {
  const keyOf = createKeyMatcher(opts.keys)
  const required = opts.keys.length > 0

  async function identify (request: FastifyRequest): Promise<string | undefined> {
    const header = request.headers.authorization
    const token = bearerToken(header)
    const rawUser = request.headers['x-user-id']
    const user = typeof rawUser === 'string' ? rawUser : undefined
    if (rawUser !== undefined && (user === undefined || !USER_ID.test(user))) {
      throw new BadUserHeader('X-User-Id must be one value of 1–128 characters from A–Z a–z 0–9 . _ : @ -')
    }
    const id = token !== undefined && required ? keyOf(token) : undefined
    if (id !== undefined) {
      if (user === undefined) return undefined
      if (opts.trackingOff !== undefined) throw new BadUserHeader(`X-User-Id needs tracking, which is off: ${opts.trackingOff}`)
      return `key:${id}:${user}`
    }
    if (token !== undefined && opts.verifyJwt !== undefined) {
      let sub: string
      try {
        sub = await opts.verifyJwt(token)
      } catch (err) {
        // The outage is the domain's to report (a 503 with Retry-After).
        if (err instanceof JwksUnavailableError) throw err
        // The reason (expired, bad signature, wrong issuer…) is for the logs only.
        request.log.info({ reason: messageOf(err) }, 'bearer token rejected')
        throw new Unauthorized('invalid bearer token')
      }
      if (user !== undefined) throw new BadUserHeader('X-User-Id is for API-key callers; a JWT names its user in sub')
      return `jwt:${sub}`
    }
    if (required) throw new Unauthorized(header === undefined ? 'missing authorization header' : 'invalid authorization header')
    if (user !== undefined) {
      // Tracking on here means JWT only: X-User-Id would need API_KEYS too.
      throw new BadUserHeader(opts.trackingOff === undefined
        ? 'X-User-Id needs an API key as the bearer, and API_KEYS is not set; a JWT names its user in sub'
        : `X-User-Id needs tracking, which is off: ${opts.trackingOff}`)
    }
    return undefined
  }

  app.decorateRequest('userId', undefined)
  app.addHook('preParsing', async (request, _reply, payload) => {
    request.userId = await identify(request)
    return payload
  })
}, { name: 'auth' })

declare module 'fastify' {
  interface FastifyRequest {
    /** The identified user (`key:<key id>:<X-User-Id>` or `jwt:<sub>`), or undefined for a stateless request. */
    userId: string | undefined
  }
}
