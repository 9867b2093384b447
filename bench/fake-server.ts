// The fake Gemini in its own process for `npm run bench`: `--latency <ms>`.
import { startFakeGemini } from '../test/helpers/fake-gemini.js'

const i = process.argv.indexOf('--latency')
const delayMs = i === -1 ? 100 : Number(process.argv[i + 1])
const fake = await startFakeGemini({ kind: 'ok', delayMs, text: 'Keep sipping steadily through the day.' })
console.log(fake.url)
process.on('SIGTERM', () => { fake.close().then(() => process.exit(0), () => process.exit(1)) })
