import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const redocly = fileURLToPath(new URL('../../../node_modules/.bin/redocly', import.meta.url))

interface LintReport {
  totals: { errors: number, warnings: number, ignored: number }
  problems: Array<{ ruleId: string, severity: string, message: string, location: Array<{ pointer: string }> }>
}

t.test('openapi.yaml passes `redocly lint` (recommended ruleset, redocly.yaml) with no errors', async (t) => {
  // Exit code 1 means "problems found": the JSON report on stdout is still complete.
  const run = await promisify(execFile)(redocly, ['lint', 'openapi.yaml', '--format=json'], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
    .catch((err: { stdout?: string, stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }))
  const report = JSON.parse(run.stdout) as LintReport
  const list = (severity: string) => report.problems
    .filter((p) => p.severity === severity)
    .map((p) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`)
  t.same(list('error'), [], 'no lint errors')
  t.equal(report.totals.errors, 0)
  t.comment(`redocly: ${report.totals.errors} errors, ${report.totals.warnings} warnings, ${report.totals.ignored} ignored`)
  for (const warning of list('warn')) t.comment(`warning: ${warning}`)
})

const spectral = fileURLToPath(new URL('../../../node_modules/.bin/spectral', import.meta.url))

interface SpectralResult { code: string, severity: number, message: string, path: Array<string | number> }

/** `spectral lint` with the repo's ruleset (.spectral.yaml: the OWASP ruleset from node_modules, and the named waivers). */
async function spectralLint (file: string): Promise<SpectralResult[]> {
  // Exit code 1 means "errors found": the JSON report on stdout is still complete.
  const run = await promisify(execFile)(spectral, ['lint', file, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], { cwd: root, maxBuffer: 16 * 1024 * 1024 })
    .catch((err: { stdout?: string, stderr?: string }) => ({ stdout: err.stdout ?? '', stderr: err.stderr ?? '' }))
  return JSON.parse(run.stdout) as SpectralResult[]
}

t.test('openapi.yaml passes the OWASP API Security ruleset (`spectral lint`, .spectral.yaml) with no errors', async (t) => {
  const results = await spectralLint('openapi.yaml')
  const errors = results.filter((r) => r.severity === 0).map((r) => `${r.code} at ${r.path.join('/')}: ${r.message}`)
  t.same(errors, [], 'no Spectral errors')
  const warnings = results.filter((r) => r.severity === 1)
  // Object.groupBy is Node 21+; the project still supports Node 20.
  const counts = new Map<string, number>()
  for (const w of warnings) counts.set(w.code, (counts.get(w.code) ?? 0) + 1)
  const byRule = [...counts].map(([code, n]) => `${code} ×${n}`)
  t.comment(`spectral owasp: ${errors.length} errors, ${warnings.length} warnings (${byRule.join(', ')})`)
})

t.test('the Spectral ruleset really loads the OWASP rules: a spec without bounds fails', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'spectral-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const bad = join(dir, 'bad.yaml')
  await writeFile(bad, [
    'openapi: 3.1.0',
    'info: { title: t, version: "1", description: d, contact: { email: a@example.com } }',
    'servers: [{ url: "/" }]',
    'paths:',
    '  /x:',
    '    get:',
    '      operationId: x',
    '      responses:',
    '        "200":',
    '          description: ok',
    '          content: { application/json: { schema: { type: object, properties: { name: { type: string }, n: { type: integer } } } } }'
  ].join('\n'))
  const codes = new Set((await spectralLint(bad)).filter((r) => r.severity === 0).map((r) => r.code))
  for (const rule of ['owasp:api4:2023-string-limit', 'owasp:api4:2023-integer-limit', 'owasp:api4:2023-rate-limit', 'owasp:api9:2023-inventory-access']) {
    t.ok(codes.has(rule), `${rule} is an error`)
  }
})
