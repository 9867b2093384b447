import { readdirSync } from 'node:fs'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { freezeClockAndIds } from './record-examples.js'

/** One documented request: a ```sh block holding one curl to localhost:8000, then a ```json block with its answer. */
export interface DocExample {
  /** 1-based line of the curl block, for messages. */
  line: number
  command: string
  request: InjectOptions
  /** The text of the json block and where it sits in the document (offsets of its body). */
  json: { text: string, start: number, end: number }
  /** Variables of the `npm start` line that last came before the example (the server it runs against). */
  env: Record<string, string>
}

/** The settings every replay adds to the documented ones: quiet, a database that leaves no file, no overload shedding. */
export const REPLAY_ENV: Record<string, string> = {
  LOG_LEVEL: 'silent',
  DATABASE_URL: 'sqlite::memory:',
  // Several apps may share a loaded machine's event loop; shedding is not what the examples show.
  MAX_EVENT_LOOP_DELAY_MS: '0'
}

const FENCE = /^```([a-z]*)\n([\s\S]*?)^```$/gm
const START = /^((?:[A-Z][A-Z0-9_]*=\S+\s+)*)(?:npm ci && )?npm start\b/m

/** Splits a shell command into words: single and double quotes, backslash escapes and line continuations. */
export function shellWords (command: string): string[] {
  const words: string[] = []
  let word: string | undefined
  for (let i = 0; i < command.length; i++) {
    const c = command[i]
    if (c === '\\' && command[i + 1] === '\n') { i++; continue }
    if (/\s/.test(c)) {
      if (word !== undefined) words.push(word)
      word = undefined
    } else if (c === '\'' || c === '"') {
      const end = command.indexOf(c, i + 1)
      if (end === -1) throw new Error(`unclosed ${c} in: ${command}`)
      word = (word ?? '') + command.slice(i + 1, end)
      i = end
    } else if (c === '\\') {
      word = (word ?? '') + command[++i]
    } else {
      word = (word ?? '') + c
    }
  }
  if (word !== undefined) words.push(word)
  return words
}

/** The request a documented `curl` command sends, as `app.inject` options. Only the options the docs use are accepted. */
export function parseCurl (command: string): InjectOptions {
  const [curl, ...args] = shellWords(command)
  if (curl !== 'curl') throw new Error(`not a curl command: ${command}`)
  let method: string | undefined
  let url: string | undefined
  let payload: string | undefined
  const headers: Record<string, string> = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (arg === '-s' || arg === '--silent') continue
    if (arg === '-X' || arg === '--request') method = args[++i]
    else if (arg === '-H' || arg === '--header') {
      const header = args[++i]
      const colon = header.indexOf(':')
      headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim()
    } else if (arg === '-d' || arg === '--data') payload = args[++i]
    else if (/^(http:\/\/)?localhost:8000\//.test(arg)) url = arg.replace(/^(http:\/\/)?localhost:8000/, '')
    else throw new Error(`unsupported curl argument ${arg} in: ${command}`)
  }
  if (url === undefined) throw new Error(`no localhost:8000 URL in: ${command}`)
  method ??= payload === undefined ? 'GET' : 'POST'
  return { method: method as InjectOptions['method'], url, headers, ...(payload === undefined ? {} : { payload }) }
}

/** The examples of a Markdown document, in order, each with the server settings it runs under. */
export function findExamples (markdown: string): DocExample[] {
  const blocks = [...markdown.matchAll(FENCE)].map((m) => ({
    lang: m[1], body: m[2], start: m.index, end: m.index + m[0].length, bodyStart: m.index + m[0].indexOf('\n') + 1
  }))
  const examples: DocExample[] = []
  let env: Record<string, string> = {}
  for (const [i, block] of blocks.entries()) {
    if (block.lang !== 'sh') continue
    const start = START.exec(block.body)
    if (start !== null) env = Object.fromEntries(shellWords(start[1]).map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]))
    const command = block.body.trim()
    const next = blocks[i + 1]
    if (!command.startsWith('curl ') || !command.includes('localhost:8000/')) continue
    if (next?.lang !== 'json' || markdown.slice(block.end, next.start).trim() !== '') continue
    examples.push({
      line: markdown.slice(0, block.start).split('\n').length,
      command,
      request: parseCurl(command),
      json: { text: next.body, start: next.bodyStart, end: next.bodyStart + next.body.length },
      env
    })
  }
  return examples
}

/**
 * Sends each example to the real app (`buildApp`, the local advisor) in document
 * order and returns the parsed answers. A new app starts whenever the documented
 * server settings change, so a tracking example sees the profile and entries of
 * the examples before it. The clock is frozen (one second on per request) and
 * UUIDs are counted, as in the spec's recorded examples, so timestamps, entry ids
 * and request ids come out the same on every run.
 */
export async function replayExamples (examples: DocExample[]): Promise<unknown[]> {
  const { tick, restore } = freezeClockAndIds()
  let app: FastifyInstance | undefined
  let env: Record<string, string> | undefined
  try {
    // Imported after the clock and ids are fixed, as the recorder does.
    const { buildApp } = await import('../src/app.js')
    const { loadConfig } = await import('../src/config.js')
    const answers: unknown[] = []
    for (const example of examples) {
      if (app === undefined || example.env !== env) {
        // The answers are the local advisor's: a documented server with a provider would call out of the machine.
        const provider = Object.keys(example.env).find((k) => /^(GEMINI_|OPENAI_|AI_PROVIDER)/.test(k))
        if (provider !== undefined) throw new Error(`line ${example.line}: examples run on the local advisor, but the server before it sets ${provider}`)
        await app?.close()
        app = await buildApp(loadConfig({ ...example.env, ...REPLAY_ENV }))
        env = example.env
      }
      tick()
      const res = await app.inject(example.request)
      if (!/json/.test(String(res.headers['content-type']))) throw new Error(`line ${example.line}: the answer is ${res.headers['content-type']}, not JSON`)
      answers.push(res.json())
    }
    return answers
  } finally {
    await app?.close()
    restore()
  }
}

/** JSON as the docs show it: a value that fits on its line stays on one line, a longer one opens up, two spaces a level. */
export function formatJson (value: unknown, indent = '', prefix = 0): string {
  const flat = JSON.stringify(value)
  if (value === null || typeof value !== 'object' || indent.length + prefix + flat.length <= 100) return flat
  const inner = `${indent}  `
  const items = Array.isArray(value)
    ? value.map((v) => inner + formatJson(v, inner))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${formatJson(v, inner, JSON.stringify(k).length + 2)}`)
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}']
  return `${open}\n${items.join(',\n')}\n${indent}${close}`
}

/** The document with each example's json block replaced by its answer. */
export function rewriteExamples (markdown: string, examples: DocExample[], answers: unknown[]): string {
  let out = markdown
  // From the end, so earlier offsets stay valid.
  for (let i = examples.length - 1; i >= 0; i--) {
    const { start, end } = examples[i].json
    out = out.slice(0, start) + formatJson(answers[i]) + '\n' + out.slice(end)
  }
  return out
}

/** The documents that may hold examples: README.md and every page of docs/, as paths relative to `root`. */
export function documents (root: URL): string[] {
  return ['README.md', ...readdirSync(new URL('docs/', root)).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)]
}
