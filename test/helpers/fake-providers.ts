import { geminiEnv, openaiEnv } from './build.js'
import { geminiUserText, startFakeGemini } from './fake-gemini.js'
import { chatTurns, startFakeOpenAI } from './fake-openai.js'
import type { FakeUpstream } from './fake-upstream.js'

/** The modes every fake provider shares: answer with a text, echo the user turn back, or hold the call open. */
export type SharedMode = { kind: 'echo' } | { kind: 'ok', text?: string } | { kind: 'hang' }

/** One language-model provider under test: its fake, the env that selects it, and how to read a recorded prompt. */
export interface FakeProvider {
  name: 'gemini' | 'openai'
  start: (mode: SharedMode) => Promise<FakeUpstream<SharedMode>>
  env: (url: string, extra?: Record<string, string>) => Record<string, string>
  /** The system instruction and the user turn of a recorded request body. */
  turns: (body: Record<string, unknown>) => { system: string, user: string }
}

/** Every provider, so a suite runs once per provider instead of being copied. */
export const FAKE_PROVIDERS: FakeProvider[] = [
  {
    name: 'gemini',
    start: startFakeGemini as FakeProvider['start'],
    env: geminiEnv,
    turns: (body) => ({ system: JSON.stringify(body.systemInstruction ?? ''), user: geminiUserText(body) })
  },
  {
    name: 'openai',
    start: startFakeOpenAI as FakeProvider['start'],
    // With a key, so the suites that look for a leaked key look for this one too.
    env: (url, extra = {}) => openaiEnv(url, { OPENAI_API_KEY: 'test-secret-key-123', ...extra }),
    turns: chatTurns
  }
]
