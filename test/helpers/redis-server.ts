import { spawn } from 'node:child_process'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import type { Test } from 'tap'
import { findTool } from './system-tools.js'

const BINARY = findTool('redis-server')

/**
 * The skip reason for a test that needs redis-server, or false to run it.
 * Under REQUIRE_SYSTEM_TOOLS=1 (CI) it always runs, so a missing binary fails.
 */
export function redisMissing (): string | false {
  if (BINARY !== undefined || process.env.REQUIRE_SYSTEM_TOOLS === '1') return false
  return 'redis-server not found on PATH: install it with `apt-get install redis-server`'
}

/** Starts a throwaway redis-server on a free loopback port (no persistence) and stops it in teardown. */
export async function startRedis (t: Test): Promise<string> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  const child = spawn(BINARY ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' })
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
