import type { FastifyInstance } from 'fastify'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Type, type TObject } from '@sinclair/typebox'
import { ADVICE_ERRORS, problemResponses } from '../../schemas/common.js'
import type { EntryOf, Topic } from '../advice/types.js'

/** What differs between the advice routes. */
export interface AdviceRouteSpec<T extends Topic> {
  topic: T
  operationId: string
  summary: string
  description: string
  entry: TObject
  advice: TObject
}

/** Registers `POST /<topic>`: validate the entry, ask the advisor, reply. */
export function adviceRoute<T extends Topic> (app: FastifyInstance, spec: AdviceRouteSpec<T>): void {
  app.withTypeProvider<TypeBoxTypeProvider>().post(`/${spec.topic}`, {
    schema: {
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: ['advice'],
      security: [{ bearerAuth: [] }, {}],
      body: Type.Ref(spec.entry),
      response: { 200: Type.Ref(spec.advice), ...problemResponses(...ADVICE_ERRORS) }
    }
  }, async (request) => await app.advisor.advise(spec.topic, request.body as EntryOf<T>, request.signal) as unknown as Record<string, unknown>)
}
