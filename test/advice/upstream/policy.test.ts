import t from 'tap'
import { countsAgainstBreaker, isRetryable, outcomeOfStatus } from '../../../src/advice/upstream/policy.js'

t.test('HTTP statuses map to the same outcomes for every provider', async (t) => {
  const table: Array<[number, string]> = [
    [408, 'timeout'], [429, 'rate_limited'],
    [500, 'server_error'], [502, 'server_error'], [503, 'server_error'], [504, 'server_error'],
    [400, 'client_error'], [401, 'client_error'], [403, 'client_error'], [404, 'client_error'], [413, 'client_error'],
    // Server statuses that no retry can cure: the request as sent is never served.
    [501, 'client_error'], [505, 'client_error'], [511, 'client_error']
  ]
  for (const [status, outcome] of table) t.equal(outcomeOfStatus(status), outcome, String(status))
  t.equal(outcomeOfStatus(429, true), 'quota', 'a per-day quota is no rate limit')
  t.equal(outcomeOfStatus(503, true), 'server_error', 'only a 429 is a quota')
})

t.test('only transient outcomes are retried', async (t) => {
  for (const outcome of ['timeout', 'rate_limited', 'server_error', 'network'] as const) t.ok(isRetryable(outcome), outcome)
  // A truncated reply comes back truncated: the prompt and max_tokens are the same.
  for (const outcome of ['ok', 'client_error', 'quota', 'safety', 'empty', 'truncated', 'bad_reply', 'aborted'] as const) t.notOk(isRetryable(outcome), outcome)
})

t.test('an unhealthy upstream counts against the breaker; content problems and aborts do not', async (t) => {
  for (const outcome of ['timeout', 'rate_limited', 'server_error', 'network', 'quota', 'client_error', 'bad_reply'] as const) t.ok(countsAgainstBreaker(outcome), outcome)
  for (const outcome of ['ok', 'safety', 'empty', 'truncated', 'aborted'] as const) t.notOk(countsAgainstBreaker(outcome), outcome)
})
