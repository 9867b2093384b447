import type { FastifyRequest } from 'fastify'
import { problemResponses } from '../../schemas/common.js'
import { TrackingHeaders } from '../../schemas/tracking.js'
import { TrackingError } from '../tracking/errors.js'

/** The identified user of a tracking route; without one the route is a 401. */
export function userOf (request: FastifyRequest): string {
  if (request.userId === undefined) throw new TrackingError(401, 'this route needs a user: an API key with X-User-Id, or a JWT')
  return request.userId
}

/** Schema parts every tracking resource shares: tag, auth, user header and problems. */
export const trackedRoute = (...extraStatuses: number[]) => ({
  tags: ['tracking'],
  security: [{ bearerAuth: [] }],
  headers: TrackingHeaders,
  problems: problemResponses(400, 401, ...extraStatuses, 429, 503)
})
