import { DATE_TIME_PATTERN, MAX_FIELD_ERRORS, MAX_FIELD_LENGTH, MAX_FIELD_MESSAGE_LENGTH, TEXT_PATTERN, type FieldError } from '../../schemas/common.js'
import { SEARCH_LIMIT_PATTERN } from '../../schemas/search.js'
import { DATE_PATTERN, LIMIT_PATTERN, TIME_ZONE_PATTERN } from '../../schemas/tracking.js'
import { editDistance } from '../advice/text/spelling.js'

/** What each pattern in the schemas asks for, in words. */
const PATTERN_MESSAGES: Record<string, string> = {
  [DATE_TIME_PATTERN]: 'must be an ISO 8601 date-time, e.g. 2024-06-01T10:00:00',
  [DATE_PATTERN]: 'must be a calendar date YYYY-MM-DD, e.g. 2024-06-01',
  [LIMIT_PATTERN]: 'must be a whole number from 1 to 200',
  [SEARCH_LIMIT_PATTERN]: 'must be a whole number from 1 to 50',
  [TIME_ZONE_PATTERN]: 'must be an IANA time-zone name, e.g. Europe/Paris'
}

/** The parts of an Ajv error this module reads. */
export interface AjvError { instancePath: string, keyword: string, message?: string, params: Record<string, unknown> }

/** What the hints may look at: the parsed body and the entry schema's property names. */
export interface HintContext { body?: unknown, properties?: readonly string[] }

const EXTRA_RULE = 'must be a string (≤ 200 characters, no control characters), a finite number, a boolean, or a list of at most 20 strings or numbers'
const EMPTY = 'must not be empty or blank'

// Out-of-range values of these fields are most often the right amount in the
// wrong unit (500 mL sent as amount_liters), so the bound names the unit.
const UNIT_HINTS: Readonly<Record<string, string>> = {
  amount_liters: 'litres, not millilitres',
  weight_kg: 'kilograms, not pounds',
  temperature: '°C, not °F',
  exercise_duration: 'minutes, not seconds',
  duration_minutes: 'minutes, not seconds',
  distance_km: 'kilometres, not metres or miles',
  rest_periods: 'seconds, not minutes',
  calories_burned: 'kcal, not kJ',
  estimated_calories: 'kcal, not kJ'
}

const COMPARISONS: Readonly<Record<string, string>> = { '<=': '≤', '>=': '≥', '<': '<', '>': '>' }

/** The candidate closest to `name` (case-insensitive) when it is a plausible typo of it, else undefined. */
export function nearMiss (name: string, candidates: readonly string[]): string | undefined {
  // About one edit per four characters, at most three: "amount_litres" → amount_liters,
  // while short unrelated names ("note" vs "time") stay apart.
  const allowed = Math.min(3, Math.max(1, Math.floor(name.length / 4)))
  let best: string | undefined
  let bestDistance = allowed + 1
  for (const candidate of candidates) {
    if (candidate === name) continue
    // A swapped pair of letters is one slip of the keyboard ("litres" → liters).
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase(), allowed, { swaps: true })
    if (distance < bestDistance) { best = candidate; bestDistance = distance }
  }
  return best
}

/** The value at an Ajv instance path (JSON Pointer) in the body. */
function valueAt (body: unknown, pointer: string): unknown {
  let value = body
  for (const part of pointer.split('/').slice(1)) {
    value = value !== null && typeof value === 'object' ? Reflect.get(value, part.replace(/~1/g, '/').replace(/~0/g, '~')) : undefined
  }
  return value
}

function fieldOf (e: AjvError): string {
  const base = e.instancePath.replace(/^\//, '')
  const key = e.params.missingProperty ?? e.params.additionalProperty ?? e.params.field
  const child = key === undefined ? undefined : String(key)
  // An empty key is still a field the client sent; name it visibly.
  const named = child === '' ? '""' : child
  return [base, named].filter((p) => p !== undefined && p !== '').join('/') || '(body)'
}

function messageOf (e: AjvError, ctx: HintContext): string {
  switch (e.keyword) {
    case 'required': {
      // A required field missing beside a sent field of nearly its name is a typo.
      const missing = String(e.params.missingProperty)
      const sent = ctx.body !== null && typeof ctx.body === 'object' ? Object.keys(ctx.body).filter((k) => !(ctx.properties ?? []).includes(k)) : []
      const typo = sent.find((k) => nearMiss(k, [missing]) !== undefined)
      return typo === undefined ? 'is required' : `is required; you sent ${typo}: did you mean ${missing}?`
    }
    case 'additionalProperties': {
      const guess = nearMiss(String(e.params.additionalProperty), ctx.properties ?? [])
      return guess !== undefined
        ? `is not a known field: did you mean ${guess}?`
        : 'is not a known field, and extra context fields need a lower-case snake_case name (letters, digits, _; at most 40 characters)'
    }
    case 'enum': return `must be one of: ${[e.params.allowedValues].flat().join(', ')}`
    case 'minLength': return e.params.limit === 1 ? EMPTY : `must have at least ${String(e.params.limit)} characters`
    case 'pattern': {
      if (e.params.pattern !== TEXT_PATTERN) return PATTERN_MESSAGES[String(e.params.pattern)] ?? 'is not in the expected form'
      const value = valueAt(ctx.body, e.instancePath)
      return typeof value === 'string' && value.trim() === '' ? EMPTY : 'must not contain control characters'
    }
    case 'maximum': case 'minimum': case 'exclusiveMaximum': case 'exclusiveMinimum': {
      const bound = `must be ${COMPARISONS[String(e.params.comparison)]} ${String(e.params.limit)}`
      const hint = e.keyword.endsWith('aximum') ? UNIT_HINTS[e.instancePath.slice(e.instancePath.lastIndexOf('/') + 1)] : undefined
      return hint === undefined ? bound : `${bound} (${hint})`
    }
    case 'anyOf': return EXTRA_RULE
    default: return e.message ?? 'is invalid'
  }
}

/** `text` cut to at most `max` characters, an ellipsis marking the cut. */
export function clip (text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

/**
 * Turns Ajv errors into one `{field, message}` per field, most useful message
 * first: at most MAX_FIELD_ERRORS, each within the lengths the Problem schema
 * states (an unknown field's name is echoed as sent, and may be long).
 */
export function fieldErrors (errors: AjvError[], ctx: HintContext = {}): FieldError[] {
  const byField = new Map<string, FieldError>()
  for (const e of errors) {
    const field = fieldOf(e)
    const current = byField.get(field)
    // An extra field's union reports every branch; its anyOf summary says it best.
    if (current === undefined || e.keyword === 'anyOf') byField.set(field, { field, message: messageOf(e, ctx) })
  }
  // Branch errors of a union live under the union's own path (e.g. "note/0"); drop them when the parent failed.
  return [...byField.values()]
    .filter((fe) => ![...byField.keys()].some((k) => k !== fe.field && fe.field.startsWith(`${k}/`) && byField.get(k)?.message === EXTRA_RULE))
    .slice(0, MAX_FIELD_ERRORS)
    .map((fe) => ({ field: clip(fe.field, MAX_FIELD_LENGTH), message: clip(fe.message, MAX_FIELD_MESSAGE_LENGTH) }))
}
