import { fieldOf } from '../thrown.js'

/** The database cannot serve now (down, unreachable, locked, out of space or time); the request may be retried. */
export class DatabaseUnavailableError extends Error {
  readonly reason: string
  constructor (reason: string) {
    super('the database is unavailable')
    this.name = 'DatabaseUnavailableError'
    this.reason = reason
  }
}

/**
 * What a tracking request got wrong, in the domain's terms: the request is
 * invalid, names no user where one is needed, asks for something that does
 * not exist, or conflicts with what is stored. Each face of the service maps
 * the kind to its own answer (an HTTP status, an MCP tool error).
 */
export type TrackingErrorKind = 'invalid' | 'no_user' | 'not_found' | 'conflict' | 'unprocessable'

/** Why an Idempotency-Key could not be honoured: used with another body, its entry since deleted, or its first request still running. */
export type IdempotencyCode = 'key_reused' | 'key_entry_deleted' | 'key_in_progress'

/** A tracking request the client must change; its message is safe to show. */
export class TrackingError extends Error {
  readonly kind: TrackingErrorKind
  readonly retryAfterS: number | undefined
  /** Which idempotency rule refused the request, for faces that word it themselves. */
  readonly code: IdempotencyCode | undefined
  constructor (kind: TrackingErrorKind, message: string, options: { retryAfterS?: number, code?: IdempotencyCode } = {}) {
    super(message)
    this.name = 'TrackingError'
    this.kind = kind
    this.retryAfterS = options.retryAfterS
    this.code = options.code
  }
}

/**
 * A field that has the right shape but names nothing real (31 February, an
 * unknown time zone): a validation error naming the field, like a schema error.
 * Of kind `unprocessable` when the field is valid but cannot be used (a recipe
 * that names no known food).
 */
export class FieldValueError extends TrackingError {
  readonly field: string
  readonly reason: string
  constructor (part: 'body' | 'query', field: string, reason: string, kind: 'invalid' | 'unprocessable' = 'invalid') {
    super(kind, `${kind === 'invalid' ? 'Invalid' : 'Unusable'} request ${part}: ${field} ${reason}`)
    this.name = 'FieldValueError'
    this.field = field
    this.reason = reason
  }
}

// Postgres SQLSTATE classes and codes that mean "not now" rather than "wrong":
// 08 connection exception, 53 insufficient resources, 57P0x shutdown/starting,
// 57014 statement timeout, 40001/40P01 serialization failure and deadlock.
const PG_TRANSIENT = /^(08|53|57P0)|^(57014|40001|40P01)$/
// Node socket errors and node-postgres's own connection messages.
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'EAI_AGAIN'])
const PG_MESSAGES = /timeout exceeded when trying to connect|Connection terminated|not queryable|Query read timeout|Cannot use a pool after calling end/i
// SQLite result codes for a busy, unwritable or vanished database file.
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL|NOMEM)/

/** Whether an error is a unique or primary-key violation (Postgres 23505, SQLite SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE). */
export function isUniqueViolation (err: unknown): boolean {
  const code = fieldOf(err, 'code')
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE'
}

/** The error to raise for a database failure: transient ones become DatabaseUnavailableError, the rest pass through. */
export function asDatabaseError (err: unknown): unknown {
  if (err instanceof DatabaseUnavailableError || !(err instanceof Error)) return err
  const code = fieldOf(err, 'code')
  if (typeof code === 'string') {
    if (NET_CODES.has(code) || SQLITE_TRANSIENT.test(code)) return new DatabaseUnavailableError(code)
    if (/^[0-9A-Z]{5}$/.test(code) && PG_TRANSIENT.test(code)) return new DatabaseUnavailableError(code)
  }
  if (PG_MESSAGES.test(err.message) || /database (connection )?is not open|driver has already been destroyed/i.test(err.message)) return new DatabaseUnavailableError('connection')
  return err
}

/** Why a bearer token was refused; logged, never returned to the client. */
export class TokenRejectedError extends Error {
  constructor (reason: string) {
    super(reason)
    this.name = 'TokenRejectedError'
  }
}

/** The JWKS could not be fetched and no key is cached: tokens cannot be checked now. */
export class JwksUnavailableError extends Error {
  constructor () {
    super('the JWKS is unavailable and no key is cached')
    this.name = 'JwksUnavailableError'
  }
}
