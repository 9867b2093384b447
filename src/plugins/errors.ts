import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { TEXT_PATTERN, type FieldError, type Problem } from '../../schemas/common.js'
import { AdviceUnavailableError } from '../advice/errors.js'

interface AjvError { instancePath: string, keyword: string, message?: string, params: Record<string, unknown> }

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
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
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'body-too-large',
  415: 'unsupported-media-type',
  429: 'rate-limited',
  500: 'internal',
  502: 'upstream-failed',
  503: 'unavailable',
  504: 'upstream-timeout'
}

/** The problem `type` URI of a status (relative references, documented in the README). */
export function problemType (status: number, validation = false): string {
  return `/problems/${validation ? 'validation-error' : SLUGS[status] ?? 'error'}`
}

const EXTRA_RULE = 'must be a string (≤ 200 characters, no control characters), a finite number, a boolean, or a list of at most 20 strings or numbers'

function fieldOf (e: AjvError): string {
  const base = e.instancePath.replace(/^\//, '')
  const child = (e.params.missingProperty ?? e.params.additionalProperty ?? e.params.field) as string | undefined
  // An empty key is still a field the client sent; name it visibly.
  const named = child === '' ? '""' : child
  return [base, named].filter((p) => p !== undefined && p !== '').join('/') || '(body)'
}

function messageOf (e: AjvError): string {
  switch (e.keyword) {
    case 'required': return 'is required'
    case 'additionalProperties': return 'is not a known field, and extra context fields need a lower-case snake_case name (letters, digits, _; at most 40 characters)'
    case 'enum': return `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`
    case 'pattern': return e.params.pattern === TEXT_PATTERN
      ? 'must not be blank or contain control characters'
      : 'must be an ISO 8601 date-time, e.g. 2024-06-01T10:00:00'
    case 'anyOf': return EXTRA_RULE
    default: return e.message ?? 'is invalid'
  }
}

/** Turns Ajv errors into one `{field, message}` per field, most useful message first. */
export function fieldErrors (errors: AjvError[]): FieldError[] {
  const byField = new Map<string, FieldError>()
  for (const e of errors) {
    const field = fieldOf(e)
    const current = byField.get(field)
    // An extra field's union reports every branch; its anyOf summary says it best.
    if (current === undefined || e.keyword === 'anyOf') byField.set(field, { field, message: messageOf(e) })
  }
  // Branch errors of a union live under the union's own path (e.g. "note/0"); drop them when the parent failed.
  return [...byField.values()].filter((fe) => ![...byField.keys()].some((k) => k !== fe.field && fe.field.startsWith(`${k}/`) && byField.get(k)?.message === EXTRA_RULE))
}

/** Sends an RFC 9457 problem document. */
export function sendProblem (reply: FastifyReply, request: FastifyRequest, status: number, detail: string, extra: Partial<Problem> = {}) {
  const body: Problem = { type: problemType(status), title: TITLES[status] ?? 'Error', status, detail, instance: request.id, ...extra }
  return reply.code(status).type('application/problem+json').send(body)
}

/** The one root error handler: every error, Fastify's own included, becomes application/problem+json. */
export default fp(async function errorsPlugin (app: FastifyInstance) {
  app.setErrorHandler(function errorHandler (error: FastifyError, request, reply) {
    if (error.validation !== undefined) {
      const errors = fieldErrors(error.validation as AjvError[])
      request.metricsErrorType = 'validation'
      const detail = errors.slice(0, 5).map((e) => `${e.field} ${e.message}`).join('; ')
      return sendProblem(reply, request, 400, `Invalid request body: ${detail}`, { type: problemType(400, true), errors })
    }
    if (error instanceof AdviceUnavailableError) {
      const status = error.reason === 'timeout' || error.reason === 'deadline'
        ? 504
        : error.reason === 'shed' || error.reason === 'circuit_open' || error.reason === 'rate_limited' || error.reason === 'quota' ? 503 : 502
      if (status === 503) reply.header('retry-after', String(error.retryAfterS ?? 1))
      request.metricsErrorType = 'upstream'
      request.log.warn({ reason: error.reason }, 'advice unavailable and fallback disabled')
      return sendProblem(reply, request, status, status === 504
        ? 'The AI provider timed out. Try again, or enable the local fallback.'
        : 'The AI provider is unavailable. Try again shortly.')
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (error.code === 'OVERLOADED') {
      request.metricsErrorType = 'overloaded'
      return sendProblem(reply, request, 503, error.message)
    }
    if (status >= 500) {
      // The cause stays in the log, tied to the request id; the client gets a generic detail.
      request.log.error({ err: error }, 'unhandled error')
      request.metricsErrorType = 'internal'
      return sendProblem(reply, request, status, 'An unexpected error occurred. Quote the instance id when reporting it.')
    }
    request.metricsErrorType = SLUGS[status] ?? 'client'
    if (status === 401) reply.header('www-authenticate', 'Bearer realm="health-tracker-api"')
    // Fastify's own 4xx messages (bad JSON, empty body, media type, size) are safe and useful.
    return sendProblem(reply, request, status, error.message)
  })
}, { name: 'errors' })

declare module 'fastify' {
  interface FastifyRequest {
    /** Bounded label for errors_total, set by the error handler. */
    metricsErrorType?: string
  }
}
