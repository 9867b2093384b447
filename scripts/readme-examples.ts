// `npm run readme:examples`: replays every documented curl example (README.md, docs/*.md)
// against the app and writes each answer into the json block after it.
import { readFileSync, writeFileSync } from 'node:fs'
import { documents, findExamples, replayExamples, rewriteExamples } from './replay-docs.js'

const root = new URL('../', import.meta.url)
for (const path of documents(root)) {
  const file = new URL(path, root)
  const markdown = readFileSync(file, 'utf8')
  const examples = findExamples(markdown)
  if (examples.length === 0) continue
  const updated = rewriteExamples(markdown, examples, await replayExamples(examples))
  if (updated !== markdown) writeFileSync(file, updated)
  console.log(`${path}: ${examples.length} examples${updated === markdown ? '' : ', rewritten'}`)
}
