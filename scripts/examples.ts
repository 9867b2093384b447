// `npm run examples`: records the spec's response examples from the running app (schemas/examples.json).
import { writeFileSync } from 'node:fs'
import { recordExamples } from './record-examples.js'

writeFileSync(new URL('../schemas/examples.json', import.meta.url), `${JSON.stringify((await recordExamples()).examples, null, 2)}\n`)
console.log('wrote schemas/examples.json')
