import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../', import.meta.url))

// tap instruments child processes too, but this child runs the bundle, whose
// byte offsets are not the sources': its coverage would corrupt the report.
// The in-process tests cover the code.
const NO_CHILD_COVERAGE = { _TAPJS_PROCESSINFO_COV_EXCLUDE_: '/.*/' }
// A developer's own .env in the checkout must not reach the servers under test.
const NO_ENV_FILE = { ENV_FILE: '/dev/null' }

/** A running server child process. */
export interface ServerProcess {
  child: ChildProcess
  url: string
  output: () => string
  exit: Promise<number | null>
}

/** Starts the built server `entry` (the production bundle's, see bundle.ts) on an ephemeral port and waits until it listens. */
export async function startServer (env: Record<string, string>, entry: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    // The overload shedder off, as in build()'s testEnv: on a busy test
    // machine a server that has just started can lag a second and answer
    // 503, which is the shedder working, not the behaviour under test
    // (test/plugins/pressure.test.ts covers it).
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', RATE_LIMIT_MAX: '0', MAX_EVENT_LOOP_DELAY_MS: '0', DATABASE_URL: 'sqlite::memory:', ...NO_ENV_FILE, ...NO_CHILD_COVERAGE, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout?.on('data', (c: Buffer) => { out += c.toString() })
  child.stderr?.on('data', (c: Buffer) => { out += c.toString() })
  const exit = once(child, 'exit').then(([code]) => code as number | null)
  const url = await new Promise<string>((resolve, reject) => {
    // A server that never reports listening (e.g. LOG_LEVEL above info) is
    // killed, so the test fails instead of hanging on a live child.
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`server did not start:\n${out}`)) }, 90_000)
    const check = () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) { clearTimeout(timer); resolve(m[1]) }
    }
    child.stdout?.on('data', check)
    exit.then(() => { clearTimeout(timer); reject(new Error(`server exited:\n${out}`)) }, reject)
  })
  return { child, url, output: () => out, exit }
}

/** Runs the built server `entry` expecting it to exit on its own (e.g. bad config). */
export async function runServer (env: Record<string, string>, entry: string): Promise<{ code: number | null, output: string }> {
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...NO_ENV_FILE, ...NO_CHILD_COVERAGE, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let out = ''
  child.stdout?.on('data', (c: Buffer) => { out += c.toString() })
  child.stderr?.on('data', (c: Buffer) => { out += c.toString() })
  const [code] = await once(child, 'exit')
  return { code: code as number | null, output: out }
}
