import t, { type Test } from 'tap'
import { startRedis } from '../../helpers/redis-server.js'

/** A stand-in for the test handed to startRedis, recording what it was told. */
function recordingTest () {
  const calls: Array<[string, string]> = []
  const fake = {
    fail: (message: string) => { calls.push(['fail', message]) },
    skip: (message: string) => { calls.push(['skip', message]) },
    teardown: () => {}
  } as unknown as Test
  return { calls, fake }
}

/** Runs `fn` with redis-server off PATH and REQUIRE_SYSTEM_TOOLS as given (tooling variables, restored after). */
async function withoutRedis (t: Test, require: string | undefined, fn: () => Promise<void>) {
  const saved = { PATH: process.env.PATH, REQUIRE_SYSTEM_TOOLS: process.env.REQUIRE_SYSTEM_TOOLS }
  t.teardown(() => {
    process.env.PATH = saved.PATH
    if (saved.REQUIRE_SYSTEM_TOOLS === undefined) delete process.env.REQUIRE_SYSTEM_TOOLS
    else process.env.REQUIRE_SYSTEM_TOOLS = saved.REQUIRE_SYSTEM_TOOLS
  })
  process.env.PATH = t.testdir({})
  if (require === undefined) delete process.env.REQUIRE_SYSTEM_TOOLS
  else process.env.REQUIRE_SYSTEM_TOOLS = require
  await fn()
}

t.test('no redis-server under REQUIRE_SYSTEM_TOOLS=1: fails with the install hint, not spawn ENOENT', async (t) => {
  const { calls, fake } = recordingTest()
  await withoutRedis(t, '1', async () => { t.equal(await startRedis(fake), undefined) })
  t.same(calls, [['fail', 'redis-server not found on PATH: install it with `apt-get install redis-server` (REQUIRE_SYSTEM_TOOLS=1)']])
})

t.test('no redis-server otherwise: skipped with the same hint', async (t) => {
  const { calls, fake } = recordingTest()
  await withoutRedis(t, undefined, async () => { t.equal(await startRedis(fake), undefined) })
  t.same(calls, [['skip', 'redis-server not found on PATH: install it with `apt-get install redis-server`']])
})
