import t from 'tap'
import { parseDuration, parseRetryAfter, retryHintMs } from '../../../src/advice/upstream/retry-hint.js'

t.test('Go durations (x-ratelimit-reset-*, RetryInfo) and bare seconds', async (t) => {
  // Worked by hand: 6 min = 360,000 ms; 1 h 2 min 3.5 s = 3,600,000 + 120,000 + 3,500.
  const table: Array<[string | null | undefined, number | undefined]> = [
    ['1s', 1000], ['0.5s', 500], ['20ms', 20], ['6m0s', 360_000], ['1h2m3.5s', 3_723_500],
    ['7', 7000], ['2.5', 2500], [' 3s ', 3000], ['1500us', 2], ['250µs', 0],
    ['soon', undefined], ['1x', undefined], ['s', undefined], ['-1s', undefined], ['', undefined], [null, undefined], [undefined, undefined]
  ]
  for (const [value, ms] of table) t.equal(parseDuration(value), ms, String(value))
})

t.test('Retry-After: delay-seconds or an HTTP-date', async (t) => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  t.equal(parseRetryAfter('30', now), 30_000)
  t.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000)
  t.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0, 'a date in the past means now')
  t.equal(parseRetryAfter('later', now), undefined)
  t.equal(parseRetryAfter(undefined, now), undefined)
})

t.test('the hint of an error response', async (t) => {
  const from = (h: Record<string, string>) => retryHintMs((name) => h[name])
  t.equal(from({ 'retry-after-ms': '150', 'retry-after': '9' }), 150, 'retry-after-ms first')
  t.equal(from({ 'retry-after-ms': 'x', 'retry-after': '9' }), 9000, 'an unreadable retry-after-ms is skipped')
  t.equal(from({ 'retry-after': '2', 'x-ratelimit-reset-requests': '6m0s' }), 2000, 'Retry-After before the reset headers')
  t.equal(from({ 'x-ratelimit-reset-requests': '6m0s' }), 360_000)
  t.equal(from({ 'x-ratelimit-reset-requests': '1s', 'x-ratelimit-reset-tokens': '20ms' }), 1000, 'the later reset when neither says what is left')
  t.equal(from({
    'x-ratelimit-remaining-requests': '14',
    'x-ratelimit-reset-requests': '6m0s',
    'x-ratelimit-remaining-tokens': '0',
    'x-ratelimit-reset-tokens': '20ms'
  }), 20, 'only the spent limit holds the retry back')
  t.equal(from({ 'x-ratelimit-remaining-requests': '3', 'x-ratelimit-reset-requests': '1s' }), undefined, 'a limit with calls left is no hint')
  t.equal(from({}), undefined)
})
