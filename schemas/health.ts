import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './common.js'

/** What /health says of the AI path. */
export const AI_STATES = ['available', 'degraded', 'local'] as const

/** What /health and /ready say of the tracking database. */
export const DB_STATES = ['up', 'down', 'off'] as const

/** Liveness report. */
export const Health = Type.Object({
  status: Type.Literal('healthy', { description: 'Always "healthy" while the process serves requests' }),
  timestamp: Type.String({ format: 'date-time', maxLength: 30, description: 'Server time, ISO 8601 with offset' }),
  version: Type.String({ maxLength: 64, description: 'Service version (package.json)' }),
  ai_service: StringEnum(AI_STATES, { description: 'available = Gemini in use; degraded = Gemini configured but bypassed (circuit open); local = no Gemini configured' }),
  database: StringEnum(DB_STATES, { description: 'The tracking database: up, down (unreachable or slower than 1 s), or off when tracking is off' })
}, { $id: 'Health', additionalProperties: false, description: 'Liveness report; never calls Gemini' })
/** Liveness report. */
export type Health = Static<typeof Health>

/** Readiness report. */
export const Readiness = Type.Object({
  status: StringEnum(['ready', 'starting', 'draining'] as const, { description: 'ready when serving; starting or draining answer 503' }),
  database: StringEnum(DB_STATES, { description: 'The tracking database (up, down or off). A database outage does not make the instance unready: stateless requests still work' })
}, { $id: 'Readiness', additionalProperties: false, description: 'Readiness report' })
/** Readiness report. */
export type Readiness = Static<typeof Readiness>
