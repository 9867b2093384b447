import type { Test } from 'tap'
import t from 'tap'
import { createOpenAIProvider, defaultMaxTokens, isReasoningModel } from '../../../../src/advice/upstream/providers/openai.js'
import type { ProviderRequest } from '../../../../src/advice/types.js'
import { build, openaiEnv, SEEDS } from '../../../helpers/build.js'
import { reasoningModelRefusal, startFakeOpenAI } from '../../../helpers/fake-openai.js'

const request: ProviderRequest = {
  topic: 'water',
  entry: { amount_liters: 1 },
  context: {},
  facts: { intake_l: 1, target_l: 1.8, remaining_l: 0.8, basis: 'x', baseline_l: 1.8, exercise_extra_l: 0, heat_extra_l: 0, warnings: [], notes: [], sources: [] }
}

/** The body the fake received for one reply of `model`. */
async function bodyFor (t: Test, model: string, maxTokens?: number): Promise<Record<string, unknown>> {
  const fake = await startFakeOpenAI({ kind: 'ok', text: 'Drink 0.8 L more today.' })
  const provider = createOpenAIProvider({ baseUrl: `${fake.url}/v1`, model, apiKey: 'sk-test', timeoutMs: 5000, maxConnections: 2, maxTokens })
  t.teardown(async () => { await provider.close?.(); await fake.close() })
  t.equal((await provider.write(request, new AbortController().signal)).text, 'Drink 0.8 L more today.', `${model} answered`)
  return fake.bodies[0] as Record<string, unknown>
}

t.test('the fake refuses what api.openai.com refuses from its reasoning models', async (t) => {
  t.match(reasoningModelRefusal({ model: 'gpt-5-mini', max_tokens: 120 }), { error: { param: 'max_tokens', code: 'unsupported_parameter' } })
  t.match(reasoningModelRefusal({ model: 'o3-mini', max_completion_tokens: 120, temperature: 0.3 }), { error: { param: 'temperature', code: 'unsupported_value' } })
  t.equal(reasoningModelRefusal({ model: 'o3-mini', max_completion_tokens: 120 }), undefined)
  t.equal(reasoningModelRefusal({ model: 'gpt-4o-mini', max_tokens: 120, temperature: 0.3 }), undefined)
  const fake = await startFakeOpenAI()
  t.teardown(() => fake.close())
  const res = await fetch(`${fake.url}/v1/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'gpt-5', max_tokens: 120, messages: [] }) })
  t.equal(res.status, 400)
})

t.test('reasoning models get max_completion_tokens and no temperature', async (t) => {
  for (const model of ['gpt-5', 'gpt-5-mini', 'o3-mini', 'o4-mini', 'openai/gpt-5-nano']) {
    const body = await bodyFor(t, model)
    t.equal(body.max_completion_tokens, 2048, `${model}: the reasoning default`)
    t.notOk('max_tokens' in body, `${model}: no max_tokens`)
    t.notOk('temperature' in body, `${model}: no temperature`)
  }
  t.equal((await bodyFor(t, 'o3-mini', 4000)).max_completion_tokens, 4000, 'OPENAI_MAX_TOKENS sets the budget')
})

t.test('chat models get max_tokens and temperature 0.3', async (t) => {
  for (const model of ['gpt-4o-mini', 'llama3.2:3b', 'meta-llama/llama-3.1-8b-instruct:free']) {
    const body = await bodyFor(t, model)
    t.equal(body.max_tokens, 120, `${model}: the documented 120`)
    t.equal(body.temperature, 0.3)
    t.notOk('max_completion_tokens' in body)
  }
  t.equal((await bodyFor(t, 'qwen3:8b', 600)).max_tokens, 600, 'OPENAI_MAX_TOKENS sets the budget')
})

t.test('which model ids are reasoning models', async (t) => {
  for (const model of ['o1', 'o1-mini', 'o3', 'o4-mini', 'gpt-5', 'GPT-5', 'gpt-5.1', 'gpt-5-mini', 'openai/o3-mini']) t.ok(isReasoningModel(model), model)
  for (const model of ['gpt-4o-mini', 'gpt-4.1', 'llama3.2', 'olmo2:7b', 'qwen3:8b', 'deepseek-r1:8b', 'meta-llama/llama-3.1-8b-instruct']) t.notOk(isReasoningModel(model), model)
  t.equal(defaultMaxTokens('gpt-4o-mini'), 120)
  t.equal(defaultMaxTokens('o4-mini'), 2048)
})

t.test('OPENAI_MAX_TOKENS reaches the request through the config', async (t) => {
  const fake = await startFakeOpenAI({ kind: 'ok', text: 'Target met: sip to thirst for the rest of the day.' })
  t.teardown(() => fake.close())
  const app = await build(t, openaiEnv(fake.url, { OPENAI_MODEL: 'gpt-5-mini', OPENAI_MAX_TOKENS: '1000' }))
  const res = await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })
  t.equal(res.statusCode, 200)
  t.match(res.json(), { source: 'openai', degraded: false })
  t.match(fake.bodies[0], { model: 'gpt-5-mini', max_completion_tokens: 1000 })
})
