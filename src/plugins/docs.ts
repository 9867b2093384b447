import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config.js'
import { version } from '../version.js'

/** The OpenAPI document's top matter. */
export const OPENAPI_INFO = {
  title: 'Health Tracker API',
  version,
  description: 'Turns a water entry, a workout or a meal into one short piece of advice (at most 25 words). ' +
    'Every number in `facts` is computed by the service from cited reference data (USDA FoodData Central, ' +
    'the 2024 Adult Compendium of Physical Activities, EFSA/IOM/ACSM hydration guidance); a language model (Gemini, or any OpenAI-compatible ' +
    'model), when configured, only writes the words. Errors are RFC 9457 `application/problem+json`.\n\n' +
    '**Not medical advice.** The advice is general wellness information, not a diagnosis or treatment; ' +
    'ask a health professional about any medical condition.',
  license: { name: 'MIT', identifier: 'MIT' }
}

/**
 * One relative entry: every deployment (local, staging, production) serves
 * its own spec, so the server is whichever answered. `x-internal: false`
 * marks the API public for inventories (OWASP API9).
 */
const SERVERS = [{ url: '/', description: 'The instance serving this document (local, staging or production alike)', 'x-internal': false }]

/** OpenAPI 3.1 generated from the route schemas, with Swagger UI at /docs. */
export default fp(async function docsPlugin (app: FastifyInstance, opts: { config: Config }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: OPENAPI_INFO,
      servers: SERVERS,
      // Public by default (/health, /ready, /metrics); the advice routes
      // override this with their own bearerAuth-or-anonymous requirement.
      security: [{}],
      tags: [
        { name: 'advice', description: 'Advice from logged entries' },
        { name: 'search', description: 'The USDA foods and Compendium activities the text readers match against' },
        { name: 'operations', description: 'Health, readiness and metrics' }
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'One of API_KEYS, when the server sets any' } }
      }
    },
    // Name components after their $id ("WaterEntry"), not "def-0".
    refResolver: { buildLocalReference: (json) => String(json.$id) }
  })
  if (opts.config.DOCS_ENABLED) {
    await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true, tryItOutEnabled: false } })
  }
}, { name: 'docs' })
