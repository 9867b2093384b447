import t from 'tap'
import { ConfigError, loadConfig, parseTrustProxy, splitList } from '../src/config.js'

t.test('defaults match DESIGN.md §5', async (t) => {
  const c = loadConfig({})
  t.match(c, {
    PORT: 8000,
    HOST: '0.0.0.0',
    LOG_LEVEL: 'info',
    GEMINI_MODEL: 'gemini-2.5-flash',
    AI_PROVIDER: 'auto',
    AI_FALLBACK: 'local',
    AI_TIMEOUT_MS: 10000,
    AI_MAX_RETRIES: 2,
    AI_MAX_CONCURRENCY: 100,
    CACHE_MAX_ENTRIES: 1000,
    CACHE_TTL_S: 3600,
    CORS_ORIGINS: '*',
    RATE_LIMIT_MAX: 60,
    RATE_LIMIT_WINDOW: '1 minute',
    TRUST_PROXY: 'false',
    BODY_LIMIT_BYTES: 16384
  })
  t.equal(c.GEMINI_API_KEY, undefined)
  t.equal(c.API_KEYS, undefined)
})

t.test('values are converted and empty strings mean unset', async (t) => {
  const c = loadConfig({ PORT: '3000', DOCS_ENABLED: 'false', GEMINI_API_KEY: '  ', AI_BREAKER_THRESHOLD: '0.25' })
  t.equal(c.PORT, 3000)
  t.equal(c.DOCS_ENABLED, false)
  t.equal(c.GEMINI_API_KEY, undefined)
  t.equal(c.AI_BREAKER_THRESHOLD, 0.25)
})

t.test('a bad value names the variable and never its value', async (t) => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ PORT: 'eighty' }, 'PORT', /expected integer/],
    [{ PORT: '70000' }, 'PORT', /65535/],
    [{ AI_PROVIDER: 'openai' }, 'AI_PROVIDER', /expected one of auto, gemini, local/],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /expected one of fatal/],
    [{ GEMINI_BASE_URL: 'ftp://x' }, 'GEMINI_BASE_URL', /match/],
    [{ AI_TIMEOUT_MS: '5' }, 'AI_TIMEOUT_MS', /100/],
    // cockatiel's SamplingBreaker rejects a threshold of 1 at start-up.
    [{ AI_BREAKER_THRESHOLD: '1.0' }, 'AI_BREAKER_THRESHOLD', /less than 1/]
  ]
  for (const [env, variable, reason] of cases) {
    const err = t.throws(() => loadConfig(env)) as ConfigError
    t.ok(err instanceof ConfigError)
    t.equal(err.variable, variable)
    t.match(err.message, `Invalid environment variable ${variable}: `)
    t.match(err.message, reason)
    t.notMatch(err.message, Object.values(env)[0])
  }
})

t.test('helpers', async (t) => {
  t.same(splitList(' a, b ,,c '), ['a', 'b', 'c'])
  t.same(splitList(undefined), [])
  t.equal(parseTrustProxy('true'), true)
  t.equal(parseTrustProxy('false'), false)
  t.same(parseTrustProxy('10.0.0.0/8, 127.0.0.1'), ['10.0.0.0/8', '127.0.0.1'])
  const hops = parseTrustProxy('2') as (a: string, i: number) => boolean
  t.equal(hops('x', 0), true)
  t.equal(hops('x', 1), true)
  t.equal(hops('x', 2), false)
})

t.test('the default shutdown grace covers a whole Gemini call', async (t) => {
  const c = loadConfig({})
  t.ok(c.SHUTDOWN_GRACE_MS >= c.AI_DEADLINE_MS)
})
