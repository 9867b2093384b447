'use strict'
// tap's TypeScript plugin runs each test file through ts-node, which by
// default transpiles every imported .ts file with the TypeScript compiler
// again in each of the ~90 test processes: that was the largest single CPU
// cost of `npm test`. tsconfig.tap.json points ts-node at this transpiler
// instead: the same per-file, types-erased output from esbuild (already a
// devDependency for the bundle), with a source map for coverage and stack
// traces. ts-node stays the loader, so t.mockImport and the coverage report
// work as before. Types are checked once, by `npm run typecheck`.
const esbuild = require('esbuild')

/** ts-node's custom transpiler contract: create() returns { transpile }. */
exports.create = function create ({ nodeModuleEmitKind }) {
  const format = nodeModuleEmitKind === 'nodecjs' ? 'cjs' : 'esm'
  return {
    transpile (input, { fileName }) {
      const { code, map } = esbuild.transformSync(input, {
        loader: fileName.endsWith('x') ? 'tsx' : 'ts',
        format,
        // tsconfig.json's target; `with { type: 'json' }` is kept as written (Node 20 reads it).
        target: 'es2023',
        supported: { 'import-attributes': true },
        sourcemap: 'external',
        sourcefile: fileName,
        // What tsconfig.json sets for emit; esbuild reads no tsconfig here.
        tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true, useDefineForClassFields: true } }
      })
      return { outputText: code, sourceMapText: map }
    }
  }
}
