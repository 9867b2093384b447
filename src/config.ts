import { BlockList, isIP } from 'node:net'
import { parse as parseDuration } from '@lukeed/ms'
import { Type, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'

const Int = (min: number, max: number, def: number, description: string) =>
  Type.Integer({ minimum: min, maximum: max, default: def, description })

/** Every environment variable the service reads, with its bounds and default. */
export const ConfigSchema = Type.Object({
  PORT: Int(0, 65535, 8000, 'TCP port to listen on'),
  HOST: Type.String({ minLength: 1, default: '0.0.0.0', description: 'Address to bind' }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info', description: 'pino log level' }
  ),
  GEMINI_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'Google AI Studio key; unset means the local advisor answers' })),
  GEMINI_MODEL: Type.String({ minLength: 1, maxLength: 100, default: 'gemini-2.5-flash', description: 'Gemini model id' }),
  GEMINI_BASE_URL: Type.String({ pattern: '^https?://', default: 'https://generativelanguage.googleapis.com', description: 'Gemini API origin' }),
  OPENAI_BASE_URL: Type.String({ pattern: '^https?://', maxLength: 2048, default: 'https://api.openai.com/v1', description: 'OpenAI-compatible chat-completions base URL (Ollama: http://localhost:11434/v1)' }),
  OPENAI_MODEL: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Model id on that server; required when openai is in the chain' })),
  OPENAI_API_KEY: Type.Optional(Type.String({ minLength: 1, description: 'Bearer key of that server; unset sends none (Ollama, vLLM, llama.cpp need none)' })),
  AI_PROVIDER: Type.Union([Type.Literal('auto'), Type.Literal('gemini'), Type.Literal('openai'), Type.Literal('local')], { default: 'auto', description: 'auto = Gemini when a key is set' }),
  AI_PROVIDERS: Type.Optional(Type.String({ maxLength: 100, description: 'Ordered provider chain, e.g. gemini,openai; the local advisor ends it. Not with AI_PROVIDER' })),
  AI_FALLBACK: Type.Union([Type.Literal('local'), Type.Literal('none')], { default: 'local', description: 'What answers when every provider fails' }),
  AI_TIMEOUT_MS: Int(100, 120_000, 10_000, 'Timeout of one provider attempt (ms)'),
  AI_MAX_RETRIES: Int(0, 10, 2, 'Retries after the first attempt, per provider'),
  AI_DEADLINE_MS: Int(100, 300_000, 15_000, 'Overall budget of one advice call: attempts plus waits (ms)'),
  AI_MAX_CONCURRENCY: Int(1, 10_000, 100, 'Calls in flight per provider and process; also each HTTP pool\'s size'),
  AI_QUEUE_MAX: Int(0, 100_000, 100, 'Calls that may wait for a free slot before being shed'),
  AI_QUEUE_TIMEOUT_MS: Int(0, 60_000, 1000, 'Longest wait for a free slot (ms)'),
  AI_BREAKER_THRESHOLD: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1, default: 0.5, description: 'Failure ratio that opens the circuit breaker' }),
  AI_BREAKER_MIN_CALLS: Int(1, 10_000, 10, 'Calls in the window before the breaker may open'),
  AI_BREAKER_WINDOW_MS: Int(1000, 3_600_000, 30_000, 'Sliding window of the breaker (ms)'),
  AI_BREAKER_COOLDOWN_MS: Int(100, 3_600_000, 30_000, 'Time the breaker stays open before a probe (ms)'),
  CACHE_MAX_ENTRIES: Int(0, 1_000_000, 1000, 'Advice cache size; 0 disables it'),
  CACHE_TTL_S: Int(0, 604_800, 3600, 'Advice cache TTL (s); 0 disables it'),
  CORS_ORIGINS: Type.String({ default: '*', maxLength: 4096, description: 'Comma-separated origin allowlist, or *' }),
  API_KEYS: Type.Optional(Type.String({ description: 'Comma-separated bearer keys; unset leaves the advice routes open' })),
  RATE_LIMIT_MAX: Int(0, 1_000_000, 60, 'Requests per window per client; 0 disables rate limiting'),
  RATE_LIMIT_WINDOW: Type.String({ default: '1 minute', maxLength: 50, description: 'Rate-limit window, e.g. "1 minute" or milliseconds' }),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://', maxLength: 2048, description: 'Redis for the rate-limit store, shared by every replica; unset keeps counters in memory per process' })),
  TRUST_PROXY: Type.String({ default: 'false', maxLength: 1024, description: 'Fastify trustProxy: true, false, a hop count, or comma-separated addresses/CIDRs' }),
  BODY_LIMIT_BYTES: Int(256, 10_485_760, 16_384, 'Largest accepted request body (bytes)'),
  MAX_EVENT_LOOP_DELAY_MS: Int(0, 60_000, 1000, 'Mean event-loop delay (ms) above which requests get 503 with Retry-After; 0 disables'),
  PRESSURE_SAMPLE_MS: Int(10, 60_000, 500, 'How often the event-loop delay is sampled (ms)'),
  SHUTDOWN_GRACE_MS: Int(0, 600_000, 16_000, 'How long in-flight requests may finish after SIGTERM (ms); default covers AI_DEADLINE_MS'),
  DOCS_ENABLED: Type.Boolean({ default: true, description: 'Serve Swagger UI at /docs' }),
  TRACKING: Type.Union([Type.Literal('auto'), Type.Literal('off')], { default: 'auto', description: 'auto = store entries of identified users (API_KEYS or JWT_JWKS_URL set); off = stateless only' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(sqlite:.+|postgres(ql)?://.+)$', maxLength: 2048, description: 'Unset: embedded SQLite at ./data/health-tracker.db; sqlite:<path>, sqlite::memory:, or postgres://…' })),
  DATABASE_POOL_MAX: Int(1, 1000, 10, 'Postgres connections per process'),
  DATABASE_TIMEOUT_MS: Int(100, 600_000, 5000, 'Statement timeout (Postgres) and busy timeout (SQLite), in ms'),
  JWT_JWKS_URL: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 2048, description: 'JWKS of the identity provider whose JWTs (RS256/ES256) identify users' })),
  JWT_ISSUER: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Required iss claim of JWTs' })),
  JWT_AUDIENCE: Type.Optional(Type.String({ minLength: 1, maxLength: 2048, description: 'Required aud claim of JWTs' })),
  JWT_JWKS_REFRESH_S: Int(10, 86_400, 600, 'How long a fetched JWKS is used before it is fetched again (s); the last good set serves while the JWKS is down'),
  MCP_ALLOWED_ORIGINS: Type.String({ default: '', maxLength: 4096, description: 'Comma-separated browser origins allowed to call /mcp; requests without an Origin header are served, any other Origin is a 403' }),
  MCP_USER_ID: Type.String({ default: 'local', minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$', description: 'The one local user whose entries `npm run mcp` (stdio) logs and reads' })
}, { additionalProperties: false })

/** The validated configuration. */
export type Config = Static<typeof ConfigSchema>

/** A bad environment value; the message names the variable and never its value. */
export class ConfigError extends Error {
  readonly variable: string
  constructor (variable: string, reason: string) {
    super(`Invalid environment variable ${variable}: ${reason}`)
    this.name = 'ConfigError'
    this.variable = variable
  }
}

const KEYS = Object.keys(ConfigSchema.properties) as Array<keyof Config>

/** Reads, converts and validates the environment; throws ConfigError naming the first bad variable. */
export function loadConfig (env: Record<string, string | undefined>): Config {
  const raw: Record<string, unknown> = {}
  for (const key of KEYS) {
    const value = env[key]
    // An empty variable means "unset", as in most shells' `FOO= cmd`.
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim()
  }
  // TypeBox's Convert truncates: "1.5" and "1e9" would both load as 1. Only
  // plain decimal digits may become numbers.
  for (const [key, value] of Object.entries(raw) as Array<[keyof Config, string]>) {
    const type = (ConfigSchema.properties[key] as { type?: string }).type
    if (type === 'integer' && !/^-?\d+$/.test(value)) throw new ConfigError(key, 'expected integer')
    if (type === 'number' && !/^-?(\d+(\.\d*)?|\.\d+)$/.test(value)) throw new ConfigError(key, 'expected number')
  }
  // AI_PROVIDER has a default, so only the environment tells whether it was
  // set; asked before Value.Default fills the defaults in.
  if (raw.AI_PROVIDER !== undefined && raw.AI_PROVIDERS !== undefined) throw new ConfigError('AI_PROVIDERS', 'set AI_PROVIDER or AI_PROVIDERS, not both')
  const converted = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw))
  const first = Value.Errors(ConfigSchema, converted).First()
  if (first !== undefined) {
    const variable = first.path.split('/')[1] as keyof Config
    const choices = (ConfigSchema.properties[variable] as { anyOf?: Array<{ const: string }> }).anyOf
    throw new ConfigError(variable, choices === undefined
      ? first.message.toLowerCase()
      : `expected one of ${choices.map((c) => c.const).join(', ')}`)
  }
  const config = converted as Config
  // The schema checks shapes; these check what each value's consumer accepts,
  // so a value that would only fail on the first request fails at start.
  for (const [variable, check] of Object.entries(CHECKS) as Array<[keyof Config, (v: string) => string | undefined]>) {
    const value = config[variable]
    const reason = typeof value === 'string' ? check(value) : undefined
    if (reason !== undefined) throw new ConfigError(variable, reason)
  }
  if (providerChain(config).includes('openai') && config.OPENAI_MODEL === undefined) {
    throw new ConfigError('OPENAI_MODEL', 'required when the chain names openai (e.g. llama3.2 on Ollama, gpt-4o-mini on OpenAI)')
  }
  return config
}

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
// RFC 6750 b64token: the only characters a Bearer credential can carry.
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/
// proxy-addr (Fastify's trustProxy) also accepts these named ranges.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])
// Longest rate-limit window accepted: a day; longer is a misconfiguration, not a limit.
const DAY_MS = 86_400_000

function isHttpUrl (value: string): boolean {
  if (!URL.canParse(value)) return false
  const url = new URL(value)
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
}

/** Whether `value` is exactly an http(s) origin, as a browser sends it in `Origin`. */
const isOrigin = (value: string): boolean => isHttpUrl(value) && new URL(value).origin === value

/** Whether `value` is an IP address or a CIDR block (`10.0.0.0/8`, `::1/128`). */
export function isAddressOrCidr (value: string): boolean {
  const [address, prefix, ...rest] = value.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return false
  if (prefix === undefined) return true
  if (!/^\d{1,3}$/.test(prefix)) return false
  try {
    // BlockList applies the same range rules as Node's own subnet handling.
    new BlockList().addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6')
    return true
  } catch {
    return false
  }
}

/** The rate-limit window in ms, as @fastify/rate-limit reads it (@lukeed/ms), or undefined when it cannot. */
export function rateLimitWindowMs (value: string): number | undefined {
  const ms = /^\d+$/.test(value) ? Number(value) : parseDuration(value)
  return ms !== undefined && Number.isFinite(ms) && ms >= 1 && ms <= DAY_MS ? Math.trunc(ms) : undefined
}

/** Per-variable checks of what the consumer accepts; each returns a reason without the value. */
const CHECKS: Partial<Record<keyof Config, (value: string) => string | undefined>> = {
  HOST: (v) => isIP(v) !== 0 || HOSTNAME.test(v) ? undefined : 'expected an IP address or a host name',
  GEMINI_API_KEY: (v) => /^[\x21-\x7e]{1,512}$/.test(v) ? undefined : 'expected printable ASCII without spaces (it travels in an HTTP header)',
  GEMINI_MODEL: (v) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) ? undefined : 'expected a model id such as gemini-2.5-flash (letters, digits, . _ - /)',
  GEMINI_BASE_URL: (v) => isHttpUrl(v) ? undefined : 'expected an http(s) URL with a host',
  OPENAI_BASE_URL: (v) => isHttpUrl(v) ? undefined : 'expected an http(s) URL with a host (Ollama: port 11434, path /v1)',
  OPENAI_API_KEY: (v) => /^[\x21-\x7e]{1,512}$/.test(v) ? undefined : 'expected printable ASCII without spaces (it travels in an HTTP header)',
  // Ollama tags (llama3.2:3b) and OpenRouter ids (meta-llama/llama-3.1-8b-instruct:free) included.
  OPENAI_MODEL: (v) => /^[\x21-\x7e]+$/.test(v) ? undefined : 'expected a model id without spaces, such as llama3.2 or gpt-4o-mini',
  AI_PROVIDERS: chainReason,
  REDIS_URL: (v) => isHttpUrl(v.replace(/^redis(s?):/, 'http$1:')) ? undefined : 'expected a redis:// or rediss:// URL with a host',
  CORS_ORIGINS: (v) => splitList(v).every((o) => o === '*' || isOrigin(o))
    ? undefined
    : 'expected * or comma-separated origins such as https://app.example.com (scheme and host, no path or trailing slash)',
  MCP_ALLOWED_ORIGINS: (v) => splitList(v).every(isOrigin)
    ? undefined
    : 'expected comma-separated origins such as https://app.example.com (scheme and host, no path or trailing slash; no *)',
  API_KEYS: (v) => splitList(v).length > 0 && splitList(v).every((k) => BEARER_TOKEN.test(k) && k.length <= 512)
    ? undefined
    : 'expected comma-separated keys of letters, digits and - . _ ~ + / = (what a Bearer token may carry)',
  RATE_LIMIT_WINDOW: (v) => rateLimitWindowMs(v) !== undefined
    ? undefined
    : 'expected a duration of 1 ms to 1 day: milliseconds, or a number with a unit (ms, s, m, h, d)',
  DATABASE_URL: (v) => v.startsWith('sqlite:')
    ? undefined
    : URL.canParse(v) && new URL(v).hostname !== '' && new URL(v).pathname.length > 1
      ? undefined
      : 'expected sqlite:<path>, sqlite::memory:, or a postgres:// URL with a host and a database name',
  JWT_JWKS_URL: (v) => isHttpUrl(v) ? undefined : 'expected an http(s) URL with a host',
  TRUST_PROXY: (v) => v === 'true' || v === 'false' || /^\d{1,3}$/.test(v) ||
    (splitList(v).length > 0 && splitList(v).every((a) => PROXY_NAMES.has(a) || isAddressOrCidr(a)))
    ? undefined
    : 'expected true, false, a hop count, or comma-separated IP addresses/CIDRs (or loopback, linklocal, uniquelocal)'
}

/** Splits a comma-separated list, dropping empty items. */
export function splitList (value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
}

/** Fastify's `trustProxy` from TRUST_PROXY: a boolean, a hop count, or a list of addresses/CIDRs. */
export function parseTrustProxy (value: string): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (value === 'true') return true
  if (value === 'false' || value === '') return false
  if (/^\d+$/.test(value)) {
    const hops = Number(value)
    return (_address, hop) => hop < hops
  }
  return splitList(value)
}

/**
 * Why tracking is off under this config, or undefined when it is on. A local
 * user (the stdio MCP server's MCP_USER_ID) is identified without API keys or
 * JWTs, so then only TRACKING=off turns it off.
 */
export function trackingOff (config: Config, localUser = false): string | undefined {
  if (config.TRACKING === 'off') return 'TRACKING=off'
  if (!localUser && config.API_KEYS === undefined && config.JWT_JWKS_URL === undefined) return 'set API_KEYS or JWT_JWKS_URL to identify users'
  return undefined
}

/** The language-model providers the config can name. */
export const PROVIDER_NAMES = ['gemini', 'openai'] as const
/** One of PROVIDER_NAMES. */
export type ProviderName = typeof PROVIDER_NAMES[number]

/** Why an AI_PROVIDERS list is not a chain, or undefined when it is. */
function chainReason (value: string): string | undefined {
  const names = splitList(value)
  // The local advisor ends every chain anyway; naming it last is allowed, anywhere else it would hide the rest.
  const named = names.at(-1) === 'local' ? names.slice(0, -1) : names
  if (names.length === 0 || !named.every((n) => (PROVIDER_NAMES as readonly string[]).includes(n))) {
    return 'expected a comma-separated list of gemini and openai, e.g. gemini,openai (local, if named, comes last)'
  }
  return new Set(named).size === named.length ? undefined : 'expected each provider once'
}

/** The providers the config asks for, in order, whether or not they can run. */
export function requestedProviders (config: Config): ProviderName[] {
  if (config.AI_PROVIDERS !== undefined) return splitList(config.AI_PROVIDERS).filter((n): n is ProviderName => n !== 'local')
  if (config.AI_PROVIDER === 'auto') return config.GEMINI_API_KEY === undefined ? [] : ['gemini']
  return config.AI_PROVIDER === 'local' ? [] : [config.AI_PROVIDER]
}

/**
 * The providers that write advice under this config, in order of preference;
 * the local advisor ends the chain. Gemini without a key is left out (the
 * server warns), as it always was under AI_PROVIDER=gemini.
 */
export function providerChain (config: Config): ProviderName[] {
  return requestedProviders(config).filter((name) => name !== 'gemini' || config.GEMINI_API_KEY !== undefined)
}
