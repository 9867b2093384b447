import t from 'tap'
import { clip, fieldErrors, nearMiss } from '../../src/http/field-errors.js'
import { build } from '../helpers/build.js'

t.test('near misses are plausible typos only', async (t) => {
  const names = ['amount_liters', 'time', 'weight_kg', 'activity_level', 'temperature', 'exercise_duration']
  t.equal(nearMiss('amount_litres', names), 'amount_liters')
  t.equal(nearMiss('AMOUNT_LITERS', names), 'amount_liters')
  t.equal(nearMiss('temprature', names), 'temperature')
  t.equal(nearMiss('note', names), undefined, '"note" is not "time"')
  t.equal(nearMiss('amount_liters', names), undefined, 'the name itself is no miss')
  // Worked by hand: 13 letters allow three edits, and "amuont_litres" is two swaps (uo, re) from
  // amount_liters, four edits without swaps; "tmie" (four letters, one edit) is one swap from time.
  t.equal(nearMiss('amuont_litres', names), 'amount_liters', 'two swaps are two edits')
  t.equal(nearMiss('tmie', names), 'time', 'a swap is one edit')
})

t.test('hints read the body through the JSON pointer', async (t) => {
  t.same(fieldErrors([
    { instancePath: '/items/0', keyword: 'pattern', params: { pattern: '^(?=[\\s\\S]*\\S)[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069]*$' } },
    { instancePath: '/a~1b', keyword: 'minLength', params: { limit: 3 }, message: 'must NOT have fewer than 3 characters' },
    { instancePath: '/n', keyword: 'minimum', params: { comparison: '>=', limit: 1 } }
  ], { body: { items: [' '] } }), [
    { field: 'items/0', message: 'must not be empty or blank' },
    { field: 'a~1b', message: 'must have at least 3 characters' },
    { field: 'n', message: 'must be ≥ 1' }
  ])
})

t.test('without a body or schema to look at, messages stay plain', async (t) => {
  t.same(fieldErrors([
    { instancePath: '', keyword: 'required', params: { missingProperty: 'food' } },
    { instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: 'Food' } },
    { instancePath: '/note', keyword: 'pattern', params: { pattern: '^(?=[\\s\\S]*\\S)' } },
    { instancePath: '/time', keyword: 'pattern', params: { pattern: '^\\d{4}' } },
    { instancePath: '/heart_rate', keyword: 'maximum', params: { comparison: '<=', limit: 250 } }
  ], { body: 'not an object' }), [
    { field: 'food', message: 'is required' },
    { field: 'Food', message: 'is not a known field, and extra context fields need a lower-case snake_case name (letters, digits, _; at most 40 characters)' },
    // Patterns the schemas do not use have no wording of their own.
    { field: 'note', message: 'is not in the expected form' },
    { field: 'time', message: 'is not in the expected form' },
    { field: 'heart_rate', message: 'must be ≤ 250' }
  ])
})

t.test('field errors stay within the Problem schema: at most 50, a long field name clipped to 200 characters', async (t) => {
  // A 16 KB body can name hundreds of unknown fields, each as long as the client likes.
  const long = 'x'.repeat(1000)
  const errors = Array.from({ length: 120 }, (_, i) => ({ instancePath: '', keyword: 'additionalProperties', params: { additionalProperty: `${long}${i}` }, message: 'must NOT have additional properties' }))
  const out = fieldErrors(errors)
  t.equal(out.length, 50, 'the Problem schema says maxItems 50')
  t.equal(out[0].field.length, 200, 'the FieldError schema says maxLength 200')
  t.ok(out[0].field.endsWith('…'), 'an ellipsis marks the cut')
  t.ok(out.every((e) => e.message.length <= 300), 'messages within maxLength 300')
  t.equal(clip('short', 10), 'short', 'short text is untouched')
})

t.test('each pattern says what it wants: a query limit, a date, a time zone, a date-time', async (t) => {
  const app = await build(t, { API_KEYS: 'k1' })
  const headers = { authorization: 'Bearer k1', 'x-user-id': 'pat' }
  const limit = await app.inject({ url: '/entries?limit=500', headers })
  t.equal(limit.statusCode, 400)
  t.same(limit.json().errors, [{ field: 'limit', message: 'must be a whole number from 1 to 200' }])
  const date = await app.inject({ url: '/summary?date=2024-13-01', headers })
  t.same(date.json().errors, [{ field: 'date', message: 'must be a calendar date YYYY-MM-DD, e.g. 2024-06-01' }])
  const zone = await app.inject({ method: 'PUT', url: '/profile', headers, payload: { timezone: 'Europe Paris' } })
  t.same(zone.json().errors, [{ field: 'timezone', message: 'must be an IANA time-zone name, e.g. Europe/Paris' }])
  const time = await app.inject({ method: 'POST', url: '/water', headers: { authorization: 'Bearer k1' }, payload: { amount_liters: 1, time: 'yesterday' } })
  t.same(time.json().errors, [{ field: 'time', message: 'must be an ISO 8601 date-time, e.g. 2024-06-01T10:00:00' }])
})
