import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './common.js'

/** What /health says of the AI path. */
export const AI_STATES = ['available', 'degraded', 'local'] as const

/** Liveness report. */
export const Health = Type.Object({
  status: Type.Literal('healthy', { description: 'Always "healthy" while the process serves requests' }),
  timestamp: Type.String({ format: 'date-time', description: 'Server time, ISO 8601 with offset' }),
  version: Type.String({ description: 'Service version (package.json)' }),
  ai_service: StringEnum(AI_STATES, { description: 'available = Gemini in use; degraded = Gemini configured but bypassed (circuit open); local = no Gemini configured' })
}, { $id: 'Health', additionalProperties: false, description: 'Liveness report; never calls Gemini' })
/** Liveness report. */
export type Health = Static<typeof Health>

/** Readiness report. */
export const Readiness = Type.Object({
  status: StringEnum(['ready', 'starting', 'draining'] as const, { description: 'ready when serving; starting or draining answer 503' })
}, { $id: 'Readiness', additionalProperties: false, description: 'Readiness report' })
/** Readiness report. */
export type Readiness = Static<typeof Readiness>
