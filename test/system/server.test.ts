import { join } from 'node:path'
import t from 'tap'
import { Agent, request } from 'undici'
import { SEEDS } from '../helpers/build.js'
import { startFakeGemini } from '../helpers/fake-gemini.js'
import { productionBundle } from '../helpers/bundle.js'
import { runServer, startServer } from '../helpers/server-process.js'
import { waitFor } from '../helpers/wait-for.js'

// The server process itself (signals, exit codes, logs), run as `npm start` runs it: the production bundle.
const { server: entry } = await productionBundle()

t.test('the real server answers over HTTP and SIGTERM stops it cleanly with keep-alive clients', async (t) => {
  const server = await startServer({}, entry)
  t.teardown(() => { server.child.kill('SIGKILL') })
  const agent = new Agent({ keepAliveTimeout: 60_000 })
  t.teardown(() => agent.close())

  const res = await request(`${server.url}/water`, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SEEDS.water) })
  t.equal(res.statusCode, 200)
  const body = await res.body.json() as { source: string, message: string }
  t.equal(body.source, 'local')
  const health = await request(`${server.url}/health`, { dispatcher: agent })
  t.equal(health.statusCode, 200)
  await health.body.dump()

  // The agent still holds an idle keep-alive socket (kept 60 s, closed only in
  // teardown). Had close() waited for it, close-with-grace would have forced
  // the exit after SHUTDOWN_GRACE_MS with code 1, not 0.
  server.child.kill('SIGTERM')
  t.equal(await server.exit, 0)
  t.match(server.output(), /shutting down/)
})

t.test('a request in flight when SIGTERM arrives completes with 200, then the process exits 0', async (t) => {
  const fake = await startFakeGemini({ kind: 'ok', delayMs: 700, text: 'Keep sipping, you are nearly there.' })
  t.teardown(() => fake.close())
  const server = await startServer({ GEMINI_API_KEY: 'k', GEMINI_BASE_URL: fake.url }, entry)
  t.teardown(() => { server.child.kill('SIGKILL') })
  const pending = request(`${server.url}/water`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SEEDS.water) })
  // The condition itself, not a guessed delay: SIGTERM goes once the fake upstream holds the call.
  await waitFor(() => fake.inFlight === 1)
  server.child.kill('SIGTERM')
  const res = await pending
  t.equal(res.statusCode, 200)
  t.equal((await res.body.json() as { source: string }).source, 'gemini')
  t.equal(await server.exit, 0)
})

t.test('a bad config exits 1 with one line naming the variable, never a secret', async (t) => {
  const { code, output } = await runServer({ PORT: 'not-a-port', GEMINI_API_KEY: 'super-secret-value' }, entry)
  t.equal(code, 1)
  t.equal(output.trim(), 'Invalid environment variable PORT: expected integer')
  t.notMatch(output, 'super-secret-value')
})

t.test('several bad variables exit 1 with one line each; a .env file is read and its typos are warned about', async (t) => {
  const { code, output } = await runServer({ PORT: 'not-a-port', JWT_JWKS_URL: 'https://idp.example.com/jwks', JWT_ISSUER: 'https://idp.example.com/' }, entry)
  t.equal(code, 1)
  t.same(output.trim().split('\n'), [
    'Invalid environment variable PORT: expected integer',
    'Invalid environment variable JWT_AUDIENCE: required with JWT_JWKS_URL: without it, a token the identity provider signed for any other app would be accepted (the aud claim to require)'
  ])
  const dir = t.testdir({ 'test.env': 'RATE_LIMT_MAX=5\nLOG_LEVEL=warn\n' })
  const server = await startServer({ ENV_FILE: join(dir, 'test.env'), LOG_LEVEL: 'info' }, entry)
  t.teardown(() => { server.child.kill('SIGKILL') })
  await waitFor(() => server.output().includes('RATE_LIMT_MAX'))
  t.match(server.output(), 'Unknown environment variable RATE_LIMT_MAX is ignored: did you mean RATE_LIMIT_MAX?')
  server.child.kill('SIGTERM')
  t.equal(await server.exit, 0)
})

t.test('values a looser schema would pass but the consumer breaks on exit 1 with one line, value not echoed', async (t) => {
  // Accepted, RATE_LIMIT_WINDOW=minute would start and then 500 every request,
  // and TRUST_PROXY=10.0.0.0/99 would crash with a stack trace echoing the value.
  for (const [variable, value] of [['RATE_LIMIT_WINDOW', 'minute'], ['TRUST_PROXY', '10.0.0.0/99'], ['TRUST_PROXY', 'yes']]) {
    const { code, output } = await runServer({ [variable]: value }, entry)
    t.equal(code, 1, `${variable} exits 1`)
    const lines = output.trim().split('\n')
    t.equal(lines.length, 1, 'one line')
    t.match(lines[0], new RegExp(`^Invalid environment variable ${variable}: expected `))
    t.notOk(output.includes(value), 'the value is not echoed')
  }
})

t.test('keys never reach the logs, and an open API is warned about at start', async (t) => {
  const open = await startServer({}, entry)
  t.teardown(() => { open.child.kill('SIGKILL') })
  t.match(open.output(), 'API_KEYS is unset')
  open.child.kill('SIGTERM')
  await open.exit

  const server = await startServer({ API_KEYS: 'key-abc-123-secret', GEMINI_API_KEY: 'gemini-key-456-secret', AI_PROVIDER: 'local', LOG_LEVEL: 'trace' }, entry)
  t.teardown(() => { server.child.kill('SIGKILL') })
  for (const authorization of ['Bearer key-abc-123-secret', 'Bearer wrong-key-789-secret']) {
    const res = await request(`${server.url}/water`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(SEEDS.water) })
    await res.body.dump()
  }
  server.child.kill('SIGTERM')
  await server.exit
  const logs = server.output()
  t.match(logs, 'incoming request', 'requests were logged at this level')
  t.notMatch(logs, /key-abc-123|wrong-key-789|gemini-key-456/)
  t.notMatch(logs, 'API_KEYS is unset')
})
