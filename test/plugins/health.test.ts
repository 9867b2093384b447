import t from 'tap'
import { build, chainEnv, geminiEnv } from '../helpers/build.js'
import { startFakeGemini } from '../helpers/fake-gemini.js'
import { startFakeOpenAI } from '../helpers/fake-openai.js'
import { version } from '../../src/version.js'

t.test('/health reports liveness, version and the AI state without calling Gemini', async (t) => {
  const app = await build(t)
  const res = await app.inject({ url: '/health' })
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.equal(body.status, 'healthy')
  t.equal(body.version, version)
  t.equal(body.ai_service, 'local')
  t.same(body.providers, {}, 'no provider configured, none listed')
  t.ok(Math.abs(Date.parse(body.timestamp) - Date.now()) < 60_000)

  const fake = await startFakeGemini()
  t.teardown(() => fake.close())
  const withGemini = await build(t, geminiEnv(fake.url))
  t.match((await withGemini.inject({ url: '/health' })).json(), { ai_service: 'available', providers: { gemini: 'available' } })
  t.equal(fake.calls, 0)

  const forcedLocal = await build(t, geminiEnv(fake.url, { AI_PROVIDER: 'local' }))
  t.equal((await forcedLocal.inject({ url: '/health' })).json().ai_service, 'local')
})

t.test('/health lists each provider of the chain without calling one', async (t) => {
  const gemini = await startFakeGemini()
  const openai = await startFakeOpenAI()
  t.teardown(async () => { await gemini.close(); await openai.close() })
  const app = await build(t, chainEnv(gemini.url, openai.url))
  const body = (await app.inject({ url: '/health' })).json()
  t.equal(body.ai_service, 'available')
  t.same(body.providers, { gemini: 'available', openai: 'available' })
  t.equal(gemini.calls + openai.calls, 0)
})

t.test('/ready is 200 when serving and 503 while draining', async (t) => {
  const app = await build(t)
  const ready = await app.inject({ url: '/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ready', database: 'off' })
  app.readiness.set('draining')
  const draining = await app.inject({ url: '/ready' })
  t.equal(draining.statusCode, 503)
  t.equal(draining.headers['retry-after'], '5')
  t.match(draining.headers['content-type'], /^application\/problem\+json/)
  t.equal(draining.json().detail, 'not ready: draining')
})
