import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Type } from '@sinclair/typebox'
import { okResponse } from '../../schemas/common.js'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/** Every metric the service exports, on a registry owned by one app instance. */
export function createMetrics () {
  // A registry per app: prom-client's global one throws "already registered"
  // as soon as a second app (tests, hot reload) registers the same names.
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const httpLabels = ['method', 'route', 'status'] as const
  const m = {
    registry,
    httpRequests: new Counter({ name: 'http_requests_total', help: 'HTTP requests by method, route template and status', labelNames: httpLabels, registers: [registry] }),
    httpDuration: new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: httpLabels,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry]
    }),
    errors: new Counter({ name: 'errors_total', help: 'Error responses by type', labelNames: ['type'] as const, registers: [registry] }),
    advice: new Counter({ name: 'advice_total', help: 'Advice answers by topic and source', labelNames: ['topic', 'source'] as const, registers: [registry] }),
    aiDuration: new Histogram({
      name: 'ai_api_duration_seconds',
      help: 'Duration of each AI provider attempt by provider and outcome',
      labelNames: ['provider', 'outcome'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30],
      registers: [registry]
    }),
    aiCalls: new Counter({ name: 'ai_upstream_calls_total', help: 'AI provider attempts by outcome', labelNames: ['provider', 'outcome'] as const, registers: [registry] }),
    aiFallbacks: new Counter({
      name: 'ai_fallbacks_total',
      help: 'Providers that did not answer, by reason, from the provider that failed to the one asked next (a provider, local, or none when AI_FALLBACK=none)',
      labelNames: ['reason', 'from', 'to'] as const,
      registers: [registry]
    }),
    aiTokens: new Counter({ name: 'ai_tokens_total', help: 'Tokens reported by each AI provider by kind', labelNames: ['provider', 'kind'] as const, registers: [registry] }),
    aiRetries: new Counter({ name: 'ai_retries_total', help: 'Retries of AI provider calls', labelNames: ['provider'] as const, registers: [registry] }),
    aiBreakerState: new Gauge({ name: 'ai_circuit_breaker_state', help: 'Circuit breaker state per provider: 0 closed, 1 half-open, 2 open', labelNames: ['provider'] as const, registers: [registry] }),
    aiInFlight: new Gauge({ name: 'ai_in_flight', help: 'AI provider calls in flight', labelNames: ['provider'] as const, registers: [registry] }),
    aiQueued: new Gauge({ name: 'ai_queued', help: 'AI provider calls waiting for a concurrency slot', labelNames: ['provider'] as const, registers: [registry] }),
    aiCache: new Counter({ name: 'ai_cache_requests_total', help: 'Advice cache lookups per provider by result (hit, miss, coalesced)', labelNames: ['provider', 'result'] as const, registers: [registry] }),
    mcpToolCalls: new Counter({ name: 'mcp_tool_calls_total', help: 'MCP tool calls by tool and outcome (ok, invalid, no_user, problem, internal)', labelNames: ['tool', 'outcome'] as const, registers: [registry] })
  }
  return m
}

/** The app's metrics. */
export type Metrics = ReturnType<typeof createMetrics>

/** Prometheus metrics: HTTP RED metrics, errors, and `GET /metrics`. */
export default fp(async function metricsPlugin (app: FastifyInstance) {
  const metrics = createMetrics()
  app.decorate('metrics', metrics)
  // Declared up front so every request object has the same shape (V8 keeps
  // one hidden class) and Fastify knows the property; the error and 404
  // handlers set it, onResponse reads it.
  app.decorateRequest('metricsErrorType', undefined)

  // Synchronous: an async hook costs a promise and a microtask turn per request, for work that never waits.
  app.addHook('onResponse', (request, reply, done) => {
    // The route template, never the raw URL, keeps label cardinality bounded.
    const route = request.routeOptions.url ?? 'unmatched'
    const labels = { method: request.method, route, status: String(reply.statusCode) }
    metrics.httpRequests.inc(labels)
    metrics.httpDuration.observe(labels, reply.elapsedTime / 1000)
    if (reply.statusCode >= 400) metrics.errors.inc({ type: request.metricsErrorType ?? String(reply.statusCode) })
    done()
  })

  app.get('/metrics', {
    schema: {
      operationId: 'getMetrics',
      summary: 'Prometheus metrics',
      description: 'Prometheus text exposition format (version 0.0.4).',
      tags: ['operations'],
      response: { 200: okResponse('getMetrics', 'Metrics in Prometheus text format', { 'text/plain': Type.String({ description: 'Prometheus text exposition format 0.0.4' }) }, { rateLimited: false }) }
    },
    config: { rateLimit: false }
  }, async (_request, reply) => {
    reply.type(metrics.registry.contentType)
    return await metrics.registry.metrics()
  })
}, { name: 'metrics' })

declare module 'fastify' {
  interface FastifyInstance {
    metrics: Metrics
  }
  interface FastifyRequest {
    /** Bounded label for errors_total, set by the error and 404/405 handlers. */
    metricsErrorType?: string
  }
}
