import type { AnySchemaObject, Plugin } from 'ajv'

/**
 * The validation rules of every input, shared by Fastify's compiler (the REST
 * routes) and the MCP tools' Ajv: no type coercion, no silent stripping of
 * unknown fields, no defaults filled in, and every bad field reported, not
 * only the first.
 */
export const AJV_OPTIONS = { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: true } as const

/**
 * Ajv keyword `x-max-extra-properties`: caps the properties an object has
 * beyond those its `properties` names (the API takes at most 20 extra context
 * fields). The `x-` prefix keeps the keyword legal in OpenAPI documents.
 */
export const extraPropertiesKeyword: Plugin<unknown> = function extraPropertiesKeyword (ajv) {
  ajv.addKeyword({
    keyword: 'x-max-extra-properties',
    type: 'object',
    schemaType: 'number',
    errors: true,
    validate: function validate (max: number, data: Record<string, unknown>, parent?: AnySchemaObject) {
      const known: object = parent?.properties ?? {}
      const extra = Object.keys(data).filter((k) => !Object.hasOwn(known, k))
      if (extra.length <= max) return true
      // Ajv reads a keyword's errors from the validate function itself.
      Object.assign(validate, {
        errors: [{
          keyword: 'x-max-extra-properties',
          message: `at most ${max} extra context fields are allowed (got ${extra.length})`,
          params: { limit: max, extra: extra.length, field: extra[max] }
        }]
      })
      return false
    }
  })
  return ajv
}
