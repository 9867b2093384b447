import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type } from '@sinclair/typebox'
import { okResponse } from '../../schemas/common.js'
import { DaySummary, Erased, Export, Profile, ProfileInput, SummaryQuery } from '../../schemas/tracking.js'
import { isTimeZone } from '../tracking/days.js'
import { FieldValueError } from '../tracking/errors.js'
import { profileWire, toWire } from '../tracking/records.js'
import { clientGoneSignal } from './advice-route.js'
import { trackedRoute, userOf } from './tracked.js'

/** `GET|PUT|DELETE /profile`, `GET /summary` and `GET /export`: the caller's settings, days and data. */
export default async function profileRoutes (app: FastifyInstance) {
  const { store, tracker, foods } = app.tracking
  const r = app.withTypeProvider<TypeBoxTypeProvider>()

  const getDaySummary = trackedRoute('getDaySummary')
  r.get('/summary', {
    schema: {
      ...getDaySummary.schema,
      response: { 200: okResponse('getDaySummary', 'The day', { 'application/json': Type.Ref(DaySummary) }), ...getDaySummary.problems },
      summary: 'One day: totals, target, entries and a short message',
      description: 'The calendar day in the profile time zone (default: today there). The message comes from the same advisor as the advice routes: Gemini when configured, the local advisor otherwise, with the same guards.',
      querystring: SummaryQuery
    }
  }, async (request, reply) => await tracker.summary(userOf(request), request.query.date, clientGoneSignal(app.advisor, reply)))

  const getProfile = trackedRoute('getProfile')
  r.get('/profile', {
    schema: {
      ...getProfile.schema,
      response: { 200: okResponse('getProfile', 'Your profile', { 'application/json': Type.Ref(Profile) }), ...getProfile.problems },
      summary: 'Your profile',
      description: 'Weight, time zone and goals; unset fields are null (time zone: UTC).'
    }
  }, async (request) => profileWire(await tracker.profile(userOf(request))))

  const putProfile = trackedRoute('putProfile')
  r.put('/profile', {
    schema: {
      ...putProfile.schema,
      response: { 200: okResponse('putProfile', 'The profile as stored', { 'application/json': Type.Ref(Profile) }), ...putProfile.problems },
      summary: 'Replace your profile',
      description: 'Replaces the whole profile: an omitted field is unset. Entries without weight_kg then use this weight. Days are reckoned in `timezone` from now on, past entries included.',
      body: Type.Ref(ProfileInput)
    }
  }, async (request) => {
    const body = request.body
    const timezone = body.timezone ?? 'UTC'
    if (!isTimeZone(timezone)) throw new FieldValueError('body', 'timezone', 'must be an IANA time-zone name, e.g. Europe/Paris')
    const profile = {
      weight_kg: body.weight_kg ?? null,
      timezone,
      water_target_l: body.water_target_l ?? null,
      kcal_goal: body.kcal_goal ?? null,
      fiber_g_goal: body.fiber_g_goal ?? null,
      sodium_mg_limit: body.sodium_mg_limit ?? null,
      sugars_g_limit: body.sugars_g_limit ?? null
    }
    await store.putProfile(userOf(request), profile, Date.now())
    return profile
  })

  const deleteProfile = trackedRoute('deleteProfile')
  r.delete('/profile', {
    schema: {
      ...deleteProfile.schema,
      response: { 200: okResponse('deleteProfile', 'Erased', { 'application/json': Type.Ref(Erased) }), ...deleteProfile.problems },
      summary: 'Erase yourself',
      description: 'Erases the profile, every entry, your foods and recipes, and every stored Idempotency-Key answer. It cannot be undone.'
    }
  }, async (request) => {
    const user = userOf(request)
    const deleted = await store.deleteUser(user)
    foods.forget(user)
    return { deleted_entries: deleted }
  })

  const exportData = trackedRoute('exportData')
  r.get('/export', {
    schema: {
      ...exportData.schema,
      response: {
        200: okResponse('exportData', 'The profile and every entry', {
          'application/json': Type.Ref(Export),
          'application/x-ndjson': Type.String({ description: 'Newline-delimited JSON: one {"profile": …} line, one {"food": …} line per UserFood, then one TrackedEntry per line' })
        }),
        ...exportData.problems
      },
      summary: 'Everything stored about you',
      description: 'JSON by default; with `Accept: application/x-ndjson`, one `{"profile": …}` line, one `{"food": …}` line per food, and then one entry per line, streamed.'
    }
  }, async (request, reply) => {
    const user = userOf(request)
    const profile = profileWire(await tracker.profile(user))
    const saved = await foods.all(user)
    if (/\bapplication\/x-ndjson\b/i.test(request.headers.accept ?? '')) {
      async function * lines () {
        yield `${JSON.stringify({ profile })}\n`
        for (const food of saved) yield `${JSON.stringify({ food })}\n`
        for await (const entry of store.allEntries(user)) yield `${JSON.stringify(toWire(entry))}\n`
      }
      // A stream is sent as is, without the JSON schema serializer; the type provider types
      // send() by the 200 JSON schema, which cannot describe a stream.
      return await reply.type('application/x-ndjson').send(Readable.from(lines()) as never)
    }
    const entries = []
    for await (const entry of store.allEntries(user)) entries.push(toWire(entry))
    return { profile, entries, foods: saved, exported_at: new Date().toISOString() }
  })
}
