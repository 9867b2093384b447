import t from 'tap'
import { waterMessage } from '../../../src/advice/topics/water.js'
import { variants, water } from '../../helpers/local-words.js'

t.test('water: dangerous intake', async (t) => {
  const day = water({ amount_liters: 10 })
  t.equal(waterMessage(day, 's'), 'You\'ve logged 10 L today, which is risky. Stop drinking for now, as kidneys clear about 1 L an hour; seek care if unwell.')
  const pace = water({ amount_liters: 4, time: '2024-06-01T02:00:00' })
  t.match(pace.warnings[0], /^dangerous/)
  t.equal(waterMessage(pace, 's'), 'You\'ve logged 4 L today, which is risky. Stop drinking for now, as kidneys clear about 1 L an hour; seek care if unwell.')
})

t.test('water: unsafe intake above the target', async (t) => {
  const day = water({ amount_liters: 6.5 })
  t.equal(waterMessage(day, 's'), '6.5 L is more than you need today. Ease off and sip only to thirst; your 1.8 L target is already covered.')
  const pace = water({ amount_liters: 2.5, time: '2024-06-01T02:00:00' })
  t.match(pace.warnings[0], /^unsafe/)
  t.equal(waterMessage(pace, 's'), '2.5 L is more than you need today. Ease off and sip only to thirst; your 1.8 L target is already covered.')
})

t.test('water: a pace warning before the target is reached does not claim it is covered', async (t) => {
  const facts = water({ amount_liters: 1.2, weight_kg: 70, time: '2024-06-01T01:00:00' })
  t.equal(facts.remaining_l, 0.76)
  t.equal(facts.warnings.length, 1)
  t.equal(waterMessage(facts, 's'), '1.2 L is a lot of water so far. Pause, then spread the last 0.8 L slowly, under 1 L an hour.')
  const large = water({ amount_liters: 6.5, weight_kg: 250 })
  t.equal(waterMessage(large, 's'), '6.5 L is a lot of water so far. Pause, then spread the last 0.5 L slowly, under 1 L an hour.')
})

t.test('water: target met', async (t) => {
  const facts = water({ amount_liters: 2 })
  t.equal(facts.remaining_l, 0)
  t.same(variants((s) => waterMessage(facts, s)), [
    'Target met: 2 L of your 1.8 L goal. Sip to thirst for the rest of the day.',
    'Well done: 2 L drunk, so your 1.8 L target is reached. Keep water nearby and drink when thirsty.'
  ])
})

t.test('water: almost there', async (t) => {
  t.same(variants((s) => waterMessage(water({ amount_liters: 1.5 }), s)),
    ['Almost there: 0.3 L to go to reach 1.8 L today. One or two more glasses will do it.'])
  t.same(variants((s) => waterMessage(water({ amount_liters: 1.3 }), s)),
    ['Almost there: 0.5 L to go to reach 1.8 L today. One or two more glasses will do it.'], 'exactly 0.5 L left')
  t.same(variants((s) => waterMessage(water({ amount_liters: 2, weight_kg: 70, temperature: 35 }), s)),
    ['Almost there: 0.5 L to go to reach 2.5 L today. One or two more glasses will do it. It is hot, so keep sipping.'])
  t.same(variants((s) => waterMessage(water({ amount_liters: 2.42, weight_kg: 70, exercise_duration: 60 }), s)),
    ['Almost there: 0.04 L to go to reach 2.5 L today. One or two more glasses will do it.'])
})

t.test('water: far from the target (under 40 %)', async (t) => {
  t.same(variants((s) => waterMessage(water({ amount_liters: 0.5 }), s)), [
    '1.3 L to go today toward your 1.8 L target. Start now with a glass, then one every hour or so.',
    'You still need 1.3 L today to reach 1.8 L. Keep a bottle in sight and sip steadily.'
  ])
  t.same(variants((s) => waterMessage(water({ amount_liters: 0.5, weight_kg: 70, exercise_duration: 60, temperature: 32 }), s)), [
    '2.7 L to go today toward your 3.2 L target. Start now with a glass, then one every hour or so. Exercise adds 0.8 L.',
    'You still need 2.7 L today to reach 3.2 L. Keep a bottle in sight and sip steadily. It is hot, so keep sipping.'
  ])
})

t.test('water: part of the way', async (t) => {
  t.same(variants((s) => waterMessage(water({ amount_liters: 1 }), s)), [
    '0.8 L to go to reach 1.8 L today. Good progress; keep a bottle handy and sip steadily.',
    'Halfway habits pay off: 0.8 L left of your 1.8 L target today. A glass with each meal gets you there.'
  ])
  t.same(variants((s) => waterMessage(water({ amount_liters: 2, weight_kg: 70, exercise_duration: 60, temperature: 32 }), s)), [
    '1.2 L to go to reach 3.2 L today. Good progress; keep a bottle handy and sip steadily. It is hot, so keep sipping.',
    'Halfway habits pay off: 1.2 L left of your 3.2 L target today. A glass with each meal gets you there. Exercise adds 0.8 L.'
  ])
})
