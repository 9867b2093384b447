import { Type } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { ApiError, GoogleGenAI, type GenerateContentResponse } from '@google/genai'
import { ProviderError } from '../errors.js'
import { outcomeOfStatus } from '../policy.js'
import { SYSTEM_INSTRUCTION, userPrompt } from '../prompts.js'
import { parseDuration } from '../retry-hint.js'
import type { AdviceProvider, ProviderReply, ProviderRequest } from '../../types.js'
import { createPool, pooledFetch, type SeenHint } from './pool.js'
import { fieldOf } from '../../../thrown.js'

/** Settings of the pooled Gemini client. */
export interface GeminiOptions {
  apiKey: string
  model: string
  baseUrl: string
  /** Connection cap of the keep-alive pool; matches the concurrency limit. */
  maxConnections: number
}

/** Generation settings: short, plain and stable answers; thinking off for latency and cost. */
export const GENERATION = { temperature: 0.3, maxOutputTokens: 120, thinkingBudget: 0 } as const

/** Google's error envelope, as far as it is read: RetryInfo's delay and QuotaFailure's quota ids. */
const ErrorEnvelope = Type.Object({
  error: Type.Object({
    details: Type.Array(Type.Object({
      '@type': Type.Optional(Type.String()),
      retryDelay: Type.Optional(Type.String()),
      violations: Type.Optional(Type.Array(Type.Object({ quotaId: Type.Optional(Type.String()) })))
    }))
  })
})

/** Reads Gemini's error body (the SDK puts it in the ApiError message) for RetryInfo and per-day quota. */
export function readErrorBody (message: string): { retryDelayMs?: number, perDayQuota: boolean } {
  let body: unknown
  try {
    body = JSON.parse(message)
  } catch {
    return { perDayQuota: false }
  }
  const details = Value.Check(ErrorEnvelope, body) ? body.error.details : []
  const retry = details.find((d) => d['@type']?.endsWith('RetryInfo'))
  const perDayQuota = details.some((d) => d.violations?.some((v) => /PerDay/i.test(v.quotaId ?? '')) === true)
  return { retryDelayMs: parseDuration(retry?.retryDelay), perDayQuota }
}

/** Maps anything the SDK or the network throws to a classified ProviderError. */
export function classify (err: unknown, headerRetryMs: number | undefined, callerAborted: boolean): ProviderError {
  if (err instanceof ProviderError) return err
  if (callerAborted) return new ProviderError('aborted', 'request aborted by caller', { cause: err })
  const name = fieldOf(err, 'name')
  if (name === 'AbortError' || name === 'TimeoutError') return new ProviderError('timeout', 'attempt timed out', { cause: err })
  if (err instanceof ApiError) {
    const { retryDelayMs, perDayQuota } = readErrorBody(err.message)
    return new ProviderError(outcomeOfStatus(err.status, perDayQuota), `upstream ${err.status}`, { status: err.status, retryAfterMs: headerRetryMs ?? retryDelayMs, cause: err })
  }
  if (err instanceof SyntaxError) return new ProviderError('bad_reply', 'reply was not valid JSON', { cause: err })
  return new ProviderError('network', 'network error', { cause: err })
}

/** Turns a response into text, or throws for safety blocks and empty replies. */
export function readReply (response: GenerateContentResponse): ProviderReply {
  if (response.promptFeedback?.blockReason !== undefined) throw new ProviderError('safety', `prompt blocked: ${response.promptFeedback.blockReason}`)
  const candidate = response.candidates?.[0]
  if (candidate === undefined) throw new ProviderError('empty', 'no candidates')
  const reason: string | undefined = candidate.finishReason
  if (reason === 'SAFETY' || reason === 'PROHIBITED_CONTENT' || reason === 'BLOCKLIST' || reason === 'SPII') {
    throw new ProviderError('safety', `candidate blocked: ${reason}`)
  }
  const text = response.text
  if (text === undefined || text.trim() === '') throw new ProviderError('empty', 'empty text')
  const usage = response.usageMetadata
  return {
    text,
    usage: usage === undefined
      ? undefined
      : { inputTokens: usage.promptTokenCount ?? 0, outputTokens: usage.candidatesTokenCount ?? 0 }
  }
}

/** The pooled Gemini client: one keep-alive undici Agent shared by every call. */
export function createGeminiProvider (options: GeminiOptions): AdviceProvider {
  const agent = createPool(options.maxConnections)
  const client = new GoogleGenAI({
    // Set, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot switch the
    // backend: configuration comes from src/config.ts alone.
    vertexai: false,
    apiKey: options.apiKey,
    apiVersion: 'v1beta',
    httpOptions: { baseUrl: options.baseUrl, fetch: pooledFetch(agent) }
  })

  return {
    name: 'gemini',
    model: options.model,
    async write (request: ProviderRequest, signal: AbortSignal): Promise<ProviderReply> {
      const seen: SeenHint = {}
      try {
        const response = await client.models.generateContent({
          model: options.model,
          contents: [{ role: 'user', parts: [{ text: userPrompt(request) }] }],
          config: {
            systemInstruction: SYSTEM_INSTRUCTION,
            temperature: GENERATION.temperature,
            maxOutputTokens: GENERATION.maxOutputTokens,
            thinkingConfig: { thinkingBudget: GENERATION.thinkingBudget },
            abortSignal: signal,
            // Per call, so this call's Retry-After reaches this call's error:
            // the SDK's ApiError carries only the body.
            httpOptions: { fetch: pooledFetch(agent, seen) }
          }
        })
        return readReply(response)
      } catch (err) {
        // A timeout aborts `signal` too, so tell the two apart by its reason.
        const callerAborted = signal.aborted && fieldOf(signal.reason, 'name') !== 'TimeoutError'
        throw classify(err, seen.retryAfterMs, callerAborted)
      }
    },
    async close () {
      await agent.close()
    }
  }
}
