/**
 * How long an upstream asked us to wait before the next attempt, read from its
 * response headers. Framework-free: providers pass a header getter.
 */

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 }

/**
 * Parses a duration in Go's time.Duration format ("1s", "6m0s", "20ms",
 * "1h2m3.5s", what OpenAI, Groq and vLLM proxies put in x-ratelimit-reset-*,
 * and what Gemini's RetryInfo.retryDelay carries), or a bare number of
 * seconds ("30", as in Retry-After), into ms. Hand-written because
 * @lukeed/ms, already a dependency, reads one unit only and rejects "6m0s".
 */
export function parseDuration (value: string | null | undefined): number | undefined {
  const text = value?.trim()
  if (text === undefined || text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  if (!/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(text)) return undefined
  let ms = 0
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) ms += Number(amount) * UNIT_MS[unit]
  return Math.round(ms)
}

/** Retry-After (RFC 9110 §10.2.3): delay-seconds or an HTTP-date, in ms from `now`. */
export function parseRetryAfter (value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim()
  if (text === undefined || text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** The rate-limit windows whose reset an OpenAI-compatible server reports. */
const LIMITS = ['requests', 'tokens'] as const

/**
 * The wait an error response asks for, in ms: `retry-after-ms`, then
 * `Retry-After`, then the latest `x-ratelimit-reset-{requests,tokens}` among
 * the limits that are spent (remaining 0) or whose remaining count is not
 * reported. A limit with calls left does not hold the retry back.
 */
export function retryHintMs (header: (name: string) => string | null | undefined, now = Date.now()): number | undefined {
  const explicitMs = header('retry-after-ms')
  if (explicitMs != null && /^\d+(\.\d+)?$/.test(explicitMs.trim())) return Math.round(Number(explicitMs))
  const retryAfter = parseRetryAfter(header('retry-after'), now)
  if (retryAfter !== undefined) return retryAfter
  const resets = LIMITS
    .filter((limit) => { const left = header(`x-ratelimit-remaining-${limit}`); return left == null || Number(left) <= 0 })
    .map((limit) => parseDuration(header(`x-ratelimit-reset-${limit}`)))
    .filter((ms): ms is number => ms !== undefined)
  return resets.length === 0 ? undefined : Math.max(...resets)
}
