import { Type, type Static, type TProperties, type TSchema } from '@sinclair/typebox'
import recorded from './examples.json' with { type: 'json' }

/** Effort levels shared by /water (`activity_level`) and /gym (`intensity`). */
export const LEVELS = ['low', 'moderate', 'high'] as const
/** One of LEVELS. */
export type Level = typeof LEVELS[number]

/** Who wrote an advice message. */
export const SOURCES = ['gemini', 'openai', 'local'] as const
/** One of SOURCES. */
export type Source = typeof SOURCES[number]

/** A string enum built from an `as const` list, so the 400 can list the values. */
export function StringEnum<T extends readonly string[]> (values: T, options: { description: string }) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options })
}

/**
 * ISO 8601 date-time, with or without a UTC offset: the original API's own
 * examples send "2024-06-01T10:00:00". Ajv's `date-time` format demands an
 * offset, so a pattern does the job.
 */
/** ISO 8601 date-time, with or without a UTC offset (see DateTime). */
export const DATE_TIME_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])[T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]([01]\\d|2[0-3]):?[0-5]\\d)?$'

export const DateTime = (description: string) => Type.String({
  maxLength: 35,
  pattern: DATE_TIME_PATTERN,
  description,
  examples: ['2024-06-01T10:00:00']
})

/**
 * Free text that is not blank and has no control characters: C0/C1 controls
 * (tab, LF and CR aside), and the bidirectional overrides used to make text
 * read differently than it is stored ("Trojan Source", CVE-2021-42574).
 */
export const TEXT_PATTERN = '^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$'

/** Bounded free text. */
export const Text = (maxLength: number, description: string) =>
  Type.String({ minLength: 1, maxLength, pattern: TEXT_PATTERN, description })

/** A bounded list of short strings. */
export const TextList = (description: string, maxItems = 20, maxLength = 100) =>
  Type.Array(Type.String({ minLength: 1, maxLength, pattern: TEXT_PATTERN }), { maxItems, description })

/** Most extra context fields in one body. */
export const MAX_EXTRA_FIELDS = 20

const ExtraScalar = Type.Union([
  Type.String({ maxLength: 200, pattern: TEXT_PATTERN }),
  Type.Number(),
  Type.Boolean()
])

/** The value of one extra context field: a short string, a finite number, a boolean, or a short list. */
export const ExtraValue = Type.Union([
  ExtraScalar,
  Type.Array(Type.Union([Type.String({ maxLength: 200, pattern: TEXT_PATTERN }), Type.Number()]), { maxItems: 20 })
], { description: 'Extra context passed to the model; never used for the numbers' })

/**
 * A request entry: the documented fields, plus at most 20 extra context
 * fields of bounded shape (docs/api.md). The extra-name pattern excludes the
 * documented names so each of those is checked only against its own schema.
 * JSON Schema cannot count only the properties that `properties` does not
 * name, so `x-max-extra-properties` is enforced by our Ajv keyword
 * (src/http/ajv-keywords.ts).
 */
export function Entry<T extends TProperties> (id: string, properties: T, options: { description: string, example: Record<string, unknown> }) {
  const documented = Object.keys(properties).join('|')
  return Type.Object(properties, {
    $id: id,
    description: options.description,
    additionalProperties: false,
    patternProperties: { [`^(?!(?:${documented})$)[a-z][a-z0-9_]{0,39}$`]: ExtraValue },
    'x-max-extra-properties': MAX_EXTRA_FIELDS,
    examples: [options.example]
  })
}

/** Short notes: assumptions and unknowns behind the numbers. */
export const Notes = Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50, description: 'Assumptions and unknowns behind the numbers' })
/** Citations for the constants used. */
export const Sources = Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50, description: 'Citations for the constants used, e.g. "USDA FDC 171287"' })

/** A number or null, with its unit in the description. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** The success envelope shared by all advice responses. */
export function adviceEnvelope<T extends TSchema> (id: string, facts: T, description: string) {
  return Type.Object({
    message: Type.String({ maxLength: 300, description: 'At most 25 words of plain-text advice' }),
    source: StringEnum(SOURCES, { description: 'Who wrote the words: gemini, openai (any OpenAI-compatible model) or the built-in local advisor' }),
    degraded: Type.Boolean({ description: 'true when the first-choice provider did not write the words: another provider of the chain or the local advisor did' }),
    entry_id: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'The stored entry, when the request identified a user (tracking)' })),
    facts
  }, { $id: id, additionalProperties: false, description })
}

/** Longest `field` of a FieldError; longer names (an unknown field's, as sent) are clipped. */
export const MAX_FIELD_LENGTH = 200
/** Longest `message` of a FieldError. */
export const MAX_FIELD_MESSAGE_LENGTH = 300
/** Most FieldErrors in one problem: a body can name thousands of unknown fields. */
export const MAX_FIELD_ERRORS = 50
/** Longest problem `detail`; a 404 quoting a 16 KB path is clipped. */
export const MAX_DETAIL_LENGTH = 3000

/** One bad field in a validation problem. */
export const FieldError = Type.Object({
  field: Type.String({ maxLength: MAX_FIELD_LENGTH, description: 'JSON path of the field, e.g. "amount_liters" or "equipment_used/2"; "(body)" for the body as a whole' }),
  message: Type.String({ maxLength: MAX_FIELD_MESSAGE_LENGTH, description: 'What is wrong with it' })
}, { $id: 'FieldError', additionalProperties: false, description: 'One invalid field' })
/** One bad field in a validation problem. */
export type FieldError = Static<typeof FieldError>

/** RFC 9457 problem details, used for every 4xx and 5xx. */
export const Problem = Type.Object({
  type: Type.String({ format: 'uri-reference', maxLength: 100, description: 'URI reference naming the problem type, e.g. "/problems/validation-error" (docs/api.md lists them)' }),
  title: Type.String({ maxLength: 100, description: 'Short summary of the problem type' }),
  status: Type.Integer({ format: 'int32', minimum: 400, maximum: 599, description: 'HTTP status code' }),
  detail: Type.String({ maxLength: MAX_DETAIL_LENGTH, description: 'Human-readable explanation of this occurrence' }),
  instance: Type.Optional(Type.String({ format: 'uuid', maxLength: 36, description: 'Request id, to quote when reporting a problem' })),
  errors: Type.Optional(Type.Array(Type.Ref(FieldError), { maxItems: MAX_FIELD_ERRORS, description: 'Each invalid field (validation errors only; at most 50)' }))
}, {
  $id: 'Problem',
  additionalProperties: false,
  description: 'RFC 9457 problem details (application/problem+json)'
})
/** RFC 9457 problem details. */
export type Problem = Static<typeof Problem>

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Malformed JSON or a field that breaks the schema; `errors` names each field',
  401: 'Missing or wrong bearer token (only when API keys are configured), or a tracking route without a user',
  404: 'No such entry or food of yours',
  409: 'The Idempotency-Key was already used with another body, or a food name is taken or the food limit reached',
  413: 'Body larger than the limit',
  415: 'Body is not application/json',
  422: 'Well-formed but unusable: a recipe that names no food the service recognizes; `errors` names the field',
  429: 'Rate limit exceeded; see Retry-After',
  502: 'Gemini failed and fallback is disabled',
  503: 'Overloaded, shutting down, or a dependency (Gemini without fallback, the database) unavailable; see Retry-After',
  504: 'Gemini timed out and fallback is disabled'
}

/** Examples recorded from the running app by `npm run examples` (scripts/record-examples.ts). */
type RecordedExamples = Record<string, Record<string, Record<string, Record<string, { summary: string, value: unknown }>>>>
const EXAMPLES = recorded as RecordedExamples

/** The recorded examples of one response, as an OpenAPI media type's `examples` (none until recorded). */
export function examplesOf (operationId: string, status: number, mediaType: string) {
  const found = EXAMPLES[operationId]?.[String(status)]?.[mediaType]
  return found === undefined ? {} : { examples: found }
}

const int32 = (minimum: number, maximum: number, description: string) => Type.Integer({ format: 'int32', minimum, maximum, description })

// Response headers are documentation only: Fastify serializes the body from
// `content` and ignores `headers`; @fastify/swagger turns them into response
// headers. Each is one the app sends (test/plugins/docs-headers.test.ts).

/** Sent on every response by @fastify/cors. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': Type.String({ maxLength: 4096, pattern: '^\\S+$', description: '"*" when CORS_ORIGINS is * (the default); the request\'s Origin when CORS_ORIGINS lists it; absent for any other origin' })
}

/** Sent on every answer of a rate-limited route by @fastify/rate-limit (IETF RateLimit header draft), unless RATE_LIMIT_MAX=0. */
export const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': int32(1, 1_000_000, 'Requests allowed per window (RATE_LIMIT_MAX) per API key, or per client IP without one'),
  'RateLimit-Remaining': int32(0, 1_000_000, 'Requests left in the current window'),
  'RateLimit-Reset': int32(0, 86_400, 'Seconds until the window resets (RATE_LIMIT_WINDOW is at most 1 day)')
}

const RETRY_AFTER = { 'Retry-After': int32(0, 86_400, 'Seconds to wait before retrying') }
const STATUS_HEADERS: Record<number, Record<string, TSchema>> = {
  401: { 'WWW-Authenticate': Type.Literal('Bearer realm="health-tracker-api"', { description: 'The scheme to authenticate with' }) },
  429: RETRY_AFTER,
  503: RETRY_AFTER
}

/** The headers of one response of a route: CORS always, the rate limit on its 2xx and 4xx, and the status's own. */
function headersOf (status: number, rateLimited: boolean) {
  return { ...CORS_HEADERS, ...(rateLimited && status < 500 ? RATE_LIMIT_HEADERS : {}), ...STATUS_HEADERS[status] }
}

/** A success response: its schema per media type, its headers, and the examples recorded for it. */
export function okResponse<C extends Record<string, TSchema>> (operationId: string, description: string, content: C, options: { status?: number, rateLimited?: boolean } = {}) {
  const status = options.status ?? 200
  return {
    description,
    headers: headersOf(status, options.rateLimited ?? true),
    content: Object.fromEntries(Object.entries(content).map(([type, schema]) => [type, { schema, ...examplesOf(operationId, status, type) }])) as { [K in keyof C]: { schema: C[K] } }
  }
}

/** Response schemas for the given error statuses of a route, all RFC 9457 problem documents, with their headers and recorded examples. */
export function problemResponses (operationId: string, statuses: readonly number[], options: { rateLimited?: boolean } = {}) {
  return Object.fromEntries(statuses.map((status) => [status, {
    description: PROBLEM_DESCRIPTIONS[status],
    headers: headersOf(status, options.rateLimited ?? true),
    content: { 'application/problem+json': { schema: Type.Ref(Problem), ...examplesOf(operationId, status, 'application/problem+json') } }
  }]))
}

/** The error statuses an advice route can answer. */
export const ADVICE_ERRORS = [400, 401, 413, 415, 429, 502, 503, 504] as const
