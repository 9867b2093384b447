import type { FastifyInstance, FastifyReply } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type TObject } from '@sinclair/typebox'
import { ADVICE_ERRORS, problemResponses } from '../../schemas/common.js'
import { LogHeaders } from '../../schemas/tracking.js'
import type { Advisor } from '../advice/advisor.js'
import type { EntryOf } from '../advice/types.js'
import type { EntryTopic } from '../tracking/tracker.js'

/** What differs between the advice routes. */
export interface AdviceRouteSpec<T extends EntryTopic> {
  topic: T
  operationId: string
  summary: string
  description: string
  entry: TObject
  advice: TObject
}

/**
 * Aborts when the client goes away before the reply is written. Fastify's
 * `request.signal` listens to the request stream's 'close', which Node emits
 * once the body has been read, so it would abort every upstream call early.
 * Built only when the advisor can cancel something (a provider chain is
 * configured): the local path is synchronous work, and a controller and a
 * listener per request would buy it nothing.
 */
export function clientGoneSignal (advisor: Advisor, reply: FastifyReply): AbortSignal | undefined {
  if (!advisor.cancellable) return undefined
  const ac = new AbortController()
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) ac.abort(new Error('client disconnected'))
  })
  return ac.signal
}

/**
 * Normalises text to Unicode NFC so "café" typed two ways is one string for
 * the parser, the cache key and the model. Only the depths the schemas allow
 * (top-level values and one level of arrays) are visited; anything deeper is
 * rejected by validation right after.
 */
export function normalizeBody (body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return
  const record = body as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') record[key] = value.normalize('NFC')
    else if (Array.isArray(value)) record[key] = value.map((v: unknown) => typeof v === 'string' ? v.normalize('NFC') : v)
  }
}

/** Registers `POST /<topic>`: validate the entry, ask the advisor (logging the entry first when a user is identified), reply. */
export function adviceRoute<T extends EntryTopic> (app: FastifyInstance, spec: AdviceRouteSpec<T>): void {
  const tracking = app.hasDecorator('tracking')
  app.withTypeProvider<TypeBoxTypeProvider>().post(`/${spec.topic}`, {
    schema: {
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: ['advice'],
      security: [{ bearerAuth: [] }, {}],
      headers: LogHeaders,
      body: Type.Ref(spec.entry),
      response: { 200: Type.Ref(spec.advice), ...problemResponses(...ADVICE_ERRORS, ...(tracking ? [409] : [])) }
    },
    preValidation: async (request) => { normalizeBody(request.body) }
  }, async (request, reply) => {
    const signal = clientGoneSignal(app.advisor, reply)
    const body = request.body as EntryOf<T>
    if (request.userId === undefined) return await app.advisor.advise(spec.topic, body, signal) as unknown as Record<string, unknown>
    const { advice, replayed } = await app.tracking.tracker.log(request.userId, spec.topic, body, { idempotencyKey: request.headers['idempotency-key'] as string | undefined, signal })
    if (replayed) reply.header('idempotent-replayed', 'true')
    return advice as unknown as Record<string, unknown>
  })
}
