import { execFile, execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { once } from 'node:events'
import { accessSync, constants, readdirSync, realpathSync, rmSync } from 'node:fs'
import { chown, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { Test } from 'tap'
import { findTool } from './system-tools.js'

/** A throwaway PostgreSQL cluster owned by one test. */
export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/DB` for the test's own database (trust auth, no password). */
  url: string
  /** The same server's `postgres` maintenance database, e.g. for createDatabase. */
  adminUrl: string
  port: number
  dataDir: string
  /** Fast shutdown (SIGINT: sessions are terminated, a checkpoint is written); resolves once the postmaster has exited. */
  stop: () => Promise<void>
  /** Starts the server again on the same port and data directory; resolves once it answers a query. */
  start: () => Promise<void>
  /** The tail of the server's log (stderr), for diagnostics. */
  logs: () => string
}

export interface PostgresOptions {
  /** The database created for the test; `test` unless given. */
  database?: string
  /** Extra server settings, each passed as `-c name=value`. */
  settings?: Record<string, string | number>
  /** How long start() waits for the server to answer a query; 30 s unless given. */
  startTimeoutMs?: number
}

interface Binaries { postgres: string, initdb: string, psql: string | undefined }

function executable (path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/**
 * The newest /usr/lib/postgresql/<major>/bin (the Debian `postgresql` package's
 * layout), else the binaries on PATH. psql comes from the same directory as the
 * server when it has one: Debian's /usr/bin/psql is a pg_wrapper script.
 */
function findBinaries (): Binaries | undefined {
  let majors: string[] = []
  try {
    majors = readdirSync('/usr/lib/postgresql').filter((name) => /^\d+(\.\d+)?$/.test(name))
  } catch {
    // No Debian layout here: fall back to PATH.
  }
  for (const major of majors.sort((a, b) => Number(b) - Number(a))) {
    const bin = join('/usr/lib/postgresql', major, 'bin')
    if (executable(join(bin, 'postgres')) && executable(join(bin, 'initdb'))) {
      const psql = join(bin, 'psql')
      return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb'), psql: executable(psql) ? psql : findTool('psql') }
    }
  }
  const postgres = findTool('postgres')
  const initdb = findTool('initdb')
  if (postgres === undefined || initdb === undefined) return undefined
  // PATH entries are often symlinks (/usr/local/bin/postgres -> .../15/bin/postgres).
  const sibling = join(dirname(realpathSync(postgres)), 'psql')
  return { postgres, initdb, psql: executable(sibling) ? sibling : findTool('psql') }
}

const BINARIES = findBinaries()
const IS_ROOT = process.getuid?.() === 0
const SETPRIV = findTool('setpriv')

/** The `postgres` OS user's uid and gid (looked up through NSS with id(1)), or undefined. */
function postgresUser (): { uid: number, gid: number } | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim())
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim())
    return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : undefined
  } catch {
    return undefined
  }
}

// PostgreSQL refuses to run as root, so as root the cluster belongs to the
// Debian package's `postgres` user; otherwise to whoever runs the tests.
const RUN_AS = IS_ROOT ? postgresUser() : undefined

/**
 * The skip reason for a test that needs a PostgreSQL server, or false to run it.
 * Under REQUIRE_SYSTEM_TOOLS=1 (CI) it always runs, so a missing binary fails.
 */
export function postgresMissing (): string | false {
  if (process.env.REQUIRE_SYSTEM_TOOLS === '1') return false
  if (BINARIES === undefined) return 'postgres/initdb not found in /usr/lib/postgresql/*/bin or on PATH: install them with `apt-get install postgresql`'
  if (IS_ROOT && RUN_AS === undefined) return 'running as root but there is no `postgres` OS user to run the server as: install it with `apt-get install postgresql`'
  if (BINARIES.psql === undefined && loadPg() === undefined) return 'neither the pg package nor psql is available to talk to the server: install psql with `apt-get install postgresql-client`'
  return false
}

interface PgClient {
  on: (event: 'error', listener: (err: Error) => void) => unknown
  connect: () => Promise<unknown>
  query: (sql: string) => Promise<unknown>
  end: () => Promise<void>
}
interface PgModule { Client: new (config: { connectionString: string, connectionTimeoutMillis?: number }) => PgClient }

let pgModule: PgModule | null | undefined
/**
 * The `pg` package when it is installed, else undefined (psql is used instead).
 * Loaded by name at run time so this file compiles whether or not pg is a dependency yet.
 */
function loadPg (): PgModule | undefined {
  if (pgModule === undefined) {
    try {
      pgModule = createRequire(import.meta.url)('pg') as PgModule
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err
      pgModule = null
    }
  }
  return pgModule ?? undefined
}

/** Runs one SQL statement against url (through pg when installed, else psql) and discards the result. */
async function execute (url: string, sql: string): Promise<void> {
  const pg = loadPg()
  if (pg !== undefined) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 })
    // Errors surface through the awaited calls; without a listener a late socket error would crash the test process.
    client.on('error', () => {})
    try {
      await client.connect()
      await client.query(sql)
    } finally {
      await client.end().catch(() => {})
    }
    return
  }
  if (BINARIES?.psql === undefined) throw new Error('neither the pg package nor psql is available to talk to PostgreSQL')
  await new Promise<void>((resolve, reject) => {
    execFile(BINARIES.psql as string, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], {
      timeout: 10_000,
      env: { PATH: process.env.PATH ?? '', PGCONNECT_TIMEOUT: '5', LC_ALL: 'C' }
    }, (err, _stdout, stderr) => {
      if (err === null) resolve()
      else reject(new Error(`psql: ${stderr.trim() || err.message}`))
    })
  })
}

function databaseUrl (url: string, database: string): string {
  const parsed = new URL(url)
  parsed.pathname = `/${database}`
  return parsed.href
}

/** Creates an empty database on the server that url points at and returns its URL. */
export async function createDatabase (url: string, name: string): Promise<string> {
  // Identifiers are interpolated, so only plain names are accepted.
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`)
  await execute(databaseUrl(url, 'postgres'), `CREATE DATABASE "${name}"`)
  return databaseUrl(url, name)
}

/**
 * How a server binary is launched: [file, args, spawn options].
 *
 * setpriv (util-linux) rather than runuser or su: those fork and stay as the
 * parent of the command (to hold a PAM session), so the pid we hold would be
 * theirs and our signals would reach postgres only if they forward them.
 * setpriv changes user and then execs, so the child pid *is* the postmaster:
 * SIGINT reaches it directly and teardown kills exactly that process.
 * --pdeathsig SIGQUIT (immediate shutdown) also stops the server when the
 * test process dies without running teardown (tap timeout, SIGKILL, crash);
 * the kernel keeps it across setpriv's uid change because setpriv sets it last.
 * Without setpriv, node's own uid/gid spawn options switch user (libuv also
 * drops supplementary groups), covered by the exit hook below instead.
 */
function launch (binary: string, args: string[]): [string, string[], SpawnOptions] {
  // A minimal, predictable environment: no PG* variables leaking in from the developer's shell.
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' }
  if (process.env.TZ !== undefined) env.TZ = process.env.TZ
  // A cwd the postgres user can enter (root's cwd may not be).
  const options: SpawnOptions = { env, cwd: tmpdir() }
  if (SETPRIV !== undefined) {
    const user = RUN_AS === undefined ? [] : ['--reuid', String(RUN_AS.uid), '--regid', String(RUN_AS.gid), '--clear-groups']
    return [SETPRIV, [...user, '--pdeathsig', 'SIGQUIT', binary, ...args], options]
  }
  if (RUN_AS !== undefined) Object.assign(options, { uid: RUN_AS.uid, gid: RUN_AS.gid })
  return [binary, args, options]
}

async function run (binary: string, args: string[]): Promise<void> {
  const [file, argv, options] = launch(binary, args)
  const child = spawn(file, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  child.stdout?.on('data', (chunk: Buffer) => { out += chunk.toString() })
  child.stderr?.on('data', (chunk: Buffer) => { out += chunk.toString() })
  const [code, signal] = await once(child, 'close') as [number | null, NodeJS.Signals | null]
  if (code !== 0) throw new Error(`${binary} ${args.join(' ')} failed (${signal ?? `exit code ${code}`}):\n${out.trim()}`)
}

async function freePort (): Promise<number> {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const port = (probe.address() as AddressInfo).port
  await new Promise((resolve) => probe.close(resolve))
  return port
}

async function accepts (port: number): Promise<boolean> {
  return await new Promise<boolean>((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => { socket.end(); resolve(true) })
    socket.on('error', () => resolve(false))
  })
}

// Servers still running when the process exits without teardown (an uncaught
// error, process.exit): ask for an immediate shutdown and drop their files.
const live = new Map<ChildProcess, string>()
let exitHookInstalled = false
function track (child: ChildProcess, dir: string): void {
  live.set(child, dir)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.once('exit', () => {
    for (const [running, path] of live) {
      running.kill('SIGQUIT')
      try {
        rmSync(path, { recursive: true, force: true })
      } catch {
        // Best effort: the process is exiting anyway.
      }
    }
  })
}

const LOG_TAIL_CHARS = 16_384

/**
 * Starts a throwaway PostgreSQL server: a fresh cluster (initdb, trust auth
 * for postgres@127.0.0.1) in a temp dir, a postgres child on a free loopback
 * port with fsync on, and an empty database. Teardown stops it and deletes
 * the data directory.
 */
export async function startPostgres (t: Test, opts: PostgresOptions = {}): Promise<PostgresServer> {
  if (BINARIES === undefined) throw new Error('postgres/initdb not found in /usr/lib/postgresql/*/bin or on PATH: install them with `apt-get install postgresql`')
  if (IS_ROOT && RUN_AS === undefined) throw new Error('running as root but there is no `postgres` OS user to run the server as (PostgreSQL refuses to run as root): install `postgresql`')
  const binaries = BINARIES
  const database = opts.database ?? 'test'
  const timeout = opts.startTimeoutMs ?? 30_000

  // /tmp/health-tracker-pg-XXXXXX/{data,sock}: short enough for the unix socket path limit (107 bytes).
  const base = await mkdtemp(join(tmpdir(), 'health-tracker-pg-'))
  const dataDir = join(base, 'data')
  const socketDir = join(base, 'sock')
  let child: ChildProcess | undefined
  let exited: Promise<unknown> = Promise.resolve()
  let log = ''

  async function stop (): Promise<void> {
    const running = child
    if (running === undefined) return
    if (running.exitCode === null && running.signalCode === null) {
      running.kill('SIGINT')
      // Fast shutdown takes well under a second; the fallbacks only keep a wedged server from hanging the suite.
      if (!await settlesWithin(exited, 60_000)) {
        running.kill('SIGQUIT')
        if (!await settlesWithin(exited, 10_000)) running.kill('SIGKILL')
      }
    }
    await exited
    live.delete(running)
    child = undefined
  }

  t.teardown(async () => {
    await stop()
    await rm(base, { recursive: true, force: true })
  })

  await mkdir(dataDir, { mode: 0o700 })
  await mkdir(socketDir, { mode: 0o700 })
  if (RUN_AS !== undefined) {
    for (const dir of [base, dataDir, socketDir]) await chown(dir, RUN_AS.uid, RUN_AS.gid)
  }
  // --no-sync only skips flushing initdb's own files (a throwaway cluster on a
  // machine that is not going to crash); the server below runs with fsync on.
  await run(binaries.initdb, ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const port = await freePort()
  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`
  const settings = { fsync: 'on', shared_buffers: '16MB', max_connections: 50, ...opts.settings }

  async function start (): Promise<void> {
    if (child !== undefined) return
    const [file, argv, options] = launch(binaries.postgres, [
      '-D', dataDir, '-p', String(port), '-k', socketDir, '-h', '127.0.0.1',
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])
    ])
    const started = spawn(file, argv, { ...options, stdio: ['ignore', 'pipe', 'pipe'] })
    const append = (chunk: Buffer) => { log = (log + chunk.toString()).slice(-LOG_TAIL_CHARS) }
    started.stdout?.on('data', append)
    started.stderr?.on('data', append)
    child = started
    exited = once(started, 'exit').catch(() => {})
    // A spawn failure (ENOENT) is reported by the readiness loop via exitCode/signalCode or the error below.
    let spawnError: Error | undefined
    started.on('error', (err) => { spawnError = err })
    track(started, base)

    const deadline = Date.now() + timeout
    let lastError: unknown
    while (Date.now() < deadline) {
      if (spawnError !== undefined || started.exitCode !== null || started.signalCode !== null) {
        // Let the last log lines arrive before reporting them.
        await settlesWithin(once(started, 'close'), 1000)
        child = undefined
        live.delete(started)
        const how = spawnError?.message ?? (started.signalCode ?? `exit code ${started.exitCode}`)
        throw new Error(`postgres exited before accepting connections (${how}):\n${tail(log)}`)
      }
      if (await accepts(port)) {
        try {
          await execute(adminUrl, 'SELECT 1')
          return
        } catch (err) {
          // Still starting up or recovering ("the database system is starting up"): try again.
          lastError = err
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    await stop()
    throw new Error(`postgres did not answer a query on 127.0.0.1:${port} within ${timeout} ms (last error: ${String(lastError)}):\n${tail(log)}`)
  }

  await start()
  const url = await createDatabase(adminUrl, database)
  return { url, adminUrl, port, dataDir, stop, start, logs: () => log }
}

async function settlesWithin (promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const expired = new Promise<boolean>((resolve) => { timer = setTimeout(resolve, ms, false) })
  const result = await Promise.race([promise.then(() => true, () => true), expired])
  clearTimeout(timer)
  return result
}

function tail (text: string, lines = 20): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}
