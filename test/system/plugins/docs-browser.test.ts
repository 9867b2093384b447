import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import t from 'tap'
import { productionBundle } from '../../helpers/bundle.js'
import { startServer } from '../../helpers/server-process.js'
import { requireTool } from '../../helpers/system-tools.js'

// Debian's chromium, never a downloaded browser; flags keep it off the network.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const OPERATIONS = ['adviseWater', 'adviseGym', 'adviseFood']

// Runs before any page script, so a violation during start-up is seen too.
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (e) => {
  window.reportCspViolation(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber)
})`

t.test('Swagger UI renders under the CSP and Try it out on POST /water answers 200', async (t) => {
  const executablePath = requireTool(t, 'chromium', 'chromium')
  if (executablePath === undefined) return

  const server = await startServer({}, (await productionBundle()).server)
  t.teardown(() => { server.child.kill('SIGKILL') })
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS })
  t.teardown(() => browser.close())
  const context = await browser.newContext()
  const page = await context.newPage()
  page.setDefaultTimeout(15_000)

  const consoleErrors: string[] = []
  const failed: string[] = []
  const violations: string[] = []
  page.on('console', (msg) => { if (msg.type() === 'error' || msg.type() === 'warning') consoleErrors.push(`${msg.type()}: ${msg.text()}`) })
  page.on('pageerror', (err) => { consoleErrors.push(`pageerror: ${err.message}`) })
  page.on('requestfailed', (req) => { failed.push(`${req.method()} ${req.url()}: ${req.failure()?.errorText}`) })
  await page.exposeFunction('reportCspViolation', (text: string) => { violations.push(text) })
  await page.addInitScript(REPORT_CSP_VIOLATIONS)

  const docs = await page.goto(`${server.url}/docs`)
  t.equal(docs?.status(), 200)
  t.match(docs?.headers()['content-security-policy'], /script-src 'self'/, 'helmet CSP is on the page')

  for (const id of OPERATIONS) {
    await page.locator(`#operations-advice-${id}`).waitFor()
    t.pass(`${id} renders`)
  }

  const water = page.locator('#operations-advice-adviseWater')
  await water.locator('.opblock-summary').click()
  // The documented 200 shows the recorded seed answer (schemas/examples.json), not a placeholder built from the schema.
  const documented = await water.locator('.responses-table tr.response[data-code="200"] .highlight-code').first().innerText()
  t.match(documented, 'Target met: 2 L of your 1.8 L goal', 'the 200 example is the recorded seed answer')
  t.notMatch(documented, '"message": "string"', 'no placeholder message')
  await water.getByRole('button', { name: 'Try it out' }).click()
  const body = water.locator('textarea.body-param__text')
  t.same(JSON.parse(await body.inputValue()), { amount_liters: 2, time: '2024-06-01T10:00:00' }, 'body editor holds the seed example')
  await water.getByRole('button', { name: 'Execute' }).click()

  const live = water.locator('.live-responses-table tr.response')
  await live.waitFor()
  t.equal((await live.locator('.response-col_status').innerText()).trim(), '200')
  const answer = JSON.parse(await live.locator('.response-col_description .highlight-code pre').innerText()) as { message?: unknown, source?: unknown }
  t.type(answer.message, 'string', 'the rendered response has a message')
  t.equal(answer.source, 'local')

  const screenshot = join(tmpdir(), `health-tracker-docs-${process.pid}.png`)
  await live.scrollIntoViewIfNeeded()
  await page.screenshot({ path: screenshot })
  t.comment(`screenshot: ${screenshot}`)

  t.same(violations, [], 'no securitypolicyviolation event')
  t.same(consoleErrors.filter((m) => /Content[- ]Security[- ]Policy/i.test(m)), [], 'no CSP errors in the console')
  t.same(failed, [], 'no request failed')
  if (consoleErrors.length > 0) t.comment(`console:\n${consoleErrors.join('\n')}`)
})
