import t from 'tap'
import { build, SEEDS } from '../../helpers/build.js'
import { startRedis } from '../../helpers/redis-server.js'

// Rate limiting across replicas against a real redis-server; the rest of the
// plugin's behaviour is in test/plugins/security.test.ts.
t.test('REDIS_URL: the limit holds across app instances sharing one Redis', async (t) => {
  const url = await startRedis(t)
  if (url === undefined) return
  const env = { RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW: '1 minute', REDIS_URL: url }
  const replicaA = await build(t, env)
  const replicaB = await build(t, env)
  const statuses: number[] = []
  for (const app of [replicaA, replicaB, replicaA, replicaB]) {
    statuses.push((await app.inject({ method: 'POST', url: '/water', payload: SEEDS.water })).statusCode)
  }
  t.same(statuses, [200, 200, 200, 429])
})
