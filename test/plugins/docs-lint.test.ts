import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import t from 'tap'

const root = fileURLToPath(new URL('../../', import.meta.url))
const redocly = fileURLToPath(new URL('../../node_modules/.bin/redocly', import.meta.url))

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
