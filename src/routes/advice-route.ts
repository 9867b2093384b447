import type { FastifyInstance, FastifyReply, FastifySchema } from 'fastify'
import { Type, type TObject } from '@sinclair/typebox'
import { ADVICE_ERRORS, okResponse, problemResponses } from '../../schemas/common.js'
import { LogHeaders } from '../../schemas/tracking.js'
import type { Advisor } from '../advice/advisor.js'
import { normalizeBody } from '../advice/normalize.js'
import type { Advice, EntryOf } from '../advice/types.js'
import type { EntryTopic, LoggedAdvice } from '../tracking/tracker.js'

/**
 * A bearer key, or none: keys are required only when API_KEYS is set. Typed
 * here, since an inline array literal widens to a union @fastify/swagger's
 * type rejects; a fresh array per route, or the spec's YAML shares it by anchor.
 */
function security (): FastifySchema['security'] {
  return [{ bearerAuth: [] }, {}]
}

/** What differs between the advice routes: the topic and its entry and advice schemas. */
export interface AdviceRouteSpec<T extends EntryTopic, E extends TObject, A extends TObject> {
  topic: T
  operationId: string
  summary: string
  description: string
  entry: E
  advice: A
}

/** What the handler reads from a request: the validated entry, the identified user and the Idempotency-Key. */
export interface AdviceRequest<T extends EntryTopic> {
  body: EntryOf<T>
  userId?: string
  headers: { 'idempotency-key'?: string }
}

/**
 * Aborts when the client goes away before the reply is written. Fastify's
 * `request.signal` listens to the request stream's 'close', which Node emits
 * once the body has been read, so it would abort every upstream call early.
 * Built only when the advisor can cancel something (a provider chain is
 * configured): the local path is synchronous work, and a controller and a
 * listener per request would buy it nothing.
 */
export function clientGoneSignal (advisor: Advisor, reply: Pick<FastifyReply, 'raw'>): AbortSignal | undefined {
  if (!advisor.cancellable) return undefined
  const ac = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort(new Error('client disconnected'))
  })
  return ac.signal
}

/**
 * The route `POST /<topic>`: validate the entry, ask the advisor (logging the
 * entry first when a user is identified), reply. It is returned, not
 * registered: the route file registers it with
 * `app.withTypeProvider<TypeBoxTypeProvider>().route(…)`, where E and A are
 * concrete, so Fastify types the body from the entry schema and checks it
 * against `EntryOf<T>`, and checks the handler's answer against the 200
 * schema. Registered in here, with E and A still type parameters, Fastify's
 * conditional types cannot resolve and only a cast would compile.
 */
export function adviceRoute<T extends EntryTopic, E extends TObject, A extends TObject> (app: FastifyInstance, spec: AdviceRouteSpec<T, E, A>) {
  const tracking = app.hasDecorator('tracking')
  return {
    method: 'POST' as const,
    url: `/${spec.topic}`,
    schema: {
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: ['advice'],
      security: security(),
      headers: LogHeaders,
      body: Type.Ref(spec.entry),
      response: {
        200: okResponse(spec.operationId, String(spec.advice.description), { 'application/json': Type.Ref(spec.advice) }),
        ...problemResponses(spec.operationId, [...ADVICE_ERRORS, ...(tracking ? [409] : [])])
      }
    },
    preValidation: async (request: { body: unknown }) => { normalizeBody(request.body) },
    handler: async (request: AdviceRequest<T>, reply: Pick<FastifyReply, 'header' | 'raw'>): Promise<Advice<T> | LoggedAdvice<T>> => {
      const signal = clientGoneSignal(app.advisor, reply)
      if (request.userId === undefined) return await app.advisor.advise(spec.topic, request.body, signal)
      const { advice, replayed } = await app.tracking.tracker.log(request.userId, spec.topic, request.body, { idempotencyKey: request.headers['idempotency-key'], signal })
      if (replayed) reply.header('idempotent-replayed', 'true')
      return advice
    }
  }
}
