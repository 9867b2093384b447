// A fake provider in its own process for `npm run bench`: `--latency <ms>`, `--provider gemini|openai`.
import { startFakeGemini } from '../test/helpers/fake-gemini.js'
import { startFakeOpenAI } from '../test/helpers/fake-openai.js'

const arg = (name: string) => { const i = process.argv.indexOf(name); return i === -1 ? undefined : process.argv[i + 1] }
const delayMs = Number(arg('--latency') ?? 100)
const mode = { kind: 'ok', delayMs, text: 'Keep sipping steadily through the day.' } as const
const fake = arg('--provider') === 'openai' ? await startFakeOpenAI(mode) : await startFakeGemini(mode)
console.log(fake.url)
process.on('SIGTERM', () => { fake.close().then(() => process.exit(0), () => process.exit(1)) })
