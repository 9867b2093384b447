import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'
import { allSchemas } from '../../schemas/index.js'
import { AJV_OPTIONS, extraPropertiesKeyword } from '../http/ajv-keywords.js'

const named = new Map<string, TSchema>(allSchemas.map((s) => [String(s.$id), s]))

/**
 * A TypeBox schema as plain JSON Schema with every `$ref` to a named schema
 * replaced by that schema, and no `$id` or `examples` left. MCP clients get each tool's
 * schemas on their own, with nothing to resolve a reference against; and an
 * Ajv (the SDK client's) that compiles two output schemas embedding the same
 * `$id` would refuse the second. The OpenAPI examples are dropped: every
 * tools/list puts the schemas in a model's context, where they cost tokens
 * and teach nothing the descriptions do not.
 */
export function inline (schema: unknown): Record<string, unknown> {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk)
    if (node === null || typeof node !== 'object') return node
    const record = node as Record<string, unknown>
    if (typeof record.$ref === 'string') {
      const target = named.get(record.$ref)
      if (target === undefined) throw new Error(`unknown schema reference ${record.$ref}`)
      const { $ref: _ref, ...rest } = record
      return { ...(walk(target) as object), ...(walk(rest) as object) }
    }
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(record)) {
      if (key === '$id' || key === 'examples') continue
      // Property names are data, not keywords: one called "examples" stays.
      out[key] = key === 'properties' && value !== null && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, walk(property)]))
        : walk(value)
    }
    return out
  }
  // Through JSON: TypeBox's symbol-keyed metadata is not part of the schema.
  return walk(JSON.parse(JSON.stringify(schema))) as Record<string, unknown>
}

/**
 * Compiles input validators with the REST routes' rules (AJV_OPTIONS, the
 * formats and the extra-fields keyword Fastify's compiler has), against the
 * same named schemas.
 */
export function createValidatorFactory (): (schema: TSchema) => ValidateFunction {
  const ajv = new Ajv({ ...AJV_OPTIONS, addUsedSchema: false })
  addFormats.default(ajv)
  extraPropertiesKeyword(ajv)
  for (const schema of allSchemas) ajv.addSchema(schema)
  return (schema) => ajv.getSchema(String(schema.$id)) ?? ajv.compile(schema)
}
