import type { FastifyInstance, FastifyRequest } from 'fastify'
import { splitList, type Config } from '../config.js'
import { lazy } from '../lazy.js'
import { OriginForbidden } from '../plugins/errors.js'
import { clientGoneSignal } from './advice-route.js'

/** The request headers the SDK transport reads; nothing else (the bearer token above all) is handed to it. */
const TRANSPORT_HEADERS = ['accept', 'content-type', 'mcp-protocol-version', 'mcp-session-id', 'last-event-id'] as const

/** The Fastify request as the Web-standard Request the SDK transport takes (the body travels already parsed). */
function webRequest (request: FastifyRequest): Request {
  const headers = new Headers()
  for (const name of TRANSPORT_HEADERS) {
    const value = request.headers[name]
    if (typeof value === 'string') headers.set(name, value)
  }
  return new Request(new URL(request.url, 'http://mcp.invalid'), { method: request.method, headers })
}

/**
 * `POST /mcp`: the tools over MCP Streamable HTTP, stateless. Each request
 * gets a new server and transport (no session id, JSON responses rather than
 * an SSE stream), so any replica can answer any request and nothing lives
 * past the reply. Registered in the API scope: the same auth hook (401, and
 * `request.userId`), rate limit, body limit, error handler and metrics (route
 * label `/mcp`) as the REST routes. The Web-standard transport returns a
 * Response that Fastify sends, rather than writing to a hijacked socket, so
 * none of those steps is bypassed.
 */
export default async function mcpRoutes (app: FastifyInstance, opts: { config: Config, trackingOff?: string }) {
  const allowed = new Set(splitList(opts.config.MCP_ALLOWED_ORIGINS))
  const metrics = app.metrics
  // The MCP SDK (zod under it) and the tools' validators load on the first /mcp call, not at start:
  // they were ~0.2 s of a cold start for a route many deployments never see called.
  // A failed load is not kept (lazy), so a transient error does not fail every later call.
  const loaded = lazy(async () => {
    const [sdk, { WebStandardStreamableHTTPServerTransport: Transport }] = await Promise.all([
      import('../mcp/server.js'),
      import('@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js')
    ])
    const toolbox = sdk.createToolbox(
      { advisor: app.advisor, tracking: app.hasDecorator('tracking') ? app.tracking : undefined },
      { log: app.log, observe: (tool, outcome) => metrics.mcpToolCalls.inc({ tool, outcome }) }
    )
    return { toolbox, sdk, Transport }
  })
  const noUser = opts.trackingOff !== undefined
    ? `tracking is off on this server (${opts.trackingOff}); the advise_* and lookup_* tools still work`
    : 'connect with an API key as the bearer token plus an X-User-Id header naming the user, or with a JWT bearer token'

  app.post('/mcp', {
    // JSON-RPC, described by tools/list rather than OpenAPI.
    schema: { hide: true },
    // DNS rebinding (MCP transport spec): a browser always sends Origin on a
    // cross-site or rebound POST, so an Origin outside the allowlist is
    // refused; clients that send none (agents, servers, the CLI) are served.
    onRequest: async (request) => {
      const origin = request.headers.origin
      if (origin !== undefined && !allowed.has(origin)) {
        throw new OriginForbidden(origin)
      }
    }
  }, async (request, reply) => {
    const { toolbox, sdk, Transport } = await loaded()
    const server = sdk.createMcpServer(toolbox, { userId: request.userId, noUser, signal: clientGoneSignal(app.advisor, reply) })
    const transport = new Transport({ sessionIdGenerator: undefined, enableJsonResponse: true })
    await server.connect(transport)
    try {
      const response = await transport.handleRequest(webRequest(request), { parsedBody: request.body })
      reply.code(response.status)
      response.headers.forEach((value, name) => { reply.header(name, value) })
      const body = await response.text()
      return await reply.send(body === '' ? undefined : body)
    } finally {
      await server.close()
    }
  })
}
