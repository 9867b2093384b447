import { Type } from '@sinclair/typebox'
import t from 'tap'
import { DateTime, Entry, LEVELS, Nullable, StringEnum, Text, TextList } from '../../schemas/common.js'
import { DATE_PATTERN } from '../../schemas/tracking.js'
import { WaterAdvice } from '../../schemas/water.js'
import { createValidatorFactory, inline, listedSchema, withoutSharedDescriptions } from '../../src/mcp/schemas.js'

t.test('inline replaces named references by their schemas, keeps sibling keywords and drops every $id', async (t) => {
  const schema = inline(Type.Object({ today: Type.Ref('DayTotals', { description: 'the day' }) }, { $id: 'X' }))
  t.notOk('$id' in schema)
  const today = (schema.properties as Record<string, Record<string, unknown>>).today
  t.equal(today.description, 'the day', 'the reference\'s own description wins')
  t.equal(today.additionalProperties, false)
  t.same(Object.keys(today.properties as object), ['water_l', 'water_target_l', 'kcal_in', 'kcal_out', 'entries'])
  t.notMatch(JSON.stringify(inline(WaterAdvice)), /"\$(ref|id)"/, 'nested references too')
  t.throws(() => inline(Type.Ref('Nowhere')), /unknown schema reference Nowhere/)
})

t.test('inline drops the examples keyword, not a property named examples', async (t) => {
  const schema = inline(Type.Object({
    examples: Type.String({ examples: ['a'] }),
    n: Type.Number({ examples: [1] })
  }, { examples: [{ examples: 'a', n: 1 }] }))
  t.notOk('examples' in schema, 'the object\'s own examples go')
  const properties = schema.properties as Record<string, Record<string, unknown>>
  t.same(Object.keys(properties), ['examples', 'n'], 'a property called examples stays')
  t.same(properties.examples, { type: 'string' })
  t.same(properties.n, { type: 'number' })
  t.notMatch(JSON.stringify(inline(WaterAdvice)), /"examples"/, 'nested examples too')
})

t.test('input validators apply the REST rules: no coercion, the extra-field cap, formats', async (t) => {
  const validator = createValidatorFactory()
  const water = validator(Type.Object({ amount_liters: Type.Number() }, { $id: 'CoercionProbe', additionalProperties: false }))
  t.notOk(water({ amount_liters: '1' }), 'a numeric string is not a number')
  const entry = validator({ $id: 'WaterEntry' } as never)
  const extras = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`extra_${i}`, i]))
  t.notOk(entry({ amount_liters: 1, ...extras }), 'at most 20 extra context fields')
  t.ok(entry({ amount_liters: 1, note: 'ok' }))
})

t.test('a listed output keeps each field\'s type: no descriptions, bounds, patterns, formats or required list', async (t) => {
  const probe = Type.Object({
    kcal: Nullable(Type.Number({ minimum: 0, description: 'Energy, kcal' })),
    code: Type.String({ maxLength: 5, pattern: '^\\d{5}$', description: 'A code' }),
    at: Type.String({ format: 'date-time', maxLength: 30 }),
    notes: Type.Array(Type.String({ maxLength: 300 }), { maxItems: 50, description: 'Notes' }),
    source: StringEnum(['gemini', 'local'] as const, { description: 'Who wrote it' }),
    deleted: Type.Literal(true),
    body: Type.Object({}, { additionalProperties: true, description: 'Anything' })
  }, { $id: 'OutputProbe', additionalProperties: false, description: 'A probe', examples: [{}] })
  t.same(listedSchema(probe, 'output'), {
    type: 'object',
    properties: {
      kcal: { type: ['number', 'null'] },
      code: { type: 'string' },
      at: { type: 'string' },
      notes: { type: 'array', items: { type: 'string' } },
      source: { type: 'string', enum: ['gemini', 'local'] },
      deleted: { const: true, type: 'boolean' },
      body: { type: 'object' }
    }
  })
})

t.test('a listed input keeps names, types, enums, required fields and descriptions; the server keeps the rest', async (t) => {
  const probe = Entry('InputProbe', {
    amount: Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'Litres (0 < x ≤ 10)' }),
    note: Text(100, 'A note (≤ 100 characters)'),
    at: Type.Optional(DateTime('When: ISO 8601')),
    tags: Type.Optional(TextList('Tags (≤ 20 items)')),
    level: Type.Optional(StringEnum(LEVELS, { description: 'Effort' })),
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[\\x21-\\x7E]+$', description: 'A key' })),
    day: Type.Optional(Type.String({ maxLength: 10, pattern: DATE_PATTERN, description: 'Date YYYY-MM-DD' }))
  }, { description: 'A probe entry', example: { amount: 1, note: 'x' } })
  t.same(listedSchema(probe, 'input'), {
    type: 'object',
    description: 'A probe entry',
    // The extra context fields: any other field of the types the server takes.
    additionalProperties: { type: ['string', 'number', 'boolean', 'array'] },
    required: ['amount', 'note'],
    properties: {
      amount: { type: 'number', description: 'Litres (0 < x ≤ 10)' },
      note: { type: 'string', description: 'A note (≤ 100 characters)' },
      at: { type: 'string', description: 'When: ISO 8601' },
      tags: { type: 'array', description: 'Tags (≤ 20 items)', items: { type: 'string' } },
      level: { type: 'string', enum: ['low', 'moderate', 'high'], description: 'Effort' },
      // A pattern that says what a value looks like stays; only the server's guards go.
      key: { type: 'string', pattern: '^[\\x21-\\x7E]+$', description: 'A key' },
      // The calendar-date pattern restates its description, as ISO 8601 does.
      day: { type: 'string', description: 'Date YYYY-MM-DD' }
    }
  })
  const closed = listedSchema(Type.Object({ id: Type.String({ maxLength: 64, description: 'Entry id' }) }, { $id: 'ClosedProbe', additionalProperties: false }), 'input')
  t.same(closed, { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', description: 'Entry id' } } }, 'an input without extras stays closed')
})

t.test('a subschema repeated in one tool\'s schema is written once, in $defs', async (t) => {
  const amounts = () => Type.Object({
    fiber_g: Nullable(Type.Number()),
    sugars_g: Nullable(Type.Number()),
    sodium_mg: Nullable(Type.Number()),
    iron_mg: Nullable(Type.Number())
  })
  const probe = Type.Object({
    total: amounts(),
    items: Type.Array(Type.Object({ grams: Type.Number(), amounts: amounts() })),
    small: Type.Object({ a: Type.Number() }),
    also_small: Type.Object({ a: Type.Number() })
  }, { $id: 'SharedProbe' })
  const amountsSchema = { type: 'object', properties: { fiber_g: { type: ['number', 'null'] }, sugars_g: { type: ['number', 'null'] }, sodium_mg: { type: ['number', 'null'] }, iron_mg: { type: ['number', 'null'] } } }
  t.same(listedSchema(probe, 'output'), {
    type: 'object',
    properties: {
      total: { $ref: '#/$defs/total' },
      items: { type: 'array', items: { type: 'object', properties: { grams: { type: 'number' }, amounts: { $ref: '#/$defs/total' } } } },
      // Shorter than a reference pays for: repeated as it is.
      small: { type: 'object', properties: { a: { type: 'number' } } },
      also_small: { type: 'object', properties: { a: { type: 'number' } } }
    },
    $defs: { total: amountsSchema }
  })
  t.same(listedSchema(Type.Object({ one: amounts() }, { $id: 'OnceProbe' }), 'output'), { type: 'object', properties: { one: amountsSchema } }, 'no $defs without a repeat')
})

t.test('a tool that shares another\'s arguments lists them without the shared descriptions', async (t) => {
  const reference = { type: 'object', description: 'A water entry', properties: { amount_liters: { type: 'number', description: 'Litres' }, time: { type: 'string', description: 'When' } } }
  const input = { type: 'object', description: 'A water entry', properties: { amount_liters: { type: 'number', description: 'Litres' }, time: { type: 'string', description: 'When it was drunk' }, idempotency_key: { type: 'string', description: 'A key' } } }
  t.same(withoutSharedDescriptions(input, reference), {
    type: 'object',
    properties: { amount_liters: { type: 'number' }, time: { type: 'string', description: 'When it was drunk' }, idempotency_key: { type: 'string', description: 'A key' } }
  })
  t.same(withoutSharedDescriptions({ ...input, description: 'Another' }, reference).description, 'Another', 'a description of its own stays')
})

t.test('an object of eight or more number fields is listed as a record: an output keeps the value type, an input names its keys', async (t) => {
  const keys = ['a_g', 'b_g', 'c_g', 'd_mg', 'e_mg', 'f_mg', 'g_mcg', 'h_g'] as const
  // As a label's values are written: the first required, the rest optional, each described by its bounds.
  const field = () => Type.Union([Type.Number({ minimum: 0, maximum: 500 }), Type.Null()], { description: '0–500' })
  const record = Type.Object({ a_g: Type.Number({ minimum: 0, description: '0–500' }), ...Object.fromEntries(keys.slice(1).map((k) => [k, Type.Optional(field())])) }, { additionalProperties: false })
  const probe = Type.Object({ values: record }, { additionalProperties: false })
  t.same(listedSchema(probe, 'output'), { type: 'object', properties: { values: { type: 'object', additionalProperties: { type: ['null', 'number'] } } } })
  t.same(listedSchema(probe, 'input').properties, {
    values: { additionalProperties: { type: ['null', 'number'] }, type: 'object', required: ['a_g'], properties: { a_g: { type: 'number' } }, propertyNames: { enum: [...keys] } }
  })
  // Seven fields, or a field described in words, stay as they are.
  const seven = Type.Object({ values: Type.Object(Object.fromEntries(keys.slice(1).map((k) => [k, Type.Number()]))) })
  t.same(Object.keys((listedSchema(seven, 'output').properties as Record<string, { properties: object }>).values.properties), keys.slice(1))
  const worded = Type.Object({ values: Type.Object({ ...Object.fromEntries(keys.slice(1).map((k) => [k, Type.Number()])), a_g: Type.Number({ description: 'Grams of a' }) }) })
  t.ok('properties' in (listedSchema(worded, 'input').properties as Record<string, object>).values)
})

t.test('a listed output keeps the shape of its first list of objects; a list inside it is a list of objects', async (t) => {
  const item = Type.Object({ text: Type.String(), grams: Type.Number() })
  const food = Type.Object({ name: Type.String(), items: Type.Array(item) })
  const page = Type.Object({ items: Type.Array(food), next_cursor: Nullable(Type.String()) })
  t.same(listedSchema(page, 'output'), {
    type: 'object',
    properties: {
      items: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, items: { type: 'array', items: { type: 'object' } } } } },
      next_cursor: { type: ['string', 'null'] }
    }
  })
  // One food alone keeps its list's shape.
  t.same((listedSchema(food, 'output').properties as Record<string, object>).items, { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, grams: { type: 'number' } } } })
})

t.test('a listing leaves out the fields a tool never returns; a path the schema lacks is a mistake', async (t) => {
  const probe = Type.Object({
    entry_id: Type.Optional(Type.String()),
    facts: Type.Object({ kcal: Type.Number(), today: Type.Optional(Type.Object({ entries: Type.Integer() })) })
  })
  t.same(listedSchema(probe, 'output', ['entry_id', 'facts.today']), { type: 'object', properties: { facts: { type: 'object', properties: { kcal: { type: 'number' } } } } })
  t.throws(() => listedSchema(probe, 'output', ['facts.totals']), /no field facts\.totals to leave out/)
  t.throws(() => listedSchema(probe, 'output', ['entry_id.x']), /no field entry_id\.x to leave out/, 'a string has no fields')
})
