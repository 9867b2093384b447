// A full garbage collection in a server, and its heap after it, from outside:
// through the inspector protocol, so the server's code and flags stay as in
// production apart from --inspect. The soaks use it to tell retained memory
// from garbage not yet collected, which RSS alone cannot.
import { WebSocket } from 'undici'

/** One inspector session on a running process. */
export interface Inspector {
  /** Runs a full GC, then returns the V8 heap in use (MB). */
  heapAfterGcMb: () => Promise<number>
  close: () => void
}

/** Connects to the inspector listening on 127.0.0.1:`port`. */
export async function inspect (port: number): Promise<Inspector> {
  const [target] = await (await fetch(`http://127.0.0.1:${port}/json/list`)).json() as Array<{ webSocketDebuggerUrl: string }>
  const ws = new WebSocket(target.webSocketDebuggerUrl)
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject })
  let id = 0
  const waiting = new Map<number, (result: unknown) => void>()
  ws.onmessage = (event) => {
    const msg = JSON.parse(String(event.data)) as { id?: number, result?: unknown }
    if (msg.id !== undefined) waiting.get(msg.id)?.(msg.result)
  }
  const call = async (method: string, params: object = {}): Promise<unknown> => await new Promise((resolve) => {
    waiting.set(++id, resolve)
    ws.send(JSON.stringify({ id, method, params }))
  })
  return {
    heapAfterGcMb: async () => {
      await call('HeapProfiler.collectGarbage')
      const r = await call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true }) as { result: { value: number } }
      return r.result.value / 1024 / 1024
    },
    close: () => ws.close()
  }
}
