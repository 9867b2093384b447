import { SerializerSelector, type SerializerFactory } from '@fastify/fast-json-stringify-compiler'

type Schemas = Record<string, unknown>

const isSchemas = (value: unknown): value is Schemas => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The shared schemas a schema reaches through `$ref` (by `$id`, any `#…` fragment aside), directly or through each other. */
export function referencedSchemas (schema: unknown, shared: Schemas): Schemas {
  const out: Schemas = {}
  const walk = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) walk(item)
      return
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string') {
        const id = value.split('#')[0]
        if (id !== '' && !Object.hasOwn(out, id) && Object.hasOwn(shared, id)) {
          out[id] = shared[id]
          walk(shared[id])
        }
      } else walk(value)
    }
  }
  walk(schema)
  return out
}

/**
 * Fastify's own serializer compiler (fast-json-stringify), handed only the shared schemas a
 * response reaches. Given all of them, fast-json-stringify re-validates and re-indexes every
 * shared schema for every route and status it builds a serializer for: most of the ~85 ms the
 * serializers cost at start-up. The serializers come out the same; a `$ref` to a
 * schema nobody added fails as before.
 */
export function serializerFactory (): SerializerFactory {
  const select = SerializerSelector()
  // Fastify passes the schemas added with addSchema, keyed by $id.
  return (shared, options) => (route) => select(referencedSchemas(route.schema, isSchemas(shared) ? shared : {}), options)(route)
}
