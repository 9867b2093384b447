import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { okResponse } from '../../schemas/common.js'
import { EntriesQuery, EntryPage, EntryParams, TrackedEntry } from '../../schemas/tracking.js'
import { EntryNotFound } from '../plugins/errors.js'
import { listEntries } from '../tracking/listing.js'
import { toWire } from '../tracking/records.js'
import { trackedRoute, userOf } from './tracked.js'

/** `GET /entries`, `GET /entries/{id}` and `DELETE /entries/{id}`: the caller's own entries only. */
export default async function entryRoutes (app: FastifyInstance) {
  const { store } = app.tracking
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  const list = trackedRoute('listEntries')
  r.get('/entries', {
    schema: {
      ...list.schema,
      response: { 200: okResponse('listEntries', 'A page of your entries', { 'application/json': Type.Ref(EntryPage) }), ...list.problems },
      summary: 'List your entries',
      description: 'Newest first by time (ties by creation order), a page at a time: pass next_cursor back as cursor. `from`/`to` without an offset are read in the profile time zone.',
      querystring: EntriesQuery
    }
  }, async (request) => {
    const q = request.query
    return await listEntries(app.tracking, userOf(request), { ...q, limit: q.limit === undefined ? undefined : Number(q.limit) })
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
    const entry = await store.getEntry(userOf(request), request.params.id)
    if (entry === undefined) throw new EntryNotFound()
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
    const deleted = await store.deleteEntry(userOf(request), request.params.id)
    if (!deleted) throw new EntryNotFound()
    return await reply.code(204).send(null)
  })
}
