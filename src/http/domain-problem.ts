import { AdviceUnavailableError } from '../advice/upstream/errors.js'
import type { FieldError } from '../../schemas/common.js'
import { DatabaseUnavailableError, FieldValueError, JwksUnavailableError, TrackingError, type TrackingErrorKind } from '../tracking/errors.js'

/** What a domain error means to a client: status, safe detail, metrics label, retry delay, and what to log. */
export interface DomainProblem {
  status: number
  detail: string
  /** Bounded label for errors_total. */
  metricsType: string
  retryAfterS?: number
  /** A warning for the log (never sent to the client). */
  log?: { fields: Record<string, unknown>, message: string }
  /** The fields to name, for a validation error. */
  errors?: FieldError[]
}

/** The HTTP status of each kind of tracking error. */
const KIND_STATUS: Readonly<Record<TrackingErrorKind, number>> = { invalid: 400, no_user: 401, not_found: 404, conflict: 409, unprocessable: 422 }

/** Seconds a caller is told to wait while the JWKS cannot be fetched. */
const JWKS_RETRY_AFTER_S = 5

/**
 * The client-facing meaning of the errors the domain raises, in one place for
 * both faces of the service: the HTTP error handler sends it as a problem
 * document, the MCP tools as an `isError` result. Undefined for anything else.
 */
export function domainProblem (error: unknown, slugOf: (status: number) => string): DomainProblem | undefined {
  if (error instanceof FieldValueError) {
    const status = KIND_STATUS[error.kind]
    return { status, detail: error.message, metricsType: status === 400 ? 'validation' : slugOf(status), errors: [{ field: error.field, message: error.reason }] }
  }
  if (error instanceof TrackingError) {
    const status = KIND_STATUS[error.kind]
    return { status, detail: error.message, metricsType: slugOf(status), retryAfterS: error.retryAfterS }
  }
  if (error instanceof JwksUnavailableError) {
    return { status: 503, detail: 'bearer tokens cannot be checked right now; retry shortly', metricsType: 'unavailable', retryAfterS: JWKS_RETRY_AFTER_S }
  }
  if (error instanceof DatabaseUnavailableError) {
    return {
      status: 503,
      detail: 'The database is unavailable, so nothing was stored. Retry shortly; requests without a user still work.',
      metricsType: 'database',
      retryAfterS: 2,
      // The driver's message may name hosts or users: it goes to the log only.
      log: { fields: { reason: error.reason }, message: 'database unavailable' }
    }
  }
  if (error instanceof AdviceUnavailableError) {
    const status = error.reason === 'timeout' || error.reason === 'deadline'
      ? 504
      : error.reason === 'shed' || error.reason === 'circuit_open' || error.reason === 'rate_limited' || error.reason === 'quota' ? 503 : 502
    return {
      status,
      detail: status === 504 ? 'The AI provider timed out. Try again, or enable the local fallback.' : 'The AI provider is unavailable. Try again shortly.',
      metricsType: 'upstream',
      // The upstream's own delay, capped at the day the spec documents for Retry-After.
      retryAfterS: status === 503 ? Math.min(error.retryAfterS ?? 1, 86_400) : undefined,
      log: { fields: { reason: error.reason }, message: 'advice unavailable and fallback disabled' }
    }
  }
  return undefined
}
