// `npm run build`, after tsc: the production bundle, dist/server.js (see build-bundle.ts for why).
import { bundle } from './build-bundle.js'

await bundle(new URL('../', import.meta.url), 'dist')
console.log('wrote dist/server.js and dist/mcp-stdio.js')
