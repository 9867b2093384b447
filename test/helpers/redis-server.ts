import { spawn } from 'node:child_process'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import type { Test } from 'tap'
import { requireTool } from './system-tools.js'

/**
 * Starts a throwaway redis-server on a free loopback port (no persistence)
 * and stops it in teardown. Without the binary it returns undefined after
 * requireTool has skipped the test with the install hint, or failed it with
 * that hint under REQUIRE_SYSTEM_TOOLS=1 (never a bare `spawn ENOENT`).
 */
export async function startRedis (t: Test): Promise<string | undefined> {
  const binary = requireTool(t, 'redis-server', 'redis-server')
  if (binary === undefined) return undefined
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
  t.teardown(() => { child.kill('SIGKILL') })
  for (let i = 0; i < 200; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = createConnection(port, '127.0.0.1', () => { socket.end(); resolve(true) })
      socket.on('error', () => resolve(false))
    })
    if (up) return `redis://127.0.0.1:${port}`
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error('redis-server did not start')
}
