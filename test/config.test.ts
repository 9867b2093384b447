import t from 'tap'
import { ConfigError, ConfigSchema, isAddressOrCidr, loadConfig, parseTrustProxy, providerChain, rateLimitWindowMs, requestedProviders, splitList } from '../src/config.js'

t.test('defaults match the documented defaults', async (t) => {
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
    BODY_LIMIT_BYTES: 16384,
    MCP_ALLOWED_ORIGINS: '',
    MCP_USER_ID: 'local'
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
    [{ AI_PROVIDER: 'groq' }, 'AI_PROVIDER', /expected one of auto, gemini, openai, local/],
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

// Values each consumer would reject, one row per variable at least; the
// reasons come from what the consumer accepts (the table in docs/configuration.md).
const BAD: Array<[string, string, RegExp]> = [
  ['PORT', 'eighty', /expected integer/],
  ['PORT', '70000', /65535/],
  ['HOST', 'not a host!', /IP address or a host name/],
  ['HOST', 'bad_host-.example', /IP address or a host name/],
  ['LOG_LEVEL', 'loud', /expected one of fatal/],
  ['GEMINI_API_KEY', 'key with spaces', /printable ASCII/],
  ['GEMINI_API_KEY', 'clé-non-ascii', /printable ASCII/],
  ['GEMINI_MODEL', 'gemini 2.5 flash', /model id/],
  ['GEMINI_MODEL', 'm'.repeat(101), /100/],
  ['GEMINI_BASE_URL', 'ftp://x', /match/],
  ['GEMINI_BASE_URL', 'https://', /http\(s\) URL with a host/],
  ['OPENAI_BASE_URL', 'localhost:11434/v1', /match/],
  ['OPENAI_BASE_URL', 'http://', /http\(s\) URL with a host/],
  ['OPENAI_MAX_TOKENS', '8', /16/],
  ['OPENAI_MAX_TOKENS', '1.5e3', /expected integer/],
  ['OPENAI_MODEL', 'llama 3.2', /model id without spaces/],
  ['OPENAI_MODEL', 'm'.repeat(201), /200/],
  ['OPENAI_API_KEY', 'sk with spaces', /printable ASCII/],
  ['AI_PROVIDER', 'groq', /expected one of auto, gemini, openai, local/],
  ['AI_PROVIDERS', 'gemini,groq', /comma-separated list of gemini and openai/],
  ['AI_PROVIDERS', 'local,gemini', /local, if named, comes last/],
  ['AI_PROVIDERS', ' , ', /comma-separated list of gemini and openai/],
  ['AI_PROVIDERS', 'gemini,gemini', /each provider once/],
  ['AI_PROVIDERS', 'x'.repeat(101), /100/],
  ['AI_FALLBACK', 'crash', /expected one of local, none/],
  ['AI_TIMEOUT_MS', '5', /100/],
  ['AI_MAX_RETRIES', '-1', /0/],
  ['AI_DEADLINE_MS', '1.5', /expected integer/],
  ['AI_MAX_CONCURRENCY', '0', /1/],
  ['AI_QUEUE_MAX', 'lots', /expected integer/],
  ['AI_QUEUE_TIMEOUT_MS', '60001', /60000/],
  // cockatiel's SamplingBreaker rejects a threshold of 1 at start-up.
  ['AI_BREAKER_THRESHOLD', '1.0', /less than 1/],
  ['AI_BREAKER_THRESHOLD', '-0.5', /greater than 0/],
  ['AI_BREAKER_THRESHOLD', '1e-1', /expected number/],
  ['AI_BREAKER_MIN_CALLS', '0', /1/],
  ['AI_BREAKER_WINDOW_MS', '999', /1000/],
  ['AI_BREAKER_COOLDOWN_MS', '99', /100/],
  ['CACHE_MAX_ENTRIES', '-5', /0/],
  ['CACHE_TTL_S', 'forever', /expected integer/],
  ['CORS_ORIGINS', 'foo.test', /origins such as https:/],
  ['CORS_ORIGINS', 'https://app.example.com/', /no path or trailing slash/],
  ['API_KEYS', 'key one,key-two', /what a Bearer token may carry/],
  ['API_KEYS', ' , ', /what a Bearer token may carry/],
  // TypeBox alone read these as 1 (it truncates at the first non-digit).
  ['RATE_LIMIT_MAX', '1e9', /expected integer/],
  ['RATE_LIMIT_MAX', '1.5', /expected integer/],
  ['RATE_LIMIT_MAX', '2000000', /1000000/],
  // @lukeed/ms (what @fastify/rate-limit parses with) reads neither: accepted,
  // the server would start and then answer every request with a 500.
  ['RATE_LIMIT_WINDOW', 'minute', /duration/],
  ['RATE_LIMIT_WINDOW', '1 fortnight', /duration/],
  ['RATE_LIMIT_WINDOW', '0', /duration/],
  ['RATE_LIMIT_WINDOW', '-1 minute', /duration/],
  ['RATE_LIMIT_WINDOW', '2 days', /duration/],
  ['REDIS_URL', 'http://cache:6379', /match/],
  ['REDIS_URL', 'rediss://:secret@', /redis:\/\/ or rediss:\/\/ URL with a host/],
  // Both crashed inside proxy-addr with a stack trace echoing the value.
  ['TRUST_PROXY', 'yes', /true, false, a hop count/],
  ['TRUST_PROXY', '10.0.0.0/99', /IP addresses\/CIDRs/],
  ['TRUST_PROXY', '10.0.0.1, 300.1.1.1', /IP addresses\/CIDRs/],
  ['BODY_LIMIT_BYTES', '100', /256/],
  ['MAX_EVENT_LOOP_DELAY_MS', '-1', /0/],
  ['PRESSURE_SAMPLE_MS', '5', /10/],
  ['SHUTDOWN_GRACE_MS', 'soon', /expected integer/],
  ['DOCS_ENABLED', 'yes', /expected boolean/],
  ['TRACKING', 'yes', /expected one of auto, off/],
  ['DATABASE_URL', 'mysql://db/app', /match/],
  ['DATABASE_URL', 'postgres://', /match/],
  ['DATABASE_URL', 'postgres://:5432/app', /postgres:\/\/ URL with a host and a database name/],
  ['DATABASE_URL', 'postgres://db.internal:5432', /with a host and a database name/],
  ['DATABASE_POOL_MAX', '0', /1/],
  ['DATABASE_TIMEOUT_MS', '50', /100/],
  ['JWT_JWKS_URL', 'issuer.example.com/jwks', /match/],
  ['JWT_JWKS_URL', 'https://', /http\(s\) URL with a host/],
  ['JWT_ISSUER', 'i'.repeat(2049), /2048/],
  ['JWT_AUDIENCE', 'a'.repeat(2049), /2048/],
  ['JWT_JWKS_REFRESH_S', '5', /10/],
  ['MCP_ALLOWED_ORIGINS', 'https://agent.example.com/', /no path or trailing slash; no \*/],
  ['MCP_USER_ID', 'local user', /match/]
]

t.test('a bad value of any variable names it, gives the reason and never echoes the value', async (t) => {
  t.same(new Set(BAD.map(([variable]) => variable)), new Set(Object.keys(ConfigSchema.properties)), 'every variable has a bad-value row')
  for (const [variable, value, reason] of BAD) {
    const err = t.throws(() => loadConfig({ [variable]: value }), `${variable}=${value}`) as ConfigError
    t.ok(err instanceof ConfigError)
    t.equal(err.variable, variable)
    t.match(err.message, `Invalid environment variable ${variable}: `)
    t.match(err.message, reason, `${variable}=${value}`)
    t.notOk(err.message.includes(value), `${variable}: the value is not echoed`)
    t.notMatch(err.message, /\n/, 'one line')
  }
})

// A local OpenAI-compatible server, which takes no key.
const OLLAMA = 'http://localhost:11434/v1'

t.test('AI_PROVIDER and AI_PROVIDERS: one or the other, and openai needs a model', async (t) => {
  const cases: Array<[Record<string, string>, string, RegExp]> = [
    [{ AI_PROVIDER: 'openai', AI_PROVIDERS: 'gemini,openai', OPENAI_MODEL: 'm' }, 'AI_PROVIDERS', /set AI_PROVIDER or AI_PROVIDERS, not both/],
    // The default spelled out is still "set": a ConfigMap that keeps AI_PROVIDER=auto must clear it to use a chain.
    [{ AI_PROVIDER: 'auto', AI_PROVIDERS: 'gemini' }, 'AI_PROVIDERS', /not both/],
    [{ AI_PROVIDER: 'openai', OPENAI_BASE_URL: OLLAMA }, 'OPENAI_MODEL', /required when the chain names openai/],
    [{ AI_PROVIDERS: 'gemini,openai', GEMINI_API_KEY: 'k', OPENAI_BASE_URL: OLLAMA }, 'OPENAI_MODEL', /required/]
  ]
  for (const [env, variable, reason] of cases) {
    const err = t.throws(() => loadConfig(env), JSON.stringify(env)) as ConfigError
    t.equal(err.variable, variable)
    t.match(err.message, `Invalid environment variable ${variable}: `)
    t.match(err.message, reason)
    t.notMatch(err.message, /\n/, 'one line')
  }
  t.doesNotThrow(() => loadConfig({ AI_PROVIDER: '', AI_PROVIDERS: 'openai', OPENAI_MODEL: 'm', OPENAI_BASE_URL: OLLAMA }), 'an empty AI_PROVIDER is unset')
})

t.test('the provider chain, in order; local ends it', async (t) => {
  const chain = (env: Record<string, string>) => providerChain(loadConfig({ OPENAI_MODEL: 'llama3.2', OPENAI_BASE_URL: OLLAMA, ...env }))
  t.same(chain({}), [], 'auto without a Gemini key: local only')
  t.same(chain({ GEMINI_API_KEY: 'k' }), ['gemini'], 'auto with a key: Gemini')
  t.same(chain({ AI_PROVIDER: 'openai' }), ['openai'])
  t.same(chain({ AI_PROVIDER: 'openai', GEMINI_API_KEY: 'k' }), ['openai'], 'AI_PROVIDER picks one provider')
  t.same(chain({ AI_PROVIDER: 'local', GEMINI_API_KEY: 'k' }), [])
  t.same(chain({ AI_PROVIDERS: 'gemini,openai', GEMINI_API_KEY: 'k' }), ['gemini', 'openai'])
  t.same(chain({ AI_PROVIDERS: 'openai, gemini, local', GEMINI_API_KEY: 'k' }), ['openai', 'gemini'], 'order kept; a trailing local is the implicit end')
  t.same(chain({ AI_PROVIDERS: 'local' }), [])
  // Gemini without a key is skipped, as AI_PROVIDER=gemini always was; the server warns.
  t.same(chain({ AI_PROVIDERS: 'gemini,openai' }), ['openai'])
  t.same(requestedProviders(loadConfig({ AI_PROVIDERS: 'gemini,openai', OPENAI_MODEL: 'm', OPENAI_BASE_URL: OLLAMA })), ['gemini', 'openai'])
  t.same(chain({ AI_PROVIDER: 'gemini' }), [])
  const c = loadConfig({})
  t.equal(c.OPENAI_BASE_URL, 'https://api.openai.com/v1', 'the documented default')
  t.equal(c.OPENAI_API_KEY, undefined)
})

t.test('values the consumers accept still load', async (t) => {
  const c = loadConfig({
    HOST: '::1',
    GEMINI_API_KEY: 'AIzaSy-abc_123',
    GEMINI_MODEL: 'models/gemini-2.5-flash-lite',
    CORS_ORIGINS: 'https://app.example.com, http://localhost:3000',
    API_KEYS: 'k1,abc.def~+/==',
    REDIS_URL: 'rediss://:pw@cache.internal:6380/0',
    TRUST_PROXY: 'loopback, 10.0.0.0/8, 2001:db8::/32, 192.168.1.7',
    MCP_ALLOWED_ORIGINS: 'https://agent.example.com, http://localhost:6274',
    MCP_USER_ID: 'me@example.com'
  })
  t.equal(c.HOST, '::1')
  t.throws(() => loadConfig({ MCP_ALLOWED_ORIGINS: '*' }), new ConfigError([{ variable: 'MCP_ALLOWED_ORIGINS', reason: 'expected comma-separated origins such as https://app.example.com (scheme and host, no path or trailing slash; no *)' }]), 'no wildcard: an Origin check that admits every origin checks nothing')
  for (const window of ['1 minute', '30s', '2 hours', '1 day', '60000', '1.5 minutes']) {
    t.equal(loadConfig({ RATE_LIMIT_WINDOW: window }).RATE_LIMIT_WINDOW, window)
  }
  t.equal(loadConfig({ HOST: 'api.internal' }).HOST, 'api.internal')
  for (const trust of ['true', 'false', '1', '10.0.0.0/8']) t.equal(loadConfig({ TRUST_PROXY: trust }).TRUST_PROXY, trust)
})

t.test('rate-limit windows in ms, as @lukeed/ms reads them', async (t) => {
  // 1 minute = 60 × 1000 ms; 1.5 minutes = 90 000 ms; 1 day = 86 400 000 ms.
  t.equal(rateLimitWindowMs('1 minute'), 60_000)
  t.equal(rateLimitWindowMs('1.5 minutes'), 90_000)
  t.equal(rateLimitWindowMs('30s'), 30_000)
  t.equal(rateLimitWindowMs('1 day'), 86_400_000)
  t.equal(rateLimitWindowMs('250'), 250)
  t.equal(rateLimitWindowMs('1 fortnight'), undefined)
  t.equal(rateLimitWindowMs('0'), undefined)
})

t.test('addresses and CIDRs', async (t) => {
  t.ok(isAddressOrCidr('10.0.0.0/8'))
  t.ok(isAddressOrCidr('::1'))
  t.ok(isAddressOrCidr('2001:db8::/128'))
  t.notOk(isAddressOrCidr('10.0.0.0/33'))
  t.notOk(isAddressOrCidr('2001:db8::/129'))
  t.notOk(isAddressOrCidr('10.0.0.0/8/8'))
  t.notOk(isAddressOrCidr('10.0.0.0/x'))
  t.notOk(isAddressOrCidr('example.com'))
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
