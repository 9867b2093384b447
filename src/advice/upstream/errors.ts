/**
 * How one upstream attempt ended; a bounded label set for metrics.
 * `truncated`: the model stopped at the token limit (finish_reason "length"),
 * so the words end mid-sentence.
 */
export const OUTCOMES = ['ok', 'timeout', 'rate_limited', 'server_error', 'client_error', 'quota', 'safety', 'empty', 'truncated', 'bad_reply', 'network', 'aborted'] as const
/** One of OUTCOMES. */
export type Outcome = typeof OUTCOMES[number]

/** Why the advisor fell back to local advice (or gave up); bounded for metrics. */
export const FALLBACK_REASONS = [...OUTCOMES.filter((o) => o !== 'ok'), 'guard', 'numbers', 'circuit_open', 'shed', 'deadline'] as const
/** One of FALLBACK_REASONS. */
export type FallbackReason = typeof FALLBACK_REASONS[number]

/** A failed provider attempt, classified; its message is for logs only, never for clients. */
export class ProviderError extends Error {
  readonly outcome: Exclude<Outcome, 'ok'>
  readonly status: number | undefined
  /** The wait the upstream asked for (Retry-After or RetryInfo.retryDelay), in ms. */
  readonly retryAfterMs: number | undefined
  constructor (outcome: Exclude<Outcome, 'ok'>, message: string, options: { status?: number, retryAfterMs?: number, cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'ProviderError'
    this.outcome = outcome
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
  }
}

/** Every provider of the chain failed and fallback is disabled (AI_FALLBACK=none); maps to 502, 503 or 504. */
export class AdviceUnavailableError extends Error {
  readonly reason: FallbackReason
  readonly retryAfterS: number | undefined
  constructor (reason: FallbackReason, retryAfterS?: number) {
    super(`AI provider unavailable: ${reason}`)
    this.name = 'AdviceUnavailableError'
    this.reason = reason
    this.retryAfterS = retryAfterS
  }
}
