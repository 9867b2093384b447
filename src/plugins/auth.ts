import { createHash, timingSafeEqual } from 'node:crypto'
import bearerAuth from '@fastify/bearer-auth'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * A constant-time matcher for API keys. Comparing SHA-256 digests makes every
 * comparison the same length, so neither the content nor the length of a key
 * leaks through timing; every key is compared, with no early exit.
 */
export function createKeyMatcher (keys: readonly string[]): (candidate: string) => boolean {
  const digests = keys.map(digest)
  return (candidate) => {
    const d = digest(candidate)
    let ok = false
    for (const k of digests) ok = timingSafeEqual(k, d) || ok
    return ok
  }
}

/** The bearer token of a request, or undefined. */
export function bearerToken (header: string | undefined): string | undefined {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  return m?.[1]
}

/**
 * Requires `Authorization: Bearer <key>` on the routes of the scope it is
 * registered in (the advice routes). @fastify/bearer-auth checks the header;
 * its `auth` callback is our digest matcher, and failures go to the root
 * error handler so they are problem+json with WWW-Authenticate.
 */
export default fp(async function authPlugin (app: FastifyInstance, opts: { keys: string[] }) {
  const matches = createKeyMatcher(opts.keys)
  await app.register(bearerAuth, {
    keys: [],
    auth: (key: string) => matches(key),
    addHook: false,
    verifyErrorLogLevel: 'info'
  })
  const verify = app.verifyBearerAuth as NonNullable<typeof app.verifyBearerAuth>
  // preParsing, not onRequest: route-level rate-limit hooks run after
  // onRequest hooks, and unauthenticated floods must be counted too. It still
  // runs before the body is parsed.
  app.addHook('preParsing', (request, reply, payload, done) => {
    verify(request, reply, (err?: Error) => { done(err ?? null, payload) })
  })
}, { name: 'auth' })
