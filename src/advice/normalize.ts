/**
 * Normalises text to Unicode NFC so "café" typed two ways is one string for
 * the parser, the cache key and the model. Only the depths the schemas allow
 * (top-level values and one level of arrays) are visited; anything deeper is
 * rejected by validation right after.
 */
export function normalizeBody (body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return
  const record = body as Record<string, unknown>
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') record[key] = value.normalize('NFC')
    else if (Array.isArray(value)) record[key] = value.map((v: unknown) => typeof v === 'string' ? v.normalize('NFC') : v)
  }
}
