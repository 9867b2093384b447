/**
 * Normalises text to Unicode NFC so "café" typed two ways is one string for
 * the parser, the cache key and the model. Only the depths the schemas allow
 * (top-level values and one level of arrays) are visited; anything deeper is
 * rejected by validation right after.
 */
export function normalizeBody (body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') Reflect.set(body, key, value.normalize('NFC'))
    else if (Array.isArray(value)) Reflect.set(body, key, value.map((v: unknown) => typeof v === 'string' ? v.normalize('NFC') : v))
  }
}
