// Processes for `npm run bench`: the compiled server, the bare node:http
// baseline, the fake providers, and what /proc says about each of them.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'

export const root = new URL('../', import.meta.url)
/**
 * What `npm start` runs after `node` (its V8 flags, then the entry), read from package.json so the
 * bench measures exactly the production command.
 */
export const SERVER_COMMAND: readonly string[] = (JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { scripts: { start: string } })
  .scripts.start.split(/\s+/).slice(1)
/** The server's entry point, relative to the repository root. */
export const SERVER_ENTRY = SERVER_COMMAND[SERVER_COMMAND.length - 1]
// Configured as production should be: with a key. An open server warns about
// it at every start, and authenticated requests are what production serves.
export const API_KEY = 'bench-api-key-0123456789'

/** A running child process and the base URL it serves. */
export interface Proc { child: ChildProcess, url: string, pid: number }

const ENV = { PATH: process.env.PATH ?? '' }

/** Spawns `node args…` and resolves with the first URL it prints. */
export async function startScript (args: string[], env: Record<string, string> = {}): Promise<Proc> {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out += c.toString()
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out)
      if (m !== null) resolve(m[1])
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', () => reject(new Error(`process exited:\n${out}`)))
  })
  return { child, url, pid: child.pid as number }
}

/** Stops a child with SIGTERM and waits for it to exit. */
export async function stop (p: { child: ChildProcess }): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return
  const exited = new Promise((resolve) => p.child.once('exit', resolve))
  p.child.kill('SIGTERM')
  await exited
}

/** A port that was free a moment ago (the server logs at warn, so it cannot report its own). */
export async function freePort (): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as AddressInfo
  await new Promise((resolve) => srv.close(resolve))
  return port
}

/** Starts the compiled server and resolves once GET /ready answers 200, with the time from spawn to that answer. */
export async function server (env: Record<string, string>, nodeArgs: string[] = []): Promise<Proc & { readyMs: number }> {
  const port = await freePort()
  const started = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, ...SERVER_COMMAND], {
    cwd: root,
    env: { ...ENV, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_MAX: '0', API_KEYS: API_KEY, ...env },
    stdio: ['ignore', 'inherit', nodeArgs.length === 0 ? 'inherit' : 'pipe']
  })
  // The server's own warnings pass through; the inspector's banner does not.
  child.stderr?.on('data', (c: Buffer) => {
    const lines = c.toString().split('\n').filter((l) => l !== '' && !/^(Debugger (listening|attached|ending)|For help, see)/.test(l))
    if (lines.length > 0) process.stderr.write(lines.join('\n') + '\n')
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    const res = await fetch(`${url}/ready`).catch(() => undefined)
    if (res?.status === 200) return { child, url, pid: child.pid as number, readyMs: performance.now() - started }
    await res?.body?.cancel()
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

let bareScript: string | undefined
/**
 * Starts bench/bare-server.ts as plain JavaScript. It is transpiled here
 * (TypeScript, type erasure only) rather than run through tsx, whose loader
 * would add its own start-up time and memory to the baseline; the server is
 * measured as compiled JavaScript too.
 */
export async function bareServer (): Promise<Proc & { listeningMs: number }> {
  if (bareScript === undefined) {
    const source = readFileSync(new URL('bench/bare-server.ts', root), 'utf8')
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText
    bareScript = join(mkdtempSync(join(tmpdir(), 'health-tracker-bench-')), 'bare-server.mjs')
    writeFileSync(bareScript, js)
  }
  const started = performance.now()
  const p = await startScript([bareScript])
  return { ...p, listeningMs: performance.now() - started }
}

/** The fake provider (Gemini or OpenAI-compatible) in its own process, answering after `latencyMs`. */
export async function fakeProvider (provider: 'gemini' | 'openai', latencyMs: number): Promise<Proc> {
  return await startScript(['--import', 'tsx', 'bench/fake-server.ts', '--latency', String(latencyMs), '--provider', provider])
}

function status (pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
  return Number(kb) / 1024
}
/** Peak resident set size of a process so far (VmHWM), in MB. */
export const peakRssMb = (pid: number): number => status(pid, 'VmHWM')
/** Resident set size of a process now (VmRSS), in MB. */
export const rssMb = (pid: number): number => status(pid, 'VmRSS')

/**
 * CPU time (user + system) of a whole process so far, in ms, from /proc/<pid>/stat:
 * all threads, the exited ones included. Its 10 ms ticks are fine for runs of
 * seconds (under 1% of what a run uses); single requests need `threadCpuNs`.
 */
export function cpuMs (pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) * 1000 / 100 // clock ticks at USER_HZ = 100
}

const tasks = (pid: number): string[] => readdirSync(`/proc/${pid}/task`)

/** Nanoseconds on CPU so far (schedstat's first field) of the main (JS) thread and of all live threads together. */
export function threadCpuNs (pid: number): { main: number, all: number } {
  let main = 0
  let all = 0
  for (const tid of tasks(pid)) {
    let ns: number
    try {
      ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0])
    } catch {
      continue // the thread exited between the listing and the read
    }
    all += ns
    if (tid === String(pid)) main = ns
  }
  return { main, all }
}

/** true while any thread of the process is running or runnable (state R). */
export function busy (pid: number): boolean {
  return tasks(pid).some((tid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      return stat[stat.lastIndexOf(')') + 2] === 'R'
    } catch {
      return false
    }
  })
}
