import type { ServerResponse } from 'node:http'
import { send, startFakeUpstream, type FakeUpstream } from './fake-upstream.js'

/** How the fake OpenAI-compatible server answers. */
export type FakeOpenAIMode =
  | { kind: 'ok', text?: string, delayMs?: number, reasoning?: string }
  | { kind: 'echo' }
  | { kind: 'status', status: number, headers?: Record<string, string>, code?: string }
  | { kind: 'bad_json' }
  | { kind: 'no_choices' }
  | { kind: 'empty' }
  | { kind: 'finish', reason: 'content_filter' | 'length', text?: string }
  | { kind: 'refusal' }
  | { kind: 'hang' }
  | { kind: 'flaky', failures: number, status?: number, text?: string }

/** A running fake OpenAI-compatible chat-completions API. */
export type FakeOpenAI = FakeUpstream<FakeOpenAIMode>

/** A chat completion in the shape OpenAI, Ollama and vLLM return. */
export function chatReply (content: string | null, finishReason = 'stop', extra: Record<string, unknown> = {}) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_767_225_600,
    model: 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, ...extra }, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 150, completion_tokens: 25, total_tokens: 175 }
  }
}

/** The system and user turns of a recorded chat-completions body. */
export function chatTurns (body: Record<string, unknown>): { system: string, user: string } {
  const messages = body.messages as Array<{ role: string, content: string }>
  const of = (role: string) => messages.filter((m) => m.role === role).map((m) => m.content).join('\n')
  return { system: of('system'), user: of('user') }
}

function errorBody (status: number, code?: string) {
  return { error: { message: `secret-upstream-text status ${status}`, type: status === 429 ? 'rate_limit_error' : 'server_error', param: null, code: code ?? null } }
}

/**
 * The 400 api.openai.com sends when a request to one of its reasoning models
 * (o-series, gpt-5*; also behind a vendor prefix) carries `max_tokens` or a
 * temperature other than the default 1, or undefined when the body is one it takes.
 */
export function reasoningModelRefusal (body: Record<string, unknown>): object | undefined {
  const model = String(body.model ?? '')
  if (!/^(o\d|gpt-5)/i.test(model.slice(model.lastIndexOf('/') + 1))) return undefined
  if ('max_tokens' in body) {
    return { error: { message: 'Unsupported parameter: \'max_tokens\' is not supported with this model. Use \'max_completion_tokens\' instead.', type: 'invalid_request_error', param: 'max_tokens', code: 'unsupported_parameter' } }
  }
  if ('temperature' in body && body.temperature !== 1) {
    return { error: { message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`, type: 'invalid_request_error', param: 'temperature', code: 'unsupported_value' } }
  }
  return undefined
}

/** Starts a fake OpenAI-compatible server on 127.0.0.1 (POST /v1/chat/completions); the real `openai` SDK talks to it. */
export async function startFakeOpenAI (initial: FakeOpenAIMode = { kind: 'ok' }): Promise<FakeOpenAI> {
  let flakyLeft = 0
  function answer (res: ServerResponse, body: Record<string, unknown>, m: FakeOpenAIMode, hang: () => void) {
    const refusal = reasoningModelRefusal(body)
    if (refusal !== undefined) return send(res, 400, refusal)
    switch (m.kind) {
      case 'ok': {
        const extra = m.reasoning === undefined ? {} : { reasoning_content: m.reasoning }
        const reply = () => send(res, 200, chatReply(m.text ?? 'Great job, keep sipping water steadily through the afternoon.', 'stop', extra))
        if (m.delayMs !== undefined) setTimeout(reply, m.delayMs)
        else reply()
        return
      }
      case 'echo': return send(res, 200, chatReply(chatTurns(body).user))
      case 'status': return send(res, m.status, errorBody(m.status, m.code), m.headers)
      case 'bad_json': return send(res, 200, '{"choices": [ {"message": ')
      case 'no_choices': return send(res, 200, { id: 'chatcmpl-fake', object: 'chat.completion' })
      case 'empty': return send(res, 200, { ...chatReply(''), choices: [] })
      case 'finish': return send(res, 200, chatReply(m.text ?? '', m.reason))
      case 'refusal': return send(res, 200, chatReply(null, 'stop', { refusal: 'I cannot help with that.' }))
      case 'hang': return hang()
      case 'flaky':
        if (flakyLeft > 0) {
          flakyLeft--
          return send(res, m.status ?? 503, errorBody(m.status ?? 503))
        }
        return send(res, 200, chatReply(m.text ?? 'Recovered answer: drink a glass of water now.'))
    }
  }
  return await startFakeUpstream(/^\/v1\/chat\/completions$/, initial, answer, (m) => { flakyLeft = m.kind === 'flaky' ? m.failures : 0 })
}
