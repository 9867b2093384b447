import { existsSync, readdirSync, readFileSync } from 'node:fs'
import t from 'tap'
import { parse, parseAllDocuments } from 'yaml'
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1'
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2'
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1'
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1'
import { ConfigMap, Secret, Service } from 'kubernetes-models/v1'
import { ConfigSchema, loadConfig } from '../../../src/config.js'

// Parsed YAML is untyped; the model classes validate its shape.
type Obj = Record<string, any>

const dir = new URL('../../../deploy/k8s/', import.meta.url)
const read = (path: string) => readFileSync(new URL(path, dir), 'utf8')
const configKeys = new Set(Object.keys(ConfigSchema.properties))
const EXAMPLE_SECRET = 'secret.example.yaml'
const PLACEHOLDER = /^(REPLACE_ME|<[^>]*>|changeme)$/
// Measured RSS of one process under a 50-connection load test (MB).
const MEASURED_RSS = { idle: 95, peak: 185 }

const models: Record<string, { new (data: any): { validate: () => void } }> = {
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'v1/ConfigMap': ConfigMap,
  'v1/Secret': Secret,
  'v1/Service': Service
}

const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f) && f !== 'kustomization.yaml').sort()
const docs: Array<{ file: string, obj: Obj }> = files.flatMap((file) =>
  parseAllDocuments(read(file)).map((doc) => {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`)
    return { file, obj: doc.toJS() as Obj }
  }))
const find = (kind: string, name: string) => {
  const found = docs.find(({ obj }) => obj.kind === kind && obj.metadata?.name === name)?.obj
  if (found === undefined) throw new Error(`no ${kind} ${name}`)
  return found
}
const deployment = find('Deployment', 'health-tracker-api')
const pod = deployment.spec.template.spec
const api = pod.containers.find((c: Obj) => c.name === 'api')
const configMap = find('ConfigMap', 'health-tracker-api')
const service = find('Service', 'health-tracker-api')
const config = loadConfig(configMap.data)

/** Kubernetes quantities used here (250m, 1, 192Mi) in base units: cores or bytes. */
function quantity (value: string | number): number {
  const m = /^(\d+(?:\.\d+)?)(m|k|M|G|Ki|Mi|Gi)?$/.exec(String(value))
  if (m === null) throw new Error(`unparsed quantity ${value}`)
  const scale: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30 }
  return Number(m[1]) * (m[2] === undefined ? 1 : scale[m[2]])
}

/** Seconds a preStop hook waits: the `sleep` action, `sleep N`, or `node -e setTimeout(…, ms)`. */
function preStopSeconds (hook: Obj | undefined): number {
  if (hook === undefined) return 0
  if (hook.sleep !== undefined) return hook.sleep.seconds
  const command: string[] = hook.exec?.command ?? []
  if (/(^|\/)sleep$/.test(command[0])) return Number(command[1])
  const ms = /setTimeout\([^,]+,\s*(\d+)\)/.exec(command.join(' '))
  if (ms !== null) return Number(ms[1]) / 1000
  throw new Error(`unrecognized preStop hook ${JSON.stringify(hook)}`)
}

/** The container port a probe or Service targets, by number or by name. */
const resolvePort = (port: string | number) =>
  typeof port === 'number' ? port : api.ports.find((p: Obj) => p.name === port)?.containerPort

t.test('every manifest is valid against its kubernetes-models class', async (t) => {
  t.ok(docs.length >= 9, `${docs.length} documents`)
  for (const { file, obj } of docs) {
    const Model = models[`${obj.apiVersion}/${obj.kind}`]
    if (!t.ok(Model, `${file}: ${obj.apiVersion} ${obj.kind} has a model`)) continue
    t.doesNotThrow(() => new Model(obj).validate(), `${file}: ${obj.kind} ${obj.metadata?.name}`)
  }
})

t.test('kustomization lists every manifest except the example secret', async (t) => {
  const kustomization = parse(read('kustomization.yaml'))
  const resources: string[] = kustomization.resources
  for (const r of resources) t.ok(existsSync(new URL(r, dir)), `${r} exists`)
  t.same([...resources].sort(), files.filter((f) => !f.endsWith('.example.yaml')))
  t.notOk(resources.includes(EXAMPLE_SECRET))
  t.notOk(resources.includes('postgres-secret.example.yaml'))
})

t.test('the optional ServiceMonitor component scrapes the Service', async (t) => {
  const component = parse(read('servicemonitor/kustomization.yaml'))
  t.equal(component.kind, 'Component')
  for (const r of component.resources) t.ok(existsSync(new URL(`servicemonitor/${r}`, dir)), `${r} exists`)
  // kubernetes-models has no Prometheus Operator CRDs: check the fields that matter.
  const monitor = parse(read('servicemonitor/servicemonitor.yaml'))
  t.equal(monitor.apiVersion, 'monitoring.coreos.com/v1')
  t.equal(monitor.kind, 'ServiceMonitor')
  t.match(service.metadata.labels, monitor.spec.selector.matchLabels)
  const servicePorts = service.spec.ports.map((p: Obj) => p.name)
  for (const e of monitor.spec.endpoints) {
    t.ok(servicePorts.includes(e.port), `endpoint port ${e.port} is a Service port`)
    t.equal(e.path, '/metrics')
  }
})

t.test('ports, probes and scrape annotations match the app', async (t) => {
  t.equal(ConfigSchema.properties.PORT.default, 8000)
  t.equal(config.PORT, ConfigSchema.properties.PORT.default)
  const http = api.ports.find((p: Obj) => p.name === 'http')
  t.equal(http.containerPort, config.PORT)
  t.equal(resolvePort(service.spec.ports[0].targetPort), config.PORT, 'Service targetPort')
  t.match(deployment.spec.template.metadata.labels, service.spec.selector)
  t.match(deployment.spec.template.metadata.labels, deployment.spec.selector.matchLabels)
  const probes: Record<string, string> = { livenessProbe: '/health', readinessProbe: '/ready', startupProbe: '/health' }
  for (const [probe, path] of Object.entries(probes)) {
    t.equal(api[probe]?.httpGet?.path, path, `${probe} path`)
    t.equal(resolvePort(api[probe]?.httpGet?.port), config.PORT, `${probe} port`)
  }
  t.same(deployment.spec.template.metadata.annotations, {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(config.PORT),
    'prometheus.io/path': '/metrics'
  })
})

t.test('ConfigMap keys and Deployment env names are config keys; secrets stay in the Secret', async (t) => {
  for (const key of Object.keys(configMap.data)) t.ok(configKeys.has(key), `${key} is a config key`)
  t.doesNotThrow(() => loadConfig(configMap.data), 'ConfigMap values pass loadConfig')
  t.notOk('GEMINI_API_KEY' in configMap.data)
  t.notOk('OPENAI_API_KEY' in configMap.data)
  t.notOk('API_KEYS' in configMap.data)
  t.same(api.envFrom, [{ configMapRef: { name: configMap.metadata.name } }])
  const secret = parse(read(EXAMPLE_SECRET))
  for (const e of api.env) {
    t.ok(configKeys.has(e.name), `env ${e.name} is a config key`)
    const ref = e.valueFrom?.secretKeyRef
    t.ok(ref, `${e.name} comes from a Secret`)
    t.equal(ref.name, secret.metadata.name)
    t.ok(ref.key in secret.stringData, `${ref.key} is in the example secret`)
  }
  t.same(api.env.map((e: Obj) => e.name).sort(), ['API_KEYS', 'DATABASE_URL', 'GEMINI_API_KEY', 'OPENAI_API_KEY'])
  // Every setting is stated, so a new ConfigSchema key is a deliberate choice here too.
  t.same([...Object.keys(configMap.data), 'API_KEYS', 'DATABASE_URL', 'GEMINI_API_KEY', 'OPENAI_API_KEY'].sort(), [...configKeys].sort())
  // Provider keys are optional: the local advisor (or a keyless server) answers without them.
  for (const key of ['GEMINI_API_KEY', 'OPENAI_API_KEY']) t.equal(api.env.find((e: Obj) => e.name === key).valueFrom.secretKeyRef.optional, true, `${key} is optional`)
  // Several replicas need the shared Postgres: DATABASE_URL is required, never optional.
  t.notOk(api.env.find((e: Obj) => e.name === 'DATABASE_URL').valueFrom.secretKeyRef.optional)
  t.notOk('DATABASE_URL' in configMap.data)
  // Fail closed: without API_KEYS the pod must not start with open advice routes.
  t.notOk(api.env.find((e: Obj) => e.name === 'API_KEYS').valueFrom.secretKeyRef.optional)
  const redisService = find('Service', 'health-tracker-redis')
  t.equal(configMap.data.REDIS_URL, `redis://${redisService.metadata.name}:${redisService.spec.ports[0].port}`)
})

t.test('the example secret holds placeholders only', async (t) => {
  const secret = parse(read(EXAMPLE_SECRET))
  const values = {
    ...secret.stringData,
    ...Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString()]))
  }
  t.ok(Object.keys(values).length > 0)
  for (const [key, value] of Object.entries(values)) {
    t.ok(configKeys.has(key), `${key} is a config key`)
    t.match(value, PLACEHOLDER, `${key} is a placeholder`)
  }
})

t.test('termination grace covers the preStop wait and SHUTDOWN_GRACE_MS', async (t) => {
  const wait = preStopSeconds(api.lifecycle?.preStop)
  t.ok(wait >= 3, `preStop waits ${wait} s for endpoints to drain`)
  t.ok(pod.terminationGracePeriodSeconds > config.SHUTDOWN_GRACE_MS / 1000 + wait,
    `${pod.terminationGracePeriodSeconds} s > ${config.SHUTDOWN_GRACE_MS / 1000} s + ${wait} s`)
  t.same(deployment.spec.strategy.rollingUpdate, { maxSurge: 1, maxUnavailable: 0 })
  t.notOk('replicas' in deployment.spec, 'the HPA owns the replica count')
})

t.test('every pod is hardened and every container has requests and limits', async (t) => {
  for (const { obj } of docs.filter(({ obj }) => obj.kind === 'Deployment')) {
    const spec = obj.spec.template.spec
    const volumes = new Set(spec.volumes.map((v: Obj) => v.name))
    for (const c of spec.containers) {
      const name = `${obj.metadata.name}/${c.name}`
      const sc = { ...spec.securityContext, ...c.securityContext }
      t.equal(sc.runAsNonRoot, true, `${name} runAsNonRoot`)
      t.ok(sc.runAsUser > 0, `${name} runAsUser is not root`)
      t.equal(sc.readOnlyRootFilesystem, true, `${name} readOnlyRootFilesystem`)
      t.equal(sc.allowPrivilegeEscalation, false, `${name} allowPrivilegeEscalation`)
      t.same(sc.capabilities?.drop, ['ALL'], `${name} drops all capabilities`)
      t.equal(sc.seccompProfile?.type, 'RuntimeDefault', `${name} seccomp`)
      for (const m of c.volumeMounts) t.ok(volumes.has(m.name), `${name} mount ${m.name} is a volume`)
      for (const r of ['cpu', 'memory']) {
        const request = quantity(c.resources?.requests?.[r])
        const limit = quantity(c.resources?.limits?.[r])
        t.ok(request > 0 && request <= limit, `${name} ${r} request ${request} <= limit ${limit}`)
      }
      t.ok(c.readinessProbe && c.livenessProbe, `${name} has probes`)
    }
  }
  t.equal(pod.securityContext.runAsUser, 1000)
  const tmp = api.volumeMounts.find((m: Obj) => m.mountPath === '/tmp')
  t.ok(pod.volumes.find((v: Obj) => v.name === tmp?.name)?.emptyDir, '/tmp is an emptyDir')
  const mb = (q: string) => quantity(q) / 1e6
  t.ok(mb(api.resources.requests.memory) >= MEASURED_RSS.idle, 'memory request covers idle RSS')
  t.ok(mb(api.resources.limits.memory) >= 1.5 * MEASURED_RSS.peak, 'memory limit leaves headroom over peak RSS')
})

t.test('HPA, PDB and Redis target the right pods', async (t) => {
  const hpa = find('HorizontalPodAutoscaler', 'health-tracker-api')
  t.same(hpa.spec.scaleTargetRef, { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name })
  t.ok(hpa.spec.minReplicas >= 2, 'at least two replicas')
  t.match(hpa.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization' } } }])
  const pdb = find('PodDisruptionBudget', 'health-tracker-api')
  t.match(deployment.spec.template.metadata.labels, pdb.spec.selector.matchLabels)
  t.ok((pdb.spec.maxUnavailable ?? 0) < hpa.spec.minReplicas, 'a drain leaves a pod serving')
  const redis = find('Deployment', 'health-tracker-redis')
  const redisService = find('Service', 'health-tracker-redis')
  t.match(redis.spec.template.metadata.labels, redisService.spec.selector)
  t.equal(redis.spec.replicas, 1)
  t.ok(redis.spec.template.spec.volumes.find((v: Obj) => v.name === 'data')?.emptyDir, 'Redis data is an emptyDir')
  const postgres = find('StatefulSet', 'health-tracker-postgres')
  const postgresService = find('Service', 'health-tracker-postgres')
  t.match(postgres.spec.template.metadata.labels, postgresService.spec.selector)
  t.equal(postgres.spec.replicas, 1)
  const pgSecret = parse(read('postgres-secret.example.yaml'))
  const pgEnv = postgres.spec.template.spec.containers[0].env.find((e: Obj) => e.name === 'POSTGRES_PASSWORD')
  t.equal(pgEnv.valueFrom.secretKeyRef.name, pgSecret.metadata.name)
  t.match(pgSecret.stringData.POSTGRES_PASSWORD, PLACEHOLDER)
  const pgPolicy = find('NetworkPolicy', 'health-tracker-postgres')
  t.match(deployment.spec.template.metadata.labels, pgPolicy.spec.ingress[0].from[0].podSelector.matchLabels)
  const policy = find('NetworkPolicy', 'health-tracker-redis')
  t.match(redis.spec.template.metadata.labels, policy.spec.podSelector.matchLabels)
  t.match(deployment.spec.template.metadata.labels, policy.spec.ingress[0].from[0].podSelector.matchLabels)
})
