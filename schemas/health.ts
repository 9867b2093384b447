import { Type, type Static } from '@sinclair/typebox'
import { StringEnum } from './common.js'

/** What /health says of the AI path. */
export const AI_STATES = ['available', 'degraded', 'local'] as const

/** What /health says of each language-model provider of the chain. */
export const PROVIDER_STATES = ['available', 'degraded'] as const

const providerState = (name: string) => Type.Optional(StringEnum(PROVIDER_STATES, { description: `${name}: available, or degraded while its circuit breaker keeps calls away (the next provider answers)` }))

/** Each configured provider of the chain; the local advisor, always there, is not listed. */
export const ProviderStates = Type.Object({
  gemini: providerState('Gemini'),
  openai: providerState('The OpenAI-compatible endpoint')
}, { $id: 'ProviderStates', additionalProperties: false, description: 'Each language-model provider of the chain (AI_PROVIDER or AI_PROVIDERS); empty when only the local advisor answers' })
/** Each configured provider of the chain. */
export type ProviderStates = Static<typeof ProviderStates>

/** What /health and /ready say of the tracking database. */
export const DB_STATES = ['up', 'down', 'off'] as const

/** Liveness report. */
export const Health = Type.Object({
  status: Type.Literal('healthy', { description: 'Always "healthy" while the process serves requests' }),
  timestamp: Type.String({ format: 'date-time', maxLength: 30, description: 'Server time, ISO 8601 with offset' }),
  version: Type.String({ maxLength: 64, description: 'Service version (package.json)' }),
  ai_service: StringEnum(AI_STATES, { description: 'The first-choice provider: available = in use; degraded = configured but bypassed (circuit open), so the next provider or the local advisor answers; local = no provider configured' }),
  providers: Type.Ref(ProviderStates),
  database: StringEnum(DB_STATES, { description: 'The tracking database: up, down (unreachable or slower than 1 s), or off when tracking is off' })
}, { $id: 'Health', additionalProperties: false, description: 'Liveness report; never calls a provider' })
/** Liveness report. */
export type Health = Static<typeof Health>

/** Readiness report. */
export const Readiness = Type.Object({
  status: StringEnum(['ready', 'starting', 'draining'] as const, { description: 'ready when serving; starting or draining answer 503' }),
  database: StringEnum(DB_STATES, { description: 'The tracking database (up, down or off). A database outage does not make the instance unready: stateless requests still work' })
}, { $id: 'Readiness', additionalProperties: false, description: 'Readiness report' })
/** Readiness report. */
export type Readiness = Static<typeof Readiness>
