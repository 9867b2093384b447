// The low-level Server, not McpServer: McpServer.registerTool takes zod
// schemas, and the tools' schemas are TypeBox (JSON Schema) with no second
// copy; Server takes the JSON Schema as it is.
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError, type CallToolResult, type Tool as ListedTool } from '@modelcontextprotocol/sdk/types.js'
import type { ValidateFunction } from 'ajv'
import { normalizeBody } from '../advice/normalize.js'
import { domainProblem } from '../http/domain-problem.js'
import { fieldErrors } from '../http/field-errors.js'
import { version } from '../version.js'
import { createValidatorFactory, isObjectSchema, listedSchema, withoutSharedDescriptions } from './schemas.js'
import type { Tool, ToolContext, ToolDeps } from './tool.js'
import { createTools } from './tools.js'

/** How a tool call ended; a bounded label set for metrics. */
export type ToolOutcome = 'ok' | 'invalid' | 'no_user' | 'problem' | 'internal'

/** Where the tool layer reports: a pino-like logger and an optional metrics hook. */
export interface ToolboxOptions {
  log: { warn: (fields: object, message: string) => void, error: (fields: object, message: string) => void }
  observe?: (tool: string, outcome: ToolOutcome) => void
}

const INSTRUCTIONS = 'Health tracking tools. Every number (water targets, kcal burned, kcal eaten) is computed by the service from cited tables ' +
  '(EFSA/IOM hydration guidance, the 2024 Adult Compendium of Physical Activities, USDA FoodData Central); quote them rather than estimating your own. ' +
  'advise_* and lookup_* answer questions and save nothing; log_* record an entry for the user, get_day_summary and list_entries read the log, delete_entry removes a mistake. ' +
  'Units are in the field names: litres (_l, amount_liters), kilograms (_kg), minutes, kcal. General wellness information, not medical advice.'

const clean = (detail: string) => detail.replace(/\s+/g, ' ').trim()

/**
 * A tool's behaviour hints. A read-only tool needs no destructive or
 * idempotent hint: the specification gives those meaning only for tools that
 * change something.
 */
function hints (tool: Tool): ListedTool['annotations'] {
  if (tool.readOnly) return { readOnlyHint: true, openWorldHint: false }
  return { readOnlyHint: false, destructiveHint: tool.name === 'delete_entry', openWorldHint: false }
}

/** The tools, listed and callable: listed schemas and validators made once, then shared by every connection. */
export function createToolbox (deps: ToolDeps, options: ToolboxOptions) {
  const tools = createTools(deps)
  const compile = createValidatorFactory()
  const byName = new Map<string, { tool: Tool, validate: ValidateFunction }>(tools.map((t) => [t.name, { tool: t, validate: compile(t.input) }]))
  const withInputs = tools.map((t) => ({ t, input: listedSchema(t.input, 'input') }))
  const inputs = new Map(withInputs.map(({ t, input }) => [t.name, input]))
  const listed: ListedTool[] = withInputs.map(({ t, input }) => {
    const reference = t.argumentsOf === undefined ? undefined : inputs.get(t.argumentsOf)
    if (t.argumentsOf !== undefined && reference === undefined) throw new Error(`${t.name} shares the arguments of an unknown tool, ${t.argumentsOf}`)
    const inputSchema = reference === undefined ? input : withoutSharedDescriptions(input, reference)
    const outputSchema = listedSchema(t.output, 'output', t.neverReturns)
    if (!isObjectSchema(inputSchema) || !isObjectSchema(outputSchema)) throw new Error(`${t.name}: a tool's input and output are object schemas`)
    return {
      name: t.name,
      title: t.title,
      description: reference === undefined ? t.description : `${t.description} Arguments: as ${t.argumentsOf}.`,
      inputSchema,
      outputSchema,
      annotations: hints(t)
    }
  })
  const failed = (name: string, outcome: ToolOutcome, detail: string): CallToolResult => {
    options.observe?.(name, outcome)
    return { isError: true, content: [{ type: 'text', text: clean(detail) }] }
  }

  /** Validates and runs one call; every failure a caller can act on is an isError result, never a protocol error or a stack. */
  async function call (name: string, rawArgs: Record<string, unknown> | undefined, ctx: ToolContext): Promise<CallToolResult> {
    const entry = byName.get(name)
    // An unknown tool is a protocol error (the spec's -32602), not a tool result.
    if (entry === undefined) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${name}`)
    const { tool, validate } = entry
    const args = rawArgs ?? {}
    normalizeBody(args)
    if (!validate(args)) {
      const errors = fieldErrors(validate.errors ?? [], { body: args, properties: Object.keys(tool.input.properties) })
      return failed(name, 'invalid', `Invalid arguments for ${name}: ${errors.slice(0, 5).map((e) => `${e.field} ${e.message}`).join('; ')}`)
    }
    if (tool.tracked && ctx.userId === undefined) return failed(name, 'no_user', `${name} needs an identified user: ${ctx.noUser}`)
    let output: object
    try {
      output = await tool.run(args, { ...ctx, user: ctx.userId })
    } catch (err) {
      const problem = domainProblem(err, () => 'tool')
      if (problem !== undefined) {
        if (problem.log !== undefined) options.log.warn({ ...problem.log.fields, tool: name }, problem.log.message)
        return failed(name, 'problem', problem.retryAfterS === undefined ? problem.detail : `${problem.detail} (retry after ${problem.retryAfterS} s)`)
      }
      // The cause stays in the log; the model gets a generic detail.
      options.log.error({ err, tool: name }, 'tool failed')
      return failed(name, 'internal', `${name} failed unexpectedly; try again later.`)
    }
    options.observe?.(name, 'ok')
    // `output` is what this tool's own run returned, so its own text takes it (the list erases the
    // pairing); it is an object of the tool's output schema, which the SDK types as an index record.
    return { content: [{ type: 'text', text: tool.text(output as never) }], structuredContent: output as Record<string, unknown> }
  }

  return { tools: listed, call }
}

/** The tools of one service instance. */
export type Toolbox = ReturnType<typeof createToolbox>

/**
 * An MCP server for one connection (stdio) or one request (stateless HTTP):
 * cheap to make, since the toolbox is built once. The call's cancellation
 * (the SDK's signal) and the caller's own (a closed HTTP connection) both abort it.
 */
export function createMcpServer (toolbox: Toolbox, ctx: ToolContext): Server {
  const server = new Server({ name: 'health-tracker-api', title: 'Health Tracker', version }, { capabilities: { tools: { listChanged: false } }, instructions: INSTRUCTIONS })
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: toolbox.tools }))
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const signal = ctx.signal === undefined ? extra.signal : AbortSignal.any([ctx.signal, extra.signal])
    return await toolbox.call(request.params.name, request.params.arguments, { ...ctx, signal })
  })
  return server
}
