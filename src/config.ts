import { existsSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseEnv } from 'node:util'
import { Type, TypeGuard, type Static } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { CHECKS, splitList, type ProviderName } from './config-checks.js'
import { nearMiss } from './http/field-errors.js'

export { isAddressOrCidr, PROVIDER_NAMES, rateLimitWindowMs, splitList, type ProviderName } from './config-checks.js'

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
  OPENAI_MAX_TOKENS: Type.Optional(Type.Integer({ minimum: 16, maximum: 32_768, description: 'Token budget of one OpenAI-compatible reply; unset: 120, or 2048 for reasoning models (o-series, gpt-5*), whose hidden reasoning counts against it' })),
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

/** One bad variable: its name and what it accepts, never its value (it may be a secret). */
export interface ConfigProblem { variable: string, reason: string }

/** Bad environment values: one line per variable, naming it and never its value. */
export class ConfigError extends Error {
  /** The first bad variable. */
  readonly variable: string
  readonly problems: ConfigProblem[]
  constructor (problems: ConfigProblem[]) {
    super(problems.map((p) => `Invalid environment variable ${p.variable}: ${p.reason}`).join('\n'))
    this.name = 'ConfigError'
    this.variable = problems[0].variable
    this.problems = problems
  }
}

/** Whether `name` is one of the service's variables, a key of the schema. */
function isConfigKey (name: string): name is keyof Config {
  return Object.hasOwn(ConfigSchema.properties, name)
}

/** The schema's variables, in its order. */
const KEYS = Object.keys(ConfigSchema.properties).filter(isConfigKey)

/** Reads, converts and validates the environment; throws one ConfigError listing every bad variable. */
export function loadConfig (env: Record<string, string | undefined>): Config {
  const problems = new Map<string, string>()
  // The first reason found for a variable is the one reported.
  const problem = (variable: string, reason: string) => { if (!problems.has(variable)) problems.set(variable, reason) }
  const raw: Partial<Record<keyof Config, string>> = {}
  for (const key of KEYS) {
    const value = env[key]
    // An empty variable means "unset", as in most shells' `FOO= cmd`.
    if (value !== undefined && value.trim() !== '') raw[key] = value.trim()
  }
  // TypeBox's Convert truncates: "1.5" and "1e9" would both load as 1. Only
  // plain decimal digits may become numbers.
  for (const key of KEYS) {
    const value = raw[key]
    const schema = ConfigSchema.properties[key]
    if (value === undefined) continue
    if (TypeGuard.IsInteger(schema) && !/^-?\d+$/.test(value)) problem(key, 'expected integer')
    if (TypeGuard.IsNumber(schema) && !/^-?(\d+(\.\d*)?|\.\d+)$/.test(value)) problem(key, 'expected number')
  }
  // AI_PROVIDER has a default, so only the environment tells whether it was
  // set; asked before Value.Default fills the defaults in.
  if (raw.AI_PROVIDER !== undefined && raw.AI_PROVIDERS !== undefined) problem('AI_PROVIDERS', 'set AI_PROVIDER or AI_PROVIDERS, not both')
  // A variable already reported is left to its default, so the others are still checked.
  const dropReported = () => { for (const key of KEYS) if (problems.has(key)) delete raw[key] }
  dropReported()
  for (const error of Value.Errors(ConfigSchema, Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw)))) {
    // A top-level error's path is /<variable>; an enum's schema is a union of constants.
    const variable = error.path.split('/')[1]
    const schema = isConfigKey(variable) ? ConfigSchema.properties[variable] : undefined
    const choices = TypeGuard.IsUnion(schema) ? schema.anyOf.filter(TypeGuard.IsLiteral).map((c) => c.const) : []
    problem(variable, choices.length === 0 ? error.message.toLowerCase() : `expected one of ${choices.join(', ')}`)
  }
  dropReported()
  // What is left holds only valid values; each dropped one falls back to its default.
  const config = Value.Parse(ConfigSchema, raw)
  // The schema checks shapes; these check what each value's consumer accepts,
  // so a value that would only fail on the first request fails at start.
  for (const variable of KEYS) {
    const value = config[variable]
    const check = CHECKS[variable]
    const reason = check !== undefined && typeof value === 'string' && !problems.has(variable) ? check(value) : undefined
    if (reason !== undefined) problem(variable, reason)
  }
  for (const { variable, reason } of combinationProblems(config, new Set(problems.keys()))) problem(variable, reason)
  if (problems.size > 0) throw new ConfigError([...problems].map(([variable, reason]) => ({ variable, reason })))
  return config
}

/**
 * The variables the service runs with: the process environment over the
 * variables of an env file, `ENV_FILE` or `.env` in `cwd` (a missing `.env` is
 * no error: the file is optional). Read here so that config stays in one place;
 * `util.parseEnv` (Node ≥ 20.12) rather than `process.loadEnvFile`, so nothing
 * else can come to read the file's values through process.env.
 */
export function readEnvironment (processEnv: Record<string, string | undefined> = process.env, cwd = process.cwd()): Record<string, string | undefined> {
  const named = processEnv.ENV_FILE?.trim()
  const file = resolve(cwd, named === undefined || named === '' ? '.env' : named)
  if (!existsSync(file)) {
    if (named === undefined || named === '') return processEnv
    throw new ConfigError([{ variable: 'ENV_FILE', reason: 'no such file (it names the env file to read; unset it to read .env when present)' }])
  }
  return { ...parseEnv(readFileSync(file, 'utf8')), ...processEnv }
}

// Prefixes of the service's own variables ("RATE_", "AI_", "JWT_" …): an unknown
// name that starts with one is most likely a misspelt setting.
const PREFIXES = new Set(KEYS.filter((k) => k.includes('_')).map((k) => k.slice(0, k.indexOf('_') + 1)))

/** One warning per unknown variable that looks like a misspelt setting (`RATE_LIMT_MAX`): it would be ignored silently. */
export function configWarnings (env: Record<string, string | undefined>): string[] {
  const warnings: string[] = []
  for (const name of Object.keys(env)) {
    if (new Set<string>(KEYS).has(name) || !PREFIXES.has(name.slice(0, name.indexOf('_') + 1))) continue
    // A setting without its unit (AI_TIMEOUT for AI_TIMEOUT_MS) is a miss too.
    const guess = nearMiss(name, KEYS) ?? KEYS.find((k) => k === `${name}_MS` || k === `${name}_S`)
    if (guess !== undefined) warnings.push(`Unknown environment variable ${name} is ignored: did you mean ${guess}?`)
  }
  return warnings
}

/** Settings that are each valid but wrong together; a variable already reported (`bad`) is not judged again. */
function combinationProblems (config: Config, bad: Set<string>): ConfigProblem[] {
  const found: ConfigProblem[] = []
  const openai = providerChain(config).includes('openai') && !bad.has('AI_PROVIDER') && !bad.has('AI_PROVIDERS')
  if (openai && config.OPENAI_MODEL === undefined) {
    found.push({ variable: 'OPENAI_MODEL', reason: 'required when the chain names openai (e.g. llama3.2 on Ollama, gpt-4o-mini on OpenAI)' })
  }
  // api.openai.com answers every call without a key with a 401: fail at start, not on each request.
  if (openai && config.OPENAI_API_KEY === undefined && !bad.has('OPENAI_BASE_URL') && new URL(config.OPENAI_BASE_URL).hostname === 'api.openai.com') {
    found.push({ variable: 'OPENAI_API_KEY', reason: 'required when OPENAI_BASE_URL is api.openai.com (set OPENAI_BASE_URL to a local server such as Ollama to go without one)' })
  }
  // Without both claims checked, any token the identity provider signs, for any of its apps, would pass.
  if (config.JWT_JWKS_URL !== undefined && !bad.has('JWT_JWKS_URL')) {
    for (const claim of ['JWT_ISSUER', 'JWT_AUDIENCE'] as const) {
      if (config[claim] === undefined) found.push({ variable: claim, reason: `required with JWT_JWKS_URL: without it, a token the identity provider signed for any other app would be accepted (the ${claim === 'JWT_ISSUER' ? 'iss' : 'aud'} claim to require)` })
    }
  }
  return found
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

/**
 * What an entry point starts from: the configuration read from the environment (and `.env`), and the
 * warnings about it. A bad setting exits the process with one line per bad variable, naming it and
 * never its value (it may be a secret).
 */
export function startupConfig (): { config: Config, warnings: string[] } {
  try {
    const env = readEnvironment()
    return { config: loadConfig(env), warnings: configWarnings(env) }
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : 'Invalid configuration')
    process.exit(1)
  }
}
