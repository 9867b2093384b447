/** The value of one exact series (`name{labels}` as prom-client prints it) in a /metrics text; 0 when absent. */
export function metric (text: string, line: string): number {
  const m = new RegExp(`^${line.replace(/[{}"()]/g, (c) => `\\${c}`)} (\\S+)$`, 'm').exec(text)
  return m === null ? 0 : Number(m[1])
}
