import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'

const script = fileURLToPath(new URL('../../../.ci/install-system-tools', import.meta.url))
const run = fileURLToPath(new URL('../../../.ci/run', import.meta.url))

/**
 * Runs the install script against stubs: `apt-get` records what it was asked
 * and whether the no-autostart policy was in force, and "starts" the services
 * the packages ship; `service` reports and stops services from a state
 * directory. Nothing real is installed, started or stopped.
 */
function runInstall (t: Test, opts: { policy?: string, runningBefore?: string[] }) {
  const dir = mkdtempSync(join(tmpdir(), 'ci-install-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const bin = join(dir, 'bin')
  const state = join(dir, 'running')
  const policy = join(dir, 'policy-rc.d')
  spawnSync('mkdir', ['-p', bin, state])
  if (opts.policy !== undefined) writeFileSync(policy, opts.policy, { mode: 0o755 })
  for (const s of opts.runningBefore ?? []) writeFileSync(join(state, s), '')
  const stub = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/usr/bin/env bash\n${body}\n`)
    chmodSync(join(bin, name), 0o755)
  }
  stub('sudo', 'exec "$@"')
  stub('apt-get', `echo "apt-get $*" >> "${dir}/log"
if [ "$1" = install ] || [[ " $* " == *" install "* ]]; then
  # What invoke-rc.d would do: ask the policy, start only when allowed.
  if [ -x "${policy}" ]; then "${policy}" start; rc=$?; else rc=0; fi
  echo "policy $rc" >> "${dir}/log"
  if [ "$rc" != 101 ]; then for s in prometheus redis-server postgresql; do touch "${state}/$s"; done; fi
fi`)
  stub('service', `echo "service $*" >> "${dir}/log"
case "$2" in status) [ -e "${state}/$1" ];; stop) rm -f "${state}/$1";; esac`)
  const res = spawnSync('bash', [script], { env: { PATH: `${bin}:${process.env.PATH ?? ''}`, POLICY_RC_D: policy }, encoding: 'utf8' })
  const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : ''
  const running = spawnSync('ls', [state], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)
  return { code: res.status, stderr: res.stderr, log, running, policyAfter: existsSync(policy) ? readFileSync(policy, 'utf8') : undefined }
}

t.test('no policy-rc.d: one is in force during the install (exit 101) and removed afterwards', async (t) => {
  const r = runInstall(t, {})
  t.equal(r.code, 0, r.stderr)
  t.match(r.log, /apt-get .*install .*chromium prometheus redis-server postgresql/)
  t.match(r.log, 'policy 101', 'services were forbidden to start')
  t.same(r.running, [], 'nothing left running')
  t.equal(r.policyAfter, undefined, 'the temporary policy is gone')
  t.notMatch(r.log, /service .* stop/, 'nothing needed stopping')
})

t.test('an existing policy is left alone; only services the install started are stopped, through their scripts', async (t) => {
  const own = '#!/bin/sh\nexit 0\n'
  const r = runInstall(t, { policy: own, runningBefore: ['redis-server'] })
  t.equal(r.code, 0, r.stderr)
  t.equal(r.policyAfter, own, 'the existing policy is unchanged')
  t.match(r.log, 'service prometheus stop')
  t.match(r.log, 'service postgresql stop')
  t.notMatch(r.log, 'service redis-server stop', "a developer's own Redis keeps running")
  t.same(r.running, ['redis-server'])
})

t.test('CI never kills processes by name', async (t) => {
  for (const file of [run, script]) {
    const text = readFileSync(file, 'utf8').split('\n').filter((l) => !l.trim().startsWith('#')).join('\n')
    t.notMatch(text, /\b(pkill|killall|kill)\b/, file)
  }
})
