import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { ConfigError, configWarnings, loadConfig, readEnvironment, startupConfig } from '../src/config.js'

/** The lines of the ConfigError that `env` raises. */
function lines (env: Record<string, string>): string[] {
  const err = t.throws(() => loadConfig(env), JSON.stringify(env)) as ConfigError
  return err.message.split('\n')
}

t.test('JWT_JWKS_URL needs JWT_ISSUER and JWT_AUDIENCE: one line for each that is missing', async (t) => {
  const jwks = 'https://idp.example.com/.well-known/jwks.json'
  const audience = 'Invalid environment variable JWT_AUDIENCE: required with JWT_JWKS_URL: without it, a token the identity provider signed for any other app would be accepted (the aud claim to require)'
  t.same(lines({ JWT_JWKS_URL: jwks }), [
    'Invalid environment variable JWT_ISSUER: required with JWT_JWKS_URL: without it, a token the identity provider signed for any other app would be accepted (the iss claim to require)',
    audience
  ])
  t.same(lines({ JWT_JWKS_URL: jwks, JWT_ISSUER: 'https://idp.example.com/' }), [audience])
  const config = loadConfig({ JWT_JWKS_URL: jwks, JWT_ISSUER: 'https://idp.example.com/', JWT_AUDIENCE: 'health-api' })
  t.equal(config.JWT_AUDIENCE, 'health-api')
  t.same(lines({ JWT_JWKS_URL: 'idp.example.com/jwks' }).length, 1, 'a malformed JWKS URL is reported alone')
})

t.test('OPENAI_BASE_URL at api.openai.com needs OPENAI_API_KEY when the chain names openai', async (t) => {
  const reason = 'Invalid environment variable OPENAI_API_KEY: required when OPENAI_BASE_URL is api.openai.com (set OPENAI_BASE_URL to a local server such as Ollama to go without one)'
  t.same(lines({ AI_PROVIDER: 'openai', OPENAI_MODEL: 'gpt-4o-mini' }), [reason], 'the default base URL')
  t.same(lines({ AI_PROVIDERS: 'gemini,openai', OPENAI_MODEL: 'gpt-4o-mini', OPENAI_BASE_URL: 'https://api.openai.com/v1/' }), [reason])
  t.equal(loadConfig({ AI_PROVIDER: 'openai', OPENAI_MODEL: 'gpt-4o-mini', OPENAI_API_KEY: 'sk-test' }).OPENAI_API_KEY, 'sk-test')
  t.equal(loadConfig({ AI_PROVIDER: 'openai', OPENAI_MODEL: 'llama3.2', OPENAI_BASE_URL: 'http://localhost:11434/v1' }).OPENAI_API_KEY, undefined, 'Ollama takes no key')
  t.equal(loadConfig({ OPENAI_MODEL: 'gpt-4o-mini' }).OPENAI_API_KEY, undefined, 'openai not in the chain: nothing is called')
  t.same(lines({ AI_PROVIDER: 'openai' }), [
    'Invalid environment variable OPENAI_MODEL: required when the chain names openai (e.g. llama3.2 on Ollama, gpt-4o-mini on OpenAI)',
    reason
  ])
})

t.test('every bad variable gets its own line, in the order found, and none echoes its value', async (t) => {
  const err = t.throws(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', AI_PROVIDER: 'openai', AI_PROVIDERS: 'openai', RATE_LIMIT_WINDOW: 'fortnight', API_KEYS: 'has space' })) as ConfigError
  t.same(err.problems.map((p) => p.variable), ['PORT', 'AI_PROVIDERS', 'LOG_LEVEL', 'API_KEYS', 'RATE_LIMIT_WINDOW'])
  t.equal(err.variable, 'PORT')
  t.same(err.message.split('\n'), [
    'Invalid environment variable PORT: expected integer',
    'Invalid environment variable AI_PROVIDERS: set AI_PROVIDER or AI_PROVIDERS, not both',
    'Invalid environment variable LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent',
    'Invalid environment variable API_KEYS: expected comma-separated keys of letters, digits and - . _ ~ + / = (what a Bearer token may carry)',
    'Invalid environment variable RATE_LIMIT_WINDOW: expected a duration of 1 ms to 1 day: milliseconds, or a number with a unit (ms, s, m, h, d)'
  ])
  for (const value of ['eighty', 'loud', 'fortnight', 'has space']) t.notMatch(err.message, value)
})

t.test('an unknown variable with a known prefix gets a "did you mean"', async (t) => {
  t.same(configWarnings({ RATE_LIMT_MAX: '5', GEMINI_MODLE: 'x', AI_TIMEOUT: '10' }), [
    'Unknown environment variable RATE_LIMT_MAX is ignored: did you mean RATE_LIMIT_MAX?',
    'Unknown environment variable GEMINI_MODLE is ignored: did you mean GEMINI_MODEL?',
    'Unknown environment variable AI_TIMEOUT is ignored: did you mean AI_TIMEOUT_MS?'
  ])
  // Known settings, other programs' variables, and names of our prefixes that are no near miss stay quiet.
  t.same(configWarnings({ RATE_LIMIT_MAX: '5', PATH: '/bin', HOSTNAME: 'h', NODE_ENV: 'production', npm_config_cache: 'x', JWT_SECRET_FOR_OTHER_TOOL: 'x', PORTS: '1' }), [])
})

t.test('.env is read when present; the process environment wins over it', async (t) => {
  const dir = t.testdir({ '.env': '# comment\nPORT=9001\nLOG_LEVEL=debug\nRATE_LIMT_MAX=5\n', 'other.env': 'PORT=9002\n' })
  const env = readEnvironment({ LOG_LEVEL: 'warn' }, dir)
  t.equal(env.PORT, '9001')
  t.equal(env.LOG_LEVEL, 'warn', 'the process environment wins')
  t.equal(loadConfig(env).PORT, 9001)
  t.same(configWarnings(env), ['Unknown environment variable RATE_LIMT_MAX is ignored: did you mean RATE_LIMIT_MAX?'], 'its typos are caught too')
  t.equal(readEnvironment({ ENV_FILE: 'other.env' }, dir).PORT, '9002', 'ENV_FILE names another file')
  t.equal(readEnvironment({ ENV_FILE: join(dir, 'other.env') }, '/').PORT, '9002', 'absolute')
  t.equal(readEnvironment({ ENV_FILE: ' ' }, dir).PORT, '9001', 'an empty ENV_FILE is unset')
  const none = { PORT: '1' }
  t.equal(readEnvironment(none, t.testdir({})), none, 'no .env: the environment as it is')
  t.throws(() => readEnvironment({ ENV_FILE: 'missing.env' }, dir), new ConfigError([{ variable: 'ENV_FILE', reason: 'no such file (it names the env file to read; unset it to read .env when present)' }]))
  writeFileSync(join(dir, '.env'), 'JWT_JWKS_URL=https://idp.example.com/jwks\n')
  const err = t.throws(() => loadConfig(readEnvironment({}, dir)), 'the file is validated like the environment') as ConfigError
  t.equal(err.variable, 'JWT_ISSUER')
})

t.test('startupConfig: the config and its warnings; a bad variable exits 1 with its name and never its value', async (t) => {
  const before = { ...process.env }
  t.teardown(() => { process.env = before })
  process.env = { ...before, PORT: '3001', RATE_LIMT_MAX: '5' }
  const { config, warnings } = startupConfig()
  t.equal(config.PORT, 3001)
  t.same(warnings, ['Unknown environment variable RATE_LIMT_MAX is ignored: did you mean RATE_LIMIT_MAX?'])

  process.env = { ...before, PORT: 'secret-eighty' }
  const errors = t.capture(console, 'error', () => {})
  const exits = t.capture(process, 'exit', ((code: number) => { throw new Error(`exit ${code}`) }) as typeof process.exit)
  t.throws(() => startupConfig(), { message: 'exit 1' })
  t.same(exits().map((c) => c.args), [[1]])
  const printed = errors().map((c) => String(c.args[0])).join('\n')
  t.match(printed, 'PORT')
  t.notMatch(printed, 'secret-eighty')
})
