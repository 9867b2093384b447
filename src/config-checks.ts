import { BlockList, isIP } from 'node:net'
import { parse as parseDuration } from '@lukeed/ms'

// What each variable's consumer accepts, beyond the schema's shapes; src/config.ts applies them.
// Each check returns a reason without the value (it may be a secret), or undefined.

/** The language-model providers the config can name. */
export const PROVIDER_NAMES = ['gemini', 'openai'] as const
/** One of PROVIDER_NAMES. */
export type ProviderName = typeof PROVIDER_NAMES[number]

const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/
// RFC 6750 b64token: the only characters a Bearer credential can carry.
const BEARER_TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/
// proxy-addr (Fastify's trustProxy) also accepts these named ranges.
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal'])
// Longest rate-limit window accepted: a day; longer is a misconfiguration, not a limit.
const DAY_MS = 86_400_000

/** Whether `value` is an http(s) URL with a host. */
export function isHttpUrl (value: string): boolean {
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
export const CHECKS: Partial<Record<string, (value: string) => string | undefined>> = {
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

/** Why an AI_PROVIDERS list is not a chain, or undefined when it is. */
function chainReason (value: string): string | undefined {
  const names = splitList(value)
  // The local advisor ends every chain anyway; naming it last is allowed, anywhere else it would hide the rest.
  const named = names.at(-1) === 'local' ? names.slice(0, -1) : names
  if (names.length === 0 || !named.every((n) => new Set<string>(PROVIDER_NAMES).has(n))) {
    return 'expected a comma-separated list of gemini and openai, e.g. gemini,openai (local, if named, comes last)'
  }
  return new Set(named).size === named.length ? undefined : 'expected each provider once'
}
