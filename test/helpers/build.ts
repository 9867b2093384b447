import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'

/**
 * The environment every test starts from: quiet, no Gemini, no rate limit, a
 * database that leaves no file, and no overload shedding: several apps share
 * one test process's event loop, so building one (a second or more of index
 * and migration work on a loaded machine) would make another shed 503s. The
 * pressure tests turn it on explicitly.
 */
export const testEnv: Record<string, string> = {
  LOG_LEVEL: 'silent',
  RATE_LIMIT_MAX: '0',
  MAX_EVENT_LOOP_DELAY_MS: '0',
  DATABASE_URL: 'sqlite::memory:'
}

/** Builds the real app with test overrides and closes it in teardown. */
export async function build (t: Test, overrides: Record<string, string | undefined> = {}): Promise<FastifyInstance> {
  const app = await buildApp(loadConfig({ ...testEnv, ...overrides }))
  t.teardown(() => app.close())
  await app.ready()
  return app
}

/** Config overrides pointing the app at a fake Gemini. */
export function geminiEnv (url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { GEMINI_API_KEY: 'test-secret-key-123', GEMINI_BASE_URL: url, AI_TIMEOUT_MS: '2000', ...extra }
}

/** Config overrides pointing the app at a fake OpenAI-compatible server (no key, as with Ollama, unless given). */
export function openaiEnv (url: string, extra: Record<string, string> = {}): Record<string, string> {
  return { AI_PROVIDER: 'openai', OPENAI_BASE_URL: `${url}/v1`, OPENAI_MODEL: 'llama3.2:3b', AI_TIMEOUT_MS: '2000', ...extra }
}

/** Config overrides for the chain gemini,openai against two fakes. */
export function chainEnv (geminiUrl: string, openaiUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  const { AI_PROVIDER: _one, ...openai } = openaiEnv(openaiUrl)
  return { ...geminiEnv(geminiUrl), ...openai, AI_PROVIDERS: 'gemini,openai', ...extra }
}

/** The original API's own example requests, which must keep working unchanged. */
export const SEEDS = {
  water: { amount_liters: 2.0, time: '2024-06-01T10:00:00' },
  gym: { activity: 'running', duration_minutes: 45 },
  food: { meal: 'breakfast', food: 'oatmeal with berries' }
} as const
