import neostandard from 'neostandard'

export default [
  ...neostandard({
    ts: true,
    ignores: ['dist/**', 'coverage/**', '.tap/**', '.scratch/**', 'clients/typescript/src/schema.d.ts']
  }),
  {
    // House style pairs `export const X = Type.Object(...)` with
    // `export type X = Static<typeof X>`; TypeScript itself rejects real redeclarations.
    rules: { '@typescript-eslint/no-redeclare': 'off' }
  }
]
