import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import t, { type Test } from 'tap'
import { productionBundle } from '../../helpers/bundle.js'
import { call, textOf } from '../../helpers/mcp.js'
import { waitFor } from '../../helpers/wait-for.js'

const root = fileURLToPath(new URL('../../../', import.meta.url))
// src/mcp/stdio.ts as built for production (dist/mcp-stdio.js): compiled once for the file, not by every process.
const { mcpStdio } = await productionBundle()

/** The stdio MCP server process, driven by the SDK's stdio client. */
async function spawnStdio (t: Test, env: Record<string, string>) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [mcpStdio],
    cwd: root,
    // No child coverage: the bundle's byte offsets are not the sources' (see test/helpers/server-process.ts).
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', _TAPJS_PROCESSINFO_COV_EXCLUDE_: '/.*/', ...env },
    stderr: 'pipe'
  })
  let stderr = ''
  transport.stderr?.on('data', (c: Buffer) => { stderr += c.toString() })
  const client = new Client({ name: 'stdio-test', version: '1.0.0' })
  // Anything on stdout that is not a JSON-RPC message (a stray log line) lands here.
  const protocolErrors: Error[] = []
  client.onerror = (err) => { protocolErrors.push(err) }
  await client.connect(transport)
  t.teardown(() => client.close())
  return { client, transport, stderr: () => stderr, protocolErrors }
}

t.test('the stdio server logs and reads the local user\'s entries on the configured database, logging to stderr only', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-stdio-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const env = { DATABASE_URL: `sqlite:${join(dir, 'health.db')}`, MCP_USER_ID: 'me' }

  const first = await spawnStdio(t, env)
  t.equal((await first.client.listTools()).tools.length, 13)
  const logged = await call(first.client, 'log_water', { amount_liters: 0.25, time: '2026-05-10T08:00:00Z' })
  t.notOk(logged.isError, textOf(logged))
  t.match(logged.structuredContent, { facts: { today: { water_l: 0.25, entries: 1 } } })
  const activity = await call(first.client, 'lookup_activity', { activity: 'running', duration_minutes: 30, weight_kg: 80 })
  t.match(activity.structuredContent, { kcal_burned: 372 }, '9.3 MET × 80 kg × 0.5 h')
  await waitFor(() => first.stderr().includes('MCP server on stdio'))
  t.match(first.stderr(), /"user":"me"/)
  t.same(first.protocolErrors, [], 'stdout carried nothing but protocol messages')
  await first.client.close()

  // A second process on the same file sees the same user's day.
  const second = await spawnStdio(t, env)
  const day = await call(second.client, 'get_day_summary', { date: '2026-05-10' })
  t.match(day.structuredContent, { water_l: 0.25, entries: 1 })
  const other = await spawnStdio(t, { ...env, MCP_USER_ID: 'someone-else' })
  t.match((await call(other.client, 'get_day_summary', { date: '2026-05-10' })).structuredContent, { water_l: 0, entries: 0 }, 'another MCP_USER_ID is another user')
})

t.test('with TRACKING=off the tracking tools say so, and the stateless ones still answer', async (t) => {
  const { client } = await spawnStdio(t, { DATABASE_URL: 'sqlite::memory:', TRACKING: 'off' })
  t.notOk((await call(client, 'advise_water', { amount_liters: 1 })).isError)
  const result = await call(client, 'log_meal', { food: 'toast' })
  t.equal(result.isError, true)
  t.equal(textOf(result), 'log_meal needs an identified user: tracking is off (TRACKING=off); unset TRACKING=off to log entries for MCP_USER_ID')
})

t.test('a bad config stops the stdio server with the variable named', async (t) => {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [mcpStdio],
    cwd: root,
    env: { PATH: process.env.PATH ?? '', MCP_USER_ID: 'not a valid id!', _TAPJS_PROCESSINFO_COV_EXCLUDE_: '/.*/' },
    stderr: 'pipe'
  })
  let stderr = ''
  transport.stderr?.on('data', (c: Buffer) => { stderr += c.toString() })
  const client = new Client({ name: 'stdio-test', version: '1.0.0' })
  await t.rejects(client.connect(transport))
  await waitFor(() => stderr.includes('MCP_USER_ID'))
  t.match(stderr, /^Invalid environment variable MCP_USER_ID/)
})
