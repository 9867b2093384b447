import t from 'tap'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { testEnv } from '../helpers/build.js'

// loadConfig refuses these configs (test/config.test.ts); a config built past it
// must still fail at start, naming the missing setting, not on the first call.
t.test('a chain naming openai without OPENAI_MODEL fails at start', async (t) => {
  const config = { ...loadConfig(testEnv), AI_PROVIDER: 'openai' as const }
  await t.rejects(buildApp(config), { message: 'openai is in the provider chain without its model (OPENAI_MODEL) or key (GEMINI_API_KEY)' })
})
