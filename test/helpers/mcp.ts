import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'

/** Listens on an ephemeral 127.0.0.1 port; returns the `/mcp` URL. */
export async function listen (app: FastifyInstance): Promise<URL> {
  const base = await app.listen({ port: 0, host: '127.0.0.1' })
  return new URL('/mcp', base)
}

/** The SDK's own client over real HTTP, with the given request headers; closed in teardown. */
export async function connect (t: Test, url: URL, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'health-tracker-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }))
  t.teardown(() => client.close())
  return client
}

/** Calls a tool; the result typed as a tool result (the SDK's return type also admits a legacy shape). */
export async function call (client: Client, name: string, args: Record<string, unknown> = {}): Promise<CallToolResult> {
  return await client.callTool({ name, arguments: args }) as CallToolResult
}

/** The text of a result's single text content. */
export function textOf (result: CallToolResult): string {
  const [first] = result.content
  return first?.type === 'text' ? first.text : ''
}

/** One raw JSON-RPC POST to /mcp, as a client that is not the SDK would send it. */
export async function rawPost (url: URL, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body
  })
}

/** A JSON-RPC initialize request. */
export const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } }
})
