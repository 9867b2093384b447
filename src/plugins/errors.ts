import createError from '@fastify/error'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { MAX_DETAIL_LENGTH, type Problem } from '../../schemas/common.js'
import { domainProblem } from '../http/domain-problem.js'
import { clip, fieldErrors } from '../http/field-errors.js'
import { fieldOf } from '../thrown.js'

// The HTTP layer's own errors, made as Fastify makes its own (@fastify/error: a code, a status,
// a message template). The handler below sends each as a problem whose detail is the message.
// Domain errors (src/advice, src/tracking) carry no status: domainProblem maps them.

/** A missing or refused bearer token. */
export const Unauthorized = createError<'UNAUTHORIZED', 401, [string]>('UNAUTHORIZED', '%s', 401)
/** An X-User-Id header the server cannot honour here. */
export const BadUserHeader = createError<'BAD_USER_HEADER', 400, [string]>('BAD_USER_HEADER', '%s', 400)
/** A tracking route called without an identified user. */
export const UserRequired = createError<'USER_REQUIRED', 401, []>('USER_REQUIRED', 'this route needs a user: an API key with X-User-Id, or a JWT', 401)
/** An entry id the caller has no entry under. */
export const EntryNotFound = createError<'ENTRY_NOT_FOUND', 404, []>('ENTRY_NOT_FOUND', 'no such entry', 404)
/** A browser origin outside MCP_ALLOWED_ORIGINS calling /mcp. */
export const OriginForbidden = createError<'ORIGIN_FORBIDDEN', 403, [string]>('ORIGIN_FORBIDDEN', 'Origin %s may not call /mcp; the server lists allowed origins in MCP_ALLOWED_ORIGINS', 403)
/** A client over its rate limit: the limit, the window in words, and the seconds left. */
export const RateLimited = createError<'RATE_LIMITED', 429, [string, string, number]>('RATE_LIMITED', 'Rate limit of %s per %s exceeded; retry in %d s', 429)
/** The event loop is overloaded; the request is shed. */
export const Overloaded = createError<'OVERLOADED', 503, []>('OVERLOADED', 'The service is overloaded; retry after the delay in Retry-After.', 503)

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  422: 'Unprocessable Content',
  406: 'Not Acceptable',
  408: 'Request Timeout',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout'
}

const SLUGS: Record<number, string> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'body-too-large',
  422: 'unprocessable',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  500: 'internal',
  502: 'upstream-failed',
  503: 'unavailable',
  504: 'upstream-timeout'
}

/** The problem `type` URI of a status (relative references, documented in docs/api.md). */
export function problemType (status: number, validation = false): string {
  return `/problems/${validation ? 'validation-error' : SLUGS[status] ?? 'error'}`
}

/** A body that is not a JSON document at all: no field to name, so its own type and no `errors[]`. */
export const MALFORMED_JSON = '/problems/malformed-json'

/** Every problem `type` the service sends (docs/api.md's table lists exactly these). */
export const PROBLEM_TYPES = [...new Set([...Object.keys(SLUGS).map((s) => problemType(Number(s))), problemType(400, true), MALFORMED_JSON])]

const SEND_JSON = 'send the body as JSON with Content-Type: application/json'

// Fastify's own messages for these say what is wrong but not what to do.
const FASTIFY_DETAILS: Readonly<Record<string, (request: FastifyRequest) => string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => 'The request body is not valid JSON (check quotes, commas and brackets)',
  FST_ERR_CTP_EMPTY_JSON_BODY: () => 'The request body is empty; send a JSON object',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (request) => request.headers['content-type'] === undefined
    ? `The request has no Content-Type header; ${SEND_JSON}`
    : `Only JSON is accepted; ${SEND_JSON}`
}

/** Property names of the route's body schema (resolving a `$ref`), for "did you mean" hints. */
function bodyProperties (app: FastifyInstance, request: FastifyRequest): string[] {
  // A route's body schema is typed unknown; ours are TypeBox objects or a $ref to one.
  const body = request.routeOptions.schema?.body
  const ref = fieldOf(body, '$ref')
  const properties = fieldOf(typeof ref === 'string' ? app.getSchema(ref) : body, 'properties')
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : []
}

/** Sends an RFC 9457 problem document; a `detail` quoting a long path or field name is clipped to the schema's bound. */
export function sendProblem (reply: FastifyReply, request: FastifyRequest, status: number, detail: string, extra: Partial<Problem> = {}) {
  const body: Problem = { type: problemType(status), title: TITLES[status] ?? 'Error', status, detail: clip(detail, MAX_DETAIL_LENGTH), instance: request.id, ...extra }
  return reply.code(status).type('application/problem+json').send(body)
}

/** The one root error handler: every error, Fastify's own included, becomes application/problem+json. */
export default fp(async function errorsPlugin (app: FastifyInstance) {
  app.setErrorHandler(function errorHandler (error: FastifyError, request, reply) {
    if (error.validation !== undefined) {
      const errors = fieldErrors(error.validation, { body: request.body, properties: bodyProperties(app, request) })
      request.metricsErrorType = 'validation'
      const detail = errors.slice(0, 5).map((e) => `${e.field} ${e.message}`).join('; ')
      const part = error.validationContext === 'querystring' ? 'query' : error.validationContext === 'headers' ? 'headers' : error.validationContext === 'params' ? 'path' : 'body'
      return sendProblem(reply, request, 400, `Invalid request ${part}: ${detail}`, { type: problemType(400, true), errors })
    }
    const domain = domainProblem(error, (status) => SLUGS[status])
    if (domain !== undefined) {
      request.metricsErrorType = domain.metricsType
      if (domain.log !== undefined) request.log.warn(domain.log.fields, domain.log.message)
      if (domain.retryAfterS !== undefined) reply.header('retry-after', String(domain.retryAfterS))
      if (domain.status === 401) reply.header('www-authenticate', 'Bearer realm="health-tracker-api"')
      return sendProblem(reply, request, domain.status, domain.detail, domain.errors === undefined ? {} : { type: problemType(domain.status, domain.status === 400), errors: domain.errors })
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (error instanceof Overloaded) {
      request.metricsErrorType = 'overloaded'
      return sendProblem(reply, request, 503, error.message)
    }
    if (status >= 500) {
      // The cause stays in the log, tied to the request id; the client gets a generic detail.
      request.log.error({ err: error }, 'unhandled error')
      request.metricsErrorType = 'internal'
      return sendProblem(reply, request, status, 'An unexpected error occurred. Quote the instance id when reporting it.')
    }
    const malformed = error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
    request.metricsErrorType = malformed ? 'malformed-json' : SLUGS[status] ?? 'client'
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="health-tracker-api"')
    // Fastify's other 4xx messages (size, auth) are safe and useful as they are.
    const detail = FASTIFY_DETAILS[error.code]?.(request) ?? error.message
    return sendProblem(reply, request, status, detail, malformed ? { type: MALFORMED_JSON } : {})
  })
}, { name: 'errors' })
