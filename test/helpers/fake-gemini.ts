import type { ServerResponse } from 'node:http'
import { send, startFakeUpstream, type FakeUpstream } from './fake-upstream.js'

/** How the fake answers. */
export type FakeMode =
  | { kind: 'ok', text?: string, delayMs?: number }
  | { kind: 'echo' }
  | { kind: 'status', status: number, retryDelay?: string, retryAfter?: string, perDay?: boolean }
  | { kind: 'bad_json' }
  | { kind: 'empty' }
  | { kind: 'safety', where?: 'prompt' | 'candidate' }
  | { kind: 'hang' }
  | { kind: 'flaky', failures: number, status?: number, text?: string }

/** A running fake Gemini API. */
export type FakeGemini = FakeUpstream<FakeMode>

/** A reply in the shape of the Gemini REST API. */
export function geminiReply (text: string) {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 120, candidatesTokenCount: 20, totalTokenCount: 140 },
    modelVersion: 'gemini-2.5-flash'
  }
}

function errorBody (status: number, retryDelay?: string, perDay?: boolean) {
  const details: object[] = []
  if (retryDelay !== undefined) details.push({ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay })
  if (perDay === true) {
    details.push({ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [{ quotaId: 'GenerateRequestsPerDayPerProjectPerModel-FreeTier' }] })
  }
  return { error: { code: status, message: `secret-upstream-text status ${status}`, status: status === 429 ? 'RESOURCE_EXHAUSTED' : 'UNAVAILABLE', details } }
}

/** The user turn of a recorded generateContent body. */
export function geminiUserText (body: Record<string, unknown>): string {
  return (body.contents as Array<{ parts: Array<{ text: string }> }>).map((c) => c.parts.map((p) => p.text).join('')).join('\n')
}

/** Starts a fake Gemini on 127.0.0.1; the real SDK talks to it over HTTP. */
export async function startFakeGemini (initial: FakeMode = { kind: 'ok' }): Promise<FakeGemini> {
  let flakyLeft = 0
  function answer (res: ServerResponse, body: Record<string, unknown>, m: FakeMode, hang: () => void) {
    switch (m.kind) {
      case 'ok': {
        const reply = () => send(res, 200, geminiReply(m.text ?? 'Great job, keep sipping water steadily through the afternoon.'))
        if (m.delayMs !== undefined) setTimeout(reply, m.delayMs)
        else reply()
        return
      }
      case 'echo': return send(res, 200, geminiReply(geminiUserText(body)))
      case 'status': {
        const headers: Record<string, string> = m.retryAfter === undefined ? {} : { 'retry-after': m.retryAfter }
        return send(res, m.status, errorBody(m.status, m.retryDelay, m.perDay), headers)
      }
      case 'bad_json': return send(res, 200, '{"candidates": [ {"content": ')
      case 'empty': return send(res, 200, { candidates: [], usageMetadata: { promptTokenCount: 10 } })
      case 'safety':
        return m.where === 'prompt'
          ? send(res, 200, { promptFeedback: { blockReason: 'SAFETY' } })
          : send(res, 200, { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH' }] }] })
      case 'hang': return hang()
      case 'flaky':
        if (flakyLeft > 0) {
          flakyLeft--
          return send(res, m.status ?? 503, errorBody(m.status ?? 503))
        }
        return send(res, 200, geminiReply(m.text ?? 'Recovered answer: drink a glass of water now.'))
    }
  }
  return await startFakeUpstream(/:generateContent$/, initial, answer, (m) => { flakyLeft = m.kind === 'flaky' ? m.failures : 0 })
}
