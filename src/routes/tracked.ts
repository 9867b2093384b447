import type { FastifyRequest } from 'fastify'
import { problemResponses } from '../../schemas/common.js'
import { TrackingHeaders } from '../../schemas/tracking.js'
import { UserRequired } from '../plugins/errors.js'

/** The identified user of a tracking route; without one the route is a 401. */
export function userOf (request: FastifyRequest): string {
  if (request.userId === undefined) throw new UserRequired()
  return request.userId
}

/** Schema parts every tracking operation shares: its id, tag, auth and user header, and its problem responses. */
export const trackedRoute = (operationId: string, ...extraStatuses: number[]) => ({
  schema: { operationId, tags: ['tracking'], security: [{ bearerAuth: [] }], headers: TrackingHeaders },
  problems: problemResponses(operationId, [400, 401, ...extraStatuses, 429, 503])
})
