import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import { ProviderError } from '../errors.js'
import { outcomeOfStatus } from '../policy.js'
import { SYSTEM_INSTRUCTION, userPrompt } from '../prompts.js'
import { retryHintMs } from '../retry-hint.js'
import type { AdviceProvider, ProviderReply, ProviderRequest } from '../../types.js'
import { createPool, pooledFetch } from './pool.js'
import { fieldOf } from '../../../thrown.js'

/** Settings of the pooled client for an OpenAI-compatible chat-completions endpoint. */
export interface OpenAIOptions {
  baseUrl: string
  model: string
  /** Unset for servers that take none (Ollama, vLLM and llama.cpp without --api-key). */
  apiKey?: string
  /** Per-attempt ceiling; the attempt signal usually ends a call first. */
  timeoutMs: number
  /** Connection cap of the keep-alive pool; matches the concurrency limit. */
  maxConnections: number
  /** Token budget of a reply; unset: the model's default budget (`defaultMaxTokens`). */
  maxTokens?: number
}

/** Generation settings: the same short, plain and stable answers as Gemini's. */
export const CHAT_GENERATION = { temperature: 0.3, maxTokens: 120, reasoningMaxTokens: 2048 } as const

/**
 * Whether `model` is one of OpenAI's reasoning models (o1, o3-mini, o4-mini,
 * gpt-5, gpt-5-mini …, also behind a vendor prefix such as OpenRouter's
 * `openai/gpt-5`). They refuse `max_tokens` and any temperature but the
 * default, and spend hidden reasoning tokens from `max_completion_tokens`.
 */
export function isReasoningModel (model: string): boolean {
  return /^(o\d|gpt-5)/i.test(model.slice(model.lastIndexOf('/') + 1))
}

/** The reply's token budget when none is configured: a 25-word answer, plus room to reason for a reasoning model. */
export function defaultMaxTokens (model: string): number {
  return isReasoningModel(model) ? CHAT_GENERATION.reasoningMaxTokens : CHAT_GENERATION.maxTokens
}

/** The length and sampling fields of a request for `model`: what each kind of model accepts. */
export function generationFields (model: string, maxTokens = defaultMaxTokens(model)): { max_tokens: number, temperature: number } | { max_completion_tokens: number } {
  return isReasoningModel(model)
    ? { max_completion_tokens: maxTokens }
    : { max_tokens: maxTokens, temperature: CHAT_GENERATION.temperature }
}

// Reasoning models (DeepSeek-R1, Qwen3, QwQ on Ollama, vLLM or llama.cpp)
// write their thinking inline. Closed blocks go; a lone closing tag means the
// chat template opened the block for the model, so everything before it is
// thinking; a block never closed was cut off and leaves no answer.
const THINK_BLOCK = /<(think|thinking)>[\s\S]*?<\/\1>/gi
const THINK_END = /^[\s\S]*<\/(?:think|thinking)>/i
const THINK_OPEN = /<(?:think|thinking)>[\s\S]*$/i

/** The words of a reply without the model's reasoning. */
export function stripReasoning (text: string): string {
  return text.replace(THINK_BLOCK, '').replace(THINK_END, '').replace(THINK_OPEN, '').trim()
}

/**
 * Turns a chat completion into text, or throws for what must not reach the
 * user: no choices, a filtered or truncated reply, a refusal, or a reply
 * that is only reasoning. `reasoning_content` (DeepSeek, vLLM, OpenRouter's
 * `reasoning`) is never read.
 */
export function readCompletion (completion: ChatCompletion): ProviderReply {
  if (!Array.isArray(completion?.choices)) throw new ProviderError('bad_reply', 'reply has no choices array')
  const choice = completion.choices[0]
  if (choice === undefined) throw new ProviderError('empty', 'no choices')
  if (choice.finish_reason === 'content_filter') throw new ProviderError('safety', 'reply filtered: content_filter')
  if (choice.finish_reason === 'length') throw new ProviderError('truncated', 'reply cut at the token budget')
  // Typed as always present, but compatible servers omit it on a filtered or empty choice.
  const message: ChatCompletion.Choice['message'] | undefined = choice.message
  const content = typeof message?.content === 'string' ? stripReasoning(message.content) : ''
  if (content === '') {
    throw message?.refusal != null ? new ProviderError('safety', 'model refused') : new ProviderError('empty', 'no words outside the reasoning')
  }
  const usage = completion.usage
  // Some compatible servers send usage with counts missing; a counter cannot take NaN.
  return { text: content, usage: usage == null ? undefined : { inputTokens: usage.prompt_tokens ?? 0, outputTokens: usage.completion_tokens ?? 0 } }
}

/** Maps anything the SDK or the network throws to a classified ProviderError. */
export function classifyOpenAI (err: unknown, signal: AbortSignal): ProviderError {
  if (err instanceof ProviderError) return err
  // The SDK reports any abort of our signal as a user abort; the per-attempt
  // timeout aborts the same signal, with a TimeoutError as its reason.
  if (signal.aborted) {
    return fieldOf(signal.reason, 'name') === 'TimeoutError'
      ? new ProviderError('timeout', 'attempt timed out', { cause: err })
      : new ProviderError('aborted', 'request aborted by caller', { cause: err })
  }
  if (err instanceof APIConnectionTimeoutError) return new ProviderError('timeout', 'attempt timed out', { cause: err })
  if (err instanceof APIUserAbortError) return new ProviderError('aborted', 'request aborted', { cause: err })
  if (err instanceof APIError && err.status !== undefined) {
    // OpenAI's "insufficient_quota" 429 is billing, not a rate: no wait cures it.
    const outcome = outcomeOfStatus(err.status, err.code === 'insufficient_quota')
    const retryAfterMs = err.headers === undefined ? undefined : retryHintMs((name) => err.headers?.get(name))
    return new ProviderError(outcome, `upstream ${err.status}`, { status: err.status, retryAfterMs, cause: err })
  }
  if (err instanceof SyntaxError) return new ProviderError('bad_reply', 'reply was not valid JSON', { cause: err })
  return new ProviderError('network', 'network error', { cause: err })
}

/**
 * The pooled client for any OpenAI-compatible chat-completions endpoint
 * (Ollama, vLLM, llama.cpp server, LM Studio, OpenRouter, Groq, OpenAI): the
 * official SDK over one keep-alive undici pool, its own retries off because
 * the upstream path (resilience.ts) retries, honouring the same hints.
 */
export function createOpenAIProvider (options: OpenAIOptions): AdviceProvider {
  const agent = createPool(options.maxConnections)
  const generation = generationFields(options.model, options.maxTokens)
  const client = new OpenAI({
    baseURL: options.baseUrl,
    // The SDK insists on a key; without one the Authorization header is
    // removed below, so a keyless server never sees a made-up credential.
    apiKey: options.apiKey ?? 'unused',
    // Everything the SDK would otherwise read from process.env (OPENAI_ORG_ID,
    // OPENAI_PROJECT_ID, OPENAI_ADMIN_KEY, OPENAI_WEBHOOK_SECRET, OPENAI_LOG) is
    // set here: configuration comes from src/config.ts alone.
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    logLevel: 'warn',
    defaultHeaders: options.apiKey === undefined ? { Authorization: null } : undefined,
    maxRetries: 0,
    timeout: options.timeoutMs,
    fetch: pooledFetch(agent)
  })

  return {
    name: 'openai',
    model: options.model,
    async write (request: ProviderRequest, signal: AbortSignal): Promise<ProviderReply> {
      try {
        const completion = await client.chat.completions.create({
          model: options.model,
          messages: [
            { role: 'system', content: SYSTEM_INSTRUCTION },
            { role: 'user', content: userPrompt(request) }
          ],
          ...generation,
          stream: false
        }, { signal })
        return readCompletion(completion)
      } catch (err) {
        throw classifyOpenAI(err, signal)
      }
    },
    async close () {
      await agent.close()
    }
  }
}
