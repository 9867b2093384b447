import { Ajv, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import type { TSchema } from '@sinclair/typebox'
import { DATE_TIME_PATTERN, TEXT_PATTERN } from '../../schemas/common.js'
import { allSchemas } from '../../schemas/index.js'
import { DATE_PATTERN } from '../../schemas/tracking.js'
import { AJV_OPTIONS, extraPropertiesKeyword } from '../http/ajv-keywords.js'

type Node = Record<string, unknown>

const named = new Map<string, TSchema>(allSchemas.map((s) => [String(s.$id), s]))
const isNode = (value: unknown): value is Node => value !== null && typeof value === 'object' && !Array.isArray(value)

/** Applies `walk` to every subschema of a node; property names are data, not keywords. */
function mapChildren (node: Node, walk: (child: unknown) => unknown, keep: (key: string, value: unknown) => boolean = () => true): Node {
  const out: Node = {}
  for (const [key, value] of Object.entries(node)) {
    if (!keep(key, value)) continue
    out[key] = (key === 'properties' || key === 'patternProperties' || key === '$defs') && isNode(value)
      ? Object.fromEntries(Object.entries(value).map(([name, property]) => [name, walk(property)]))
      : Array.isArray(value) ? value.map(walk) : walk(value)
  }
  return out
}

/**
 * A TypeBox schema as plain JSON Schema with every `$ref` to a named schema
 * replaced by that schema, and no `$id` or `examples` left. MCP clients get each tool's
 * schemas on their own, with nothing to resolve a reference against; and an
 * Ajv (the SDK client's) that compiles two output schemas embedding the same
 * `$id` would refuse the second.
 */
export function inline (schema: TSchema): Node {
  const walkNode = (node: Node): Node => {
    if (typeof node.$ref === 'string') {
      const target = named.get(node.$ref)
      if (target === undefined) throw new Error(`unknown schema reference ${node.$ref}`)
      const { $ref: _ref, ...rest } = node
      return { ...walkNode(plain(target)), ...walkNode(rest) }
    }
    return mapChildren(node, walk, (key) => key !== '$id' && key !== 'examples')
  }
  const walk = (value: unknown): unknown => isNode(value) ? walkNode(value) : value
  return walkNode(plain(schema))
}

/** A schema as plain JSON: TypeBox's symbol-keyed metadata is not part of the schema. */
function plain (schema: TSchema): Node {
  const copy: unknown = JSON.parse(JSON.stringify(schema))
  return isNode(copy) ? copy : {}
}

/** Whether a listed schema is an object schema, the shape tools/list requires of a tool's input and output. */
export function isObjectSchema (node: Node): node is Node & { type: 'object', properties?: Record<string, object>, required?: string[] } {
  const { type, properties, required } = node
  return type === 'object' &&
    (properties === undefined || (isNode(properties) && Object.values(properties).every(isNode))) &&
    (required === undefined || (Array.isArray(required) && required.every((r) => typeof r === 'string')))
}

/** Which side of a tool a schema describes. */
export type SchemaRole = 'input' | 'output'

// What a listed output schema keeps: each field's type, the shape a client checks structuredContent against.
const OUTPUT_KEYWORDS = new Set(['type', 'properties', 'items', 'anyOf', 'enum', 'const'])
// What a listed input leaves to the server, which checks every call against the full schema:
// the bounds (each input's description states its own in words, which a model reads and
// which costs a third of the bytes), formats, and the patterns that guard against control
// characters or restate a description (ISO 8601, YYYY-MM-DD).
const INPUT_DROPPED = new Set(['minimum', 'maximum', 'exclusiveMinimum', 'minLength', 'maxLength', 'maxItems', 'format', 'x-max-extra-properties', 'patternProperties'])
const SERVER_PATTERNS = new Set([TEXT_PATTERN, DATE_TIME_PATTERN, DATE_PATTERN])
// A repeated subschema at least this long (as JSON) is written once, in $defs.
const SHARED_MIN_LENGTH = 120

/** `{anyOf: [{type: a}, {type: b}]}` as `{type: [a, b]}`; anything else as it is. */
function typeList (node: Node): Node {
  const members = node.anyOf
  if (!Array.isArray(members)) return node
  const types: string[] = []
  for (const m of members) {
    if (!isNode(m) || Object.keys(m).length !== 1 || typeof m.type !== 'string') return node
    types.push(m.type)
  }
  const { anyOf: _anyOf, ...rest } = node
  return { ...rest, type: types }
}

/** The JSON types a union admits, nested unions included. */
function memberTypes (node: unknown): string[] {
  if (!isNode(node)) return []
  return Array.isArray(node.anyOf) ? node.anyOf.flatMap(memberTypes) : typeof node.type === 'string' ? [node.type] : []
}

// A listed output object of at least this many number fields (nutrients, per-serving values) is
// written as a record of numbers: its keys are the documented ones, and a client checking
// structuredContent needs the types, not twelve copies of them (about 4 KB of tools/list).
const NUMBER_RECORD_MIN = 8

/**
 * An object whose fields are all numbers (or null), each described by its bounds alone, as a record
 * of them: an output keeps only the value type; an input names its keys (`propertyNames`), since a
 * model fills them in, and the server checks each bound. Anything else as it is.
 */
function numberRecord (node: Node, role: SchemaRole): Node {
  const fields = isNode(node.properties) ? Object.entries(node.properties) : []
  if (fields.length < NUMBER_RECORD_MIN) return node
  const types = new Set<string>()
  const fieldTypes: Array<[string, unknown]> = []
  for (const [key, field] of fields) {
    if (!isNode(field)) return node
    const { type, description, ...other } = field
    fieldTypes.push([key, type])
    const each = Array.isArray(type) ? type : [type]
    if (Object.keys(other).length > 0 || !each.every((t) => t === 'number' || t === 'null')) return node
    if (description !== undefined && !/^[\d\s.,–-]+$/.test(String(description))) return node
    for (const t of each) types.add(String(t))
  }
  const { properties: _fields, ...rest } = node
  const values = { type: types.size === 1 ? [...types][0] : [...types].sort() }
  if (role === 'output') return { ...rest, additionalProperties: values }
  // A required field stays a property: a required key must be one the schema defines.
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : [])
  const properties = Object.fromEntries(fieldTypes.filter(([key]) => required.has(key)).map(([key, type]) => [key, { type }]))
  return { ...rest, ...(required.size > 0 ? { properties } : {}), propertyNames: { enum: fields.map(([key]) => key) }, additionalProperties: values }
}

/** Trims one inlined node for tools/list (see listedSchema). */
function trim (node: Node, role: SchemaRole): Node {
  const walk = (child: unknown): unknown => isNode(child) ? trim(child, role) : child
  let out: Node
  if (role === 'output') {
    out = mapChildren(node, walk, (key) => OUTPUT_KEYWORDS.has(key))
    if (isNode(out.properties) && Object.keys(out.properties).length === 0) delete out.properties
  } else {
    out = mapChildren(node, walk, (key, value) => !INPUT_DROPPED.has(key) && !(key === 'pattern' && SERVER_PATTERNS.has(String(value))))
    // An entry's extra context fields: the server's rule names them by a pattern that excludes
    // the documented fields, counts them and bounds each value; listed, any other field of one
    // of those types is allowed (the entry's description gives the rule in words).
    const extras = isNode(node.patternProperties) ? Object.values(node.patternProperties) : []
    if (extras.length === 1) out.additionalProperties = { type: [...new Set(memberTypes(extras[0]))] }
  }
  return numberRecord(typeList(out), role)
}

/** Moves each subschema that occurs twice or more (and is long enough to pay for a `$ref`) into `$defs`. */
function share (root: Node): Node {
  const seen = new Map<string, { count: number, name: string, node: Node }>()
  const count = (node: unknown, name: string) => {
    if (Array.isArray(node)) { node.forEach((n) => count(n, name)); return }
    if (!isNode(node)) return
    const json = JSON.stringify(node)
    if (json.length >= SHARED_MIN_LENGTH) {
      const entry = seen.get(json) ?? { count: 0, name, node }
      entry.count++
      seen.set(json, entry)
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && isNode(value)) for (const [property, schema] of Object.entries(value)) count(schema, property)
      else count(value, key === 'items' ? `${name}_item` : name)
    }
  }
  count(root, 'root')
  const defs: Record<string, Node> = {}
  const names = new Map<string, string>()
  for (const [json, { count: n, name, node }] of seen) {
    if (n < 2) continue
    let unique = name
    for (let i = 2; unique in defs; i++) unique = `${name}${i}`
    defs[unique] = node
    names.set(json, unique)
  }
  if (names.size === 0) return root
  const replaceNode = (node: Node, top: boolean): Node => {
    const name = top ? undefined : names.get(JSON.stringify(node))
    if (name !== undefined) return { $ref: `#/$defs/${name}` }
    return mapChildren(node, replace)
  }
  const replace = (value: unknown): unknown => isNode(value) ? replaceNode(value, false) : value
  // A shared schema may hold another: each definition is rewritten against the rest too.
  return { ...replaceNode(root, true), $defs: Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, replaceNode(def, true)])) }
}

/**
 * A tool's schema as tools/list sends it. Every tools/list puts all the
 * tools' schemas in a model's context, so each is as short as its job allows,
 * and looser than the server's own schema, never stricter: the server checks
 * every call against the full one. Inlined (see inline). An input keeps what a
 * model needs to fill it in: names, types, enums, required fields and the
 * descriptions, which state each bound in words. An output keeps the shape a
 * client checks structuredContent against, each field's type; the tool's
 * description says what the numbers mean. `omit` names fields the tool never
 * returns (what only a logged answer carries, for a tool that logs nothing).
 * A subschema repeated inside one tool's schema is written once, in `$defs`.
 */
export function listedSchema (schema: TSchema, role: SchemaRole, omit: readonly string[] = []): Node {
  const trimmed = omit.reduce((node, path) => without(node, path.split('.'), path), trim(inline(schema), role))
  return share(role === 'output' ? nestedListsAsObjects(trimmed, false) : trimmed)
}

/** A schema without the property at a dot-separated path (`facts.today`); a path it lacks is a mistake in the tool. */
function without (node: Node, [name, ...rest]: string[], path: string): Node {
  const properties = isNode(node.properties) ? node.properties : {}
  const field = properties[name]
  if (!isNode(field)) throw new Error(`no field ${path} to leave out`)
  return { ...node, properties: Object.fromEntries(Object.entries(properties).flatMap(([key, value]) => key !== name ? [[key, value]] : rest.length > 0 ? [[key, without(field, rest, path)]] : [])) }
}

/**
 * An output with each list of objects inside another list's objects (a recipe's items in a page of
 * foods) listed as a list of objects: the shape a client checks is kept to the first list, and the
 * tool's description and the REST reference give the rest.
 */
function nestedListsAsObjects (node: Node, inList: boolean): Node {
  const items = node.items
  if (node.type === 'array' && isNode(items) && items.type === 'object') {
    return inList ? { type: 'array', items: { type: 'object' } } : { ...node, items: nestedListsAsObjects(items, true) }
  }
  return mapChildren(node, (child) => isNode(child) ? nestedListsAsObjects(child, inList) : child)
}

/**
 * A listed input without the descriptions it shares with another tool's
 * listed input (the whole input's, and each same-named argument's), for a
 * tool whose description points at that tool: advise_water and log_water take
 * the same entry, and a model reads every tool of the list together.
 */
export function withoutSharedDescriptions (input: Node, reference: Node): Node {
  const theirs = isNode(reference.properties) ? reference.properties : {}
  const properties = Object.fromEntries(Object.entries(isNode(input.properties) ? input.properties : {}).map(([name, schema]) => {
    const other = theirs[name]
    if (!isNode(schema) || !isNode(other) || schema.description === undefined || schema.description !== other.description) return [name, schema]
    const { description: _shared, ...rest } = schema
    return [name, rest]
  }))
  const { description, ...rest } = input
  return { ...rest, ...(description === reference.description ? {} : { description }), properties }
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
