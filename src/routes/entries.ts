import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { okResponse } from '../../schemas/common.js'
import { EntriesQuery, EntryPage, EntryParams, TrackedEntry } from '../../schemas/tracking.js'
import { TrackingError } from '../tracking/errors.js'
import { decodeCursor } from '../tracking/store.js'
import { toWire } from '../tracking/tracker.js'
import { trackedRoute, userOf } from './tracked.js'

const DEFAULT_LIMIT = 50

/** `GET /entries`, `GET /entries/{id}` and `DELETE /entries/{id}`: the caller's own entries only. */
export default async function entryRoutes (app: FastifyInstance) {
  const { store, tracker } = app.tracking
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  const listEntries = trackedRoute('listEntries')
  r.get('/entries', {
    schema: {
      ...listEntries.schema,
      response: { 200: okResponse('listEntries', 'A page of your entries', { 'application/json': Type.Ref(EntryPage) }), ...listEntries.problems },
      summary: 'List your entries',
      description: 'Newest first by time (ties by creation order), a page at a time: pass next_cursor back as cursor. `from`/`to` without an offset are read in the profile time zone.',
      querystring: EntriesQuery
    }
  }, async (request) => {
    const user = userOf(request)
    const q = request.query as EntriesQuery
    const cursor = q.cursor === undefined ? undefined : decodeCursor(q.cursor)
    if (q.cursor !== undefined && cursor === undefined) throw new TrackingError(400, 'cursor is not a next_cursor this API issued')
    const zone = (q.from ?? q.to) === undefined ? 'UTC' : (await tracker.profile(user)).timezone
    const page = await store.listEntries(user, {
      from: q.from === undefined ? undefined : tracker.instantOf(q.from, zone),
      to: q.to === undefined ? undefined : tracker.instantOf(q.to, zone),
      topic: q.topic,
      limit: q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit),
      cursor
    })
    return { items: page.items.map(toWire), next_cursor: page.next }
  })

  const getEntry = trackedRoute('getEntry', 404)
  r.get('/entries/:id', {
    schema: {
      ...getEntry.schema,
      response: { 200: okResponse('getEntry', 'The entry', { 'application/json': Type.Ref(TrackedEntry) }), ...getEntry.problems },
      summary: 'One of your entries',
      description: 'Another user\'s entry, like a missing one, is a 404.',
      params: EntryParams
    }
  }, async (request) => {
    const entry = await store.getEntry(userOf(request), (request.params as EntryParams).id)
    if (entry === undefined) throw new TrackingError(404, 'no such entry')
    return toWire(entry)
  })

  const deleteEntry = trackedRoute('deleteEntry', 404)
  r.delete('/entries/:id', {
    schema: {
      ...deleteEntry.schema,
      response: { 204: Type.Null({ description: 'Deleted', headers: okResponse('deleteEntry', 'Deleted', {}, { status: 204 }).headers }), ...deleteEntry.problems },
      summary: 'Delete a mistaken entry',
      description: 'The day\'s totals follow. Another user\'s entry, like a missing one, is a 404.',
      params: EntryParams
    }
  }, async (request, reply) => {
    const deleted = await store.deleteEntry(userOf(request), (request.params as EntryParams).id)
    if (!deleted) throw new TrackingError(404, 'no such entry')
    return await reply.code(204).send(null)
  })
}
