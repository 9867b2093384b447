import type { Outcome } from './errors.js'

/**
 * What a classified outcome means to the upstream policies. A provider only
 * classifies a failure (with `outcomeOfStatus` for HTTP statuses, so every
 * provider classifies alike); the retry loop and the breaker only read the
 * answers below. Retryability is decided here and nowhere else.
 */

/** Transient failures: another attempt may succeed. Quota, client errors, content problems and aborts never will. */
const RETRYABLE: ReadonlySet<Outcome> = new Set(['timeout', 'rate_limited', 'server_error', 'network'])
/** Failures that say the upstream is unhealthy; content problems (safety, empty) and client aborts do not. */
const BREAKER_FAILURES: ReadonlySet<Outcome> = new Set(['timeout', 'rate_limited', 'server_error', 'network', 'quota', 'client_error', 'bad_reply'])
/** The transient server statuses (RFC 9110 §15.6: the server may serve the same request later). */
const TRANSIENT_5XX: ReadonlySet<number> = new Set([500, 502, 503, 504])

/** Whether a failed attempt with this outcome may be retried. */
export function isRetryable (outcome: Outcome): boolean {
  return RETRYABLE.has(outcome)
}

/** Whether a failed attempt with this outcome counts against the circuit breaker. */
export function countsAgainstBreaker (outcome: Outcome): boolean {
  return BREAKER_FAILURES.has(outcome)
}

/**
 * The outcome of an HTTP error status from any provider. A 5xx outside
 * 500/502/503/504 (501 Not Implemented, 505 HTTP Version Not Supported, …)
 * says the request as sent will never be served, so it is a `client_error`
 * like a 4xx: permanent, and an operator has to act.
 */
export function outcomeOfStatus (status: number, perDayQuota = false): Exclude<Outcome, 'ok'> {
  if (status === 429) return perDayQuota ? 'quota' : 'rate_limited'
  if (status === 408) return 'timeout'
  return TRANSIENT_5XX.has(status) ? 'server_error' : 'client_error'
}
