// `npm run mcp`: the MCP tools over stdio for a desktop agent, one local user,
// the advisor in-process. The second entry point beside src/server.ts; like it,
// it takes its settings from src/config.ts, the one place config is read.
// stdout carries the protocol: everything else, the log included, goes to stderr.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js'
import closeWithGrace from 'close-with-grace'
import { buildApp } from '../app.js'
import { startupConfig, trackingOff } from '../config.js'
import { createMcpServer, createToolbox } from './server.js'

const { config, warnings } = startupConfig()

const app = await buildApp(config, { logStream: process.stderr, localUser: true })
for (const warning of warnings) app.log.warn(warning)
await app.ready()
const off = trackingOff(config, true)
const toolbox = createToolbox({ advisor: app.advisor, tracking: app.hasDecorator('tracking') ? app.tracking : undefined }, { log: app.log })
// A namespace of its own: an HTTP user is `key:…` or `jwt:…`, so a shared
// database never mixes the local user with a remote one.
const server = createMcpServer(toolbox, {
  userId: off === undefined ? `local:${config.MCP_USER_ID}` : undefined,
  noUser: `tracking is off (${off ?? ''}); unset TRACKING=off to log entries for MCP_USER_ID`
})

let closing: Promise<void> | undefined
const close = async (): Promise<void> => {
  closing ??= server.close().finally(async () => { await app.close() })
  await closing
}
// The agent closing stdin ends the session.
process.stdin.once('end', () => { close().then(() => process.exit(0), () => process.exit(1)) })
closeWithGrace({ delay: config.SHUTDOWN_GRACE_MS }, async ({ err }) => {
  if (err !== undefined) app.log.error({ err }, 'closing after an error')
  await close()
})

await server.connect(new StdioServerTransport())
app.log.info({ user: config.MCP_USER_ID, tracking: off ?? 'on' }, 'MCP server on stdio')
