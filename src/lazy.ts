/**
 * A value loaded on first use and shared by every caller after. A failed load is not kept: the
 * next call tries again, rather than every call failing the same way until a restart.
 */
export function lazy<T> (load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined
  return () => (pending ??= load().catch((err: unknown) => {
    pending = undefined
    throw err
  }))
}
