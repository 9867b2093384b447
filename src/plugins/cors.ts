import cors, { type FastifyCorsOptions } from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { splitList, type Config } from '../config.js'

// Every method and request header a route reads, so a browser app on an
// allowed origin can use the whole API: tracking (PUT /profile, DELETE
// /entries/{id}, X-User-Id, Idempotency-Key) and MCP's protocol headers
// (POST /mcp also checks its own MCP_ALLOWED_ORIGINS).
const common: FastifyCorsOptions = {
  methods: ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Content-Type', 'Authorization', 'X-User-Id', 'Idempotency-Key', 'Mcp-Protocol-Version'],
  exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'Idempotent-Replayed'],
  maxAge: 600
}

/** CORS from the `CORS_ORIGINS` allowlist; `*` is never combined with credentials. */
export default fp(async function corsPlugin (app: FastifyInstance, opts: { config: Config }) {
  const origins = splitList(opts.config.CORS_ORIGINS)
  if (origins.length === 0 || origins.includes('*')) {
    // Browsers reject `*` with credentials, and reflecting any origin with
    // credentials would defeat CORS, so an open API sends no credentials.
    await app.register(cors, { ...common, origin: '*', credentials: false })
    return
  }
  const allowed = new Set(origins)
  // Per request, so a refused origin gets no CORS headers at all.
  await app.register(cors, {
    delegator: (request, callback) => {
      const origin = request.headers.origin
      callback(null, origin !== undefined && allowed.has(origin)
        ? { ...common, origin, credentials: true }
        : { origin: false })
    }
  })
}, { name: 'cors' })
