import cors from '@fastify/cors'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { splitList, type Config } from '../config.js'

/** CORS from the `CORS_ORIGINS` allowlist; `*` is never combined with credentials. */
export default fp(async function corsPlugin (app: FastifyInstance, opts: { config: Config }) {
  const origins = splitList(opts.config.CORS_ORIGINS)
  const any = origins.length === 0 || origins.includes('*')
  await app.register(cors, {
    origin: any ? '*' : origins,
    // Credentials only with an explicit allowlist: browsers reject `*` with
    // credentials, and reflecting any origin with them would defeat CORS.
    credentials: !any,
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600
  })
}, { name: 'cors' })
