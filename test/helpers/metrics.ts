import type { Test } from 'tap'

/** The value of one exact series (`name{labels}` as prom-client prints it) in a /metrics text; 0 when absent. */
export function metric (text: string, line: string): number {
  const m = new RegExp(`^${line.replace(/[{}"()]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)
  return m === null ? 0 : Number(m[1])
}

/** One /water answer of a single-provider app, as a fault-table row expects it. */
export interface FaultRow { provider: 'gemini' | 'openai', source: string, calls: number, reason: string | null }

/** Asserts the metrics one advice call moved: the answer's source, every attempt and retry, and the fallback (or none). */
export function checkFaultMetrics (t: Test, metrics: string, row: FaultRow): void {
  const { provider, source, calls, reason } = row
  t.equal(metric(metrics, `advice_total{topic="water",source="${source}"}`), 1, 'advice metric')
  const attempts = metrics.split('\n').filter((l) => l.startsWith(`ai_upstream_calls_total{provider="${provider}"`)).reduce((n, l) => n + Number(l.split(' ')[1]), 0)
  t.equal(attempts, calls, 'every attempt counted')
  t.equal(metric(metrics, `ai_retries_total{provider="${provider}"}`), calls - 1, 'retry metric')
  if (reason !== null) t.equal(metric(metrics, `ai_fallbacks_total{reason="${reason}",from="${provider}",to="local"}`), 1, 'fallback metric')
  else t.notMatch(metrics, /^ai_fallbacks_total\{/m, 'no fallback')
}
