import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyInstance } from 'fastify'
import { allSchemas } from '../schemas/index.js'
import { parseTrustProxy, splitList, trackingOff, type Config } from './config.js'
import { AJV_OPTIONS, extraPropertiesKeyword } from './http/ajv-keywords.js'
import advisor from './plugins/advisor.js'
import auth from './plugins/auth.js'
import cors from './plugins/cors.js'
import docs from './plugins/docs.js'
import errors from './plugins/errors.js'
import health from './plugins/health.js'
import metrics from './plugins/metrics.js'
import notFound from './plugins/not-found.js'
import pressure from './plugins/pressure.js'
import providers from './plugins/providers.js'
import security from './plugins/security.js'
import { serializerFactory } from './http/serializer-compiler.js'
import foodRoutes from './routes/food.js'
import gymRoutes from './routes/gym.js'
import waterRoutes from './routes/water.js'
import entryRoutes from './routes/entries.js'
import mcpRoutes from './routes/mcp.js'
import profileRoutes from './routes/profile.js'
import searchRoutes from './routes/search.js'
import userFoodRoutes from './routes/foods.js'

/** How an entry point other than the HTTP server uses the app. */
export interface BuildOptions {
  /** Where the log goes (default stdout). The stdio MCP server logs to stderr: its stdout is the protocol. */
  logStream?: NodeJS.WritableStream
  /** A user is identified outside HTTP (the stdio MCP server's MCP_USER_ID): tracking then needs no API key or JWT. */
  localUser?: boolean
}

/** Builds the app from a validated config; registers everything and does not listen. */
export async function buildApp (config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      ...(options.logStream === undefined ? {} : { stream: options.logStream }),
      // Keys must never reach the logs, whatever the level.
      redact: { paths: ['req.headers.authorization', 'req.headers["x-goog-api-key"]', 'config.GEMINI_API_KEY', 'config.API_KEYS', 'config.DATABASE_URL'], censor: '[redacted]' }
    },
    genReqId: () => randomUUID(),
    trustProxy: parseTrustProxy(config.TRUST_PROXY),
    bodyLimit: config.BODY_LIMIT_BYTES,
    connectionTimeout: 30_000,
    requestTimeout: 60_000,
    keepAliveTimeout: 5_000,
    // Slowloris: a client gets 10 s to send its headers (the whole request
    // still has requestTimeout). Node's default would be the full 60 s, and
    // Node requires headersTimeout ≤ requestTimeout.
    http: { headersTimeout: 10_000 },
    routerOptions: { maxParamLength: 100 },
    // Idle keep-alive sockets would otherwise hold close() open until they time out.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    ajv: {
      // Not re-checking every schema against the JSON Schema meta-schema at each start: compiling the
      // meta-schema alone was ~80 ms of a ~1 s cold start. Our schemas are fixed at build
      // time, and test/app.test.ts checks each of them against the meta-schema instead.
      customOptions: { ...AJV_OPTIONS, validateSchema: false },
      plugins: [extraPropertiesKeyword]
    },
    schemaController: { compilersFactory: { buildSerializer: serializerFactory() } }
  })

  // JSON only: Fastify's built-in text/plain parser would turn a 415 into a
  // confusing schema error.
  app.removeContentTypeParser('text/plain')
  await app.register(errors)
  for (const schema of allSchemas) app.addSchema(schema)
  // Swagger first: it documents only the routes registered after it.
  await app.register(docs, { config })
  await app.register(metrics)
  await app.register(pressure, { config })
  await app.register(security, { config })
  await app.register(cors, { config })
  // After security: the 404/405 handler needs its rate limiter.
  await app.register(notFound)
  await app.register(providers, { config })
  await app.register(advisor, { config })
  // Loaded only when used: the database drivers and the JWT library stay out of a stateless start.
  const off = trackingOff(config, options.localUser)
  if (off === undefined) await app.register((await import('./plugins/tracking.js')).default, { config })
  await app.register(health)

  const keys = splitList(config.API_KEYS)
  const verifyJwt = off === undefined && config.JWT_JWKS_URL !== undefined
    ? (await import('./identity/jwt.js')).createJwtVerifier({
        jwksUrl: config.JWT_JWKS_URL,
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        refreshMs: config.JWT_JWKS_REFRESH_S * 1000,
        timeoutMs: 5000,
        onRefreshError: (err) => app.log.warn({ err: err.message }, 'JWKS refresh failed; the cached keys still serve')
      })
    : undefined
  await app.register(async function apiRoutes (scope) {
    await scope.register(auth, { keys, verifyJwt, trackingOff: off })
    await scope.register(waterRoutes)
    await scope.register(gymRoutes)
    await scope.register(foodRoutes)
    await scope.register(searchRoutes)
    await scope.register(mcpRoutes, { config, trackingOff: off })
    if (off === undefined) {
      await scope.register(entryRoutes)
      await scope.register(profileRoutes)
      await scope.register(userFoodRoutes)
    }
  })
  return app
}
