import { readFileSync } from 'node:fs'
import t from 'tap'
import { ConfigSchema } from '../src/config.js'

const page = readFileSync(new URL('../docs/configuration.md', import.meta.url), 'utf8')

/** The rows of the page's variable table, in order: [name, the default cell as written]. */
function documented (markdown: string): Array<[string, string]> {
  const table = markdown.slice(markdown.indexOf('| variable | default | meaning |'))
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2)
  return rows.map((row) => {
    const [name, value] = row.split(' | ')
    return [name.replace(/^\| `|`$/g, ''), value]
  })
}

/** How the table writes a schema default: in code, `empty` for '', `unset` for none. */
function cell (schema: { default?: unknown }): string {
  if (schema.default === undefined) return 'unset'
  if (schema.default === '') return 'empty'
  return `\`${String(schema.default)}\``
}

t.test('docs/configuration.md lists every variable of the config schema, once, with its default', async (t) => {
  const list = documented(page)
  const rows = new Map(list)
  const properties = ConfigSchema.properties as Record<string, { default?: unknown }>
  t.same(list.map(([name]) => name).sort(), Object.keys(properties).sort(), 'the same variables, each once')
  for (const [name, schema] of Object.entries(properties)) {
    t.equal(rows.get(name), cell(schema), `${name} default`)
  }
})

t.test('the check reads the table as written', async (t) => {
  const doc = '| variable | default | meaning |\n|---|---|---|\n| `A` | `8000` | x |\n| `B` | unset | y |\n\nafter'
  t.same(documented(doc), [['A', '`8000`'], ['B', 'unset']])
  t.equal(cell({ default: 8000 }), '`8000`')
  t.equal(cell({ default: true }), '`true`')
  t.equal(cell({ default: '' }), 'empty')
  t.equal(cell({}), 'unset')
})
