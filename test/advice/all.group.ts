// This folder's test files in one process (see test/helpers/group.ts).
import { runFolder } from '../helpers/group.js'

await runFolder(import.meta.url)
