// `npm run openapi`: writes openapi.yaml from the app's live spec.
import { writeFileSync } from 'node:fs'
import { renderSpec } from './render-spec.js'

writeFileSync(new URL('../openapi.yaml', import.meta.url), await renderSpec())
console.log('wrote openapi.yaml')
