// Renders k8s/base, the overlays and k8s/infra (tools/kustomize.mjs, no kustomize binary needed) and
// checks every object: the fields Kubernetes requires per kind plus the wiring a typo would break
// silently (selectors, named probe ports, config references), that every app has its Deployment,
// ServiceAccount, autoscaler, disruption budget and network policy, and — for the overlays and the
// infrastructure — the Kubernetes 1.34 OpenAPI schemas (kubernetes-models, pinned in package.json)
// plus the required fields of the operators' resources (CloudNativePG, NACK, external-secrets,
// Prometheus Operator).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { NATS_AUTH_CONF, natsUsers } from './infra.mjs';
import { render } from './kustomize.mjs';
import { SERVICE_NODE_OPTIONS } from './node-options.mjs';

type Obj = Record<string, any>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BASE = path.join(root, 'k8s', 'base');
const OVERLAYS = ['dev', 'prod'].map((o) => path.join(root, 'k8s', 'overlays', o));
const INFRA = { nats: path.join(root, 'k8s', 'infra', 'nats'), postgres: path.join(root, 'k8s', 'infra', 'postgres') };
const KUSTOMIZATIONS = [BASE, ...OVERLAYS, INFRA.nats, INFRA.postgres];
const API_VERSIONS: Record<string, string> = {
  ConfigMap: 'v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  Deployment: 'apps/v1',
  Job: 'batch/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  NetworkPolicy: 'networking.k8s.io/v1',
  Ingress: 'networking.k8s.io/v1',
};
/**
 * Static web frontends: nginx images of their own (the Dockerfile's target of the same name), no /metrics
 * (not annotated for scraping, skipped by the ServiceMonitor), reaching only the gateway. Each has the
 * Deployment, ServiceAccount, autoscaler, disruption budget and network policy of an app.
 */
const FRONTENDS: Record<string, { image: string; dockerTarget: string; nginxConf: string }> = {
  'county-console': { image: 'gov-console', dockerTarget: 'console', nginxConf: 'apps/county-console/nginx.conf' },
};
/** Secrets the base references but never contains: each environment creates them. */
const EXTERNAL_SECRETS = new Set(['platform-secrets', 'nats-credentials', 'actor-keys', 'db-credentials', 'gov-db-migrations']);
/** Secret settings and the Secret each belongs in. */
const SECRET_KEYS: Record<string, string> = {
  DATABASE_URL: 'platform-secrets',
  PII_KEYS: 'platform-secrets',
  PII_ACTIVE_KEY_ID: 'platform-secrets',
  PII_HMAC_KEY: 'platform-secrets',
  NATS_PASSWORD: 'nats-credentials',
  ACTOR_SIGNING_KEY: 'actor-keys',
  ACTOR_VERIFY_KEYS: 'actor-keys',
};
/** ConfigMap keys that are file names (mounted as files rather than read as environment). */
const FILE_KEY = /^[-._a-zA-Z0-9]+$/;
const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^(?=.{1,15}$)(?=.*[a-z])[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;
const QUANTITY = /^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function listApps(): string[] {
  return fs
    .readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'apps', d.name, 'src', 'main.ts')))
    .map((d) => d.name)
    .sort();
}

const isPortNumber = (p: unknown) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= 65535;
const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);
const podSpec = (o: Obj): Obj | undefined => o.spec?.template?.spec;
const containersOf = (o: Obj): Obj[] => [...(podSpec(o)?.containers ?? []), ...(podSpec(o)?.initContainers ?? [])];

const natsUserNames = natsUsers().map((u: { user: string }) => u.user);

/** Every problem with the rendered objects, as readable lines (empty when they are fine). */
function checkManifests(objects: Obj[], apps: string[]): string[] {
  const errors: string[] = [];
  const configMaps = new Map(objects.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata?.name, o]));
  const deployments = objects.filter((o) => o.kind === 'Deployment');
  // ConfigMaps read as environment (envFrom) need variable names as keys; the others hold files.
  const envConfigMaps = new Set(objects.flatMap((o) => containersOf(o).flatMap((c) => (c.envFrom ?? []).map((f: Obj) => f.configMapRef?.name))).filter(Boolean));
  const ids = new Set<string>();

  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    if (typeof o.apiVersion !== 'string' || typeof o.kind !== 'string') errors.push(`${id}: apiVersion and kind are required`);
    if (!DNS_SUBDOMAIN.test(o.metadata?.name ?? '')) errors.push(`${id}: metadata.name missing or not a DNS name`);
    if (ids.has(id)) errors.push(`${id}: defined twice`);
    ids.add(id);
    if (o.metadata?.namespace) errors.push(`${id}: the base is namespace-less (overlays set the namespace)`);
    for (const [where, map] of [
      ['labels', o.metadata?.labels],
      ['annotations', o.metadata?.annotations],
      ['template labels', o.spec?.template?.metadata?.labels],
      ['template annotations', o.spec?.template?.metadata?.annotations],
    ] as const) {
      for (const [k, v] of Object.entries(map ?? {})) {
        if (typeof v !== 'string') errors.push(`${id}: ${where} ${k} must be a string, is ${typeof v}`);
        else if (where.endsWith('labels') && !LABEL_VALUE.test(v)) errors.push(`${id}: label ${k}=${v} is not a valid label value`);
      }
    }
    if (o.kind === 'Secret') {
      errors.push(`${id}: secrets are not committed; reference them (envFrom secretRef) and create them per environment`);
      continue;
    }
    const expected = API_VERSIONS[o.kind];
    if (!expected) {
      errors.push(`${id}: unknown kind; teach tools/k8s.spec.ts to check it`);
      continue;
    }
    if (o.apiVersion !== expected) errors.push(`${id}: apiVersion must be ${expected}, is ${o.apiVersion}`);

    if (o.kind === 'ConfigMap') {
      for (const [k, v] of Object.entries(o.data ?? {})) {
        if (typeof v !== 'string') errors.push(`${id}: data.${k} must be a string (quote it), is ${typeof v}`);
        if (envConfigMaps.has(o.metadata?.name)) {
          if (!ENV_NAME.test(k)) errors.push(`${id}: data.${k} is not an environment variable name`);
        } else if (!FILE_KEY.test(k)) errors.push(`${id}: data.${k} is not a valid key (letters, digits, -, _ and .)`);
        if (k in SECRET_KEYS) errors.push(`${id}: ${k} is secret; it belongs in ${SECRET_KEYS[k]}`);
      }
    }

    if (o.kind === 'Deployment' || o.kind === 'Job') {
      const spec = podSpec(o);
      if (!spec) {
        errors.push(`${id}: spec.template.spec is required`);
        continue;
      }
      if (!Array.isArray(spec.containers) || spec.containers.length === 0) errors.push(`${id}: needs at least one container`);
      if (spec.automountServiceAccountToken !== false) errors.push(`${id}: automountServiceAccountToken must be false`);
      if (spec.serviceAccountName && !objects.some((x) => x.kind === 'ServiceAccount' && x.metadata?.name === spec.serviceAccountName)) {
        errors.push(`${id}: ServiceAccount ${spec.serviceAccountName} does not exist`);
      }
      // A read-only root filesystem: whatever writes to /tmp needs a volume there.
      for (const c of spec.containers ?? []) {
        const mounts = (c.volumeMounts ?? []) as Obj[];
        for (const m of mounts) if (!(spec.volumes ?? []).some((v: Obj) => v.name === m.name)) errors.push(`${id} container ${c.name}: volumeMount ${m.name} has no volume`);
      }
      const nonRoot = spec.securityContext?.runAsNonRoot === true;
      for (const c of containersOf(o)) {
        const cid = `${id} container ${c.name}`;
        if (!DNS_LABEL.test(c.name ?? '')) errors.push(`${id}: container name missing or invalid`);
        if (typeof c.image !== 'string' || !c.image) errors.push(`${cid}: image is required`);
        else if (!/[:@]/.test(c.image.split('/').at(-1) ?? '') || c.image.endsWith(':latest')) errors.push(`${cid}: image ${c.image} needs a pinned tag or digest`);
        if (c.command !== undefined && !(Array.isArray(c.command) && c.command.every((w: unknown) => typeof w === 'string'))) errors.push(`${cid}: command must be a list of strings`);
        if (!(nonRoot || c.securityContext?.runAsNonRoot === true)) errors.push(`${cid}: runAsNonRoot is not set`);
        if (spec.securityContext?.runAsUser === 0 || c.securityContext?.runAsUser === 0) errors.push(`${cid}: runs as uid 0`);
        if (c.securityContext?.allowPrivilegeEscalation !== false) errors.push(`${cid}: allowPrivilegeEscalation must be false`);
        if (c.securityContext?.readOnlyRootFilesystem !== true) errors.push(`${cid}: readOnlyRootFilesystem must be true`);
        if (!(c.securityContext?.capabilities?.drop ?? []).includes('ALL')) errors.push(`${cid}: capabilities must drop ALL`);
        if ((spec.securityContext?.seccompProfile ?? c.securityContext?.seccompProfile)?.type !== 'RuntimeDefault') errors.push(`${cid}: seccompProfile must be RuntimeDefault`);
        if (!QUANTITY.test(String(c.resources?.requests?.cpu ?? ''))) errors.push(`${cid}: resources.requests.cpu is required (the autoscaler's measure)`);
        for (const kind of ['requests', 'limits']) {
          const memory = c.resources?.[kind]?.memory;
          if (!QUANTITY.test(String(memory ?? ''))) errors.push(`${cid}: resources.${kind}.memory is required`);
        }
        const ports = (c.ports ?? []) as Obj[];
        const names = new Set<string>();
        for (const p of ports) {
          if (!isPortNumber(p.containerPort)) errors.push(`${cid}: containerPort ${p.containerPort} is not a port number`);
          if (p.name !== undefined) {
            if (!PORT_NAME.test(p.name)) errors.push(`${cid}: port name ${p.name} is invalid (≤15 lower-case letters, digits, dashes)`);
            if (names.has(p.name)) errors.push(`${cid}: port name ${p.name} is used twice`);
            names.add(p.name);
          }
        }
        for (const probeName of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
          const probe = c[probeName];
          if (!probe) continue;
          const handler = probe.httpGet ?? probe.tcpSocket ?? probe.grpc;
          if (!handler) {
            if (!probe.exec) errors.push(`${cid}: ${probeName} has no handler`);
            continue;
          }
          const port = handler.port;
          const ok = typeof port === 'string' ? names.has(port) : ports.some((p) => p.containerPort === port);
          if (!ok) errors.push(`${cid}: ${probeName} uses port ${port}, which the container does not declare`);
          if (probe.httpGet && !String(probe.httpGet.path ?? '').startsWith('/')) errors.push(`${cid}: ${probeName} path must start with /`);
        }
        for (const e of c.env ?? []) {
          if (!ENV_NAME.test(e.name ?? '')) errors.push(`${cid}: env name ${e.name} is invalid`);
          if (e.value !== undefined && typeof e.value !== 'string') errors.push(`${cid}: env ${e.name} must be a string (quote it)`);
          const secretRef = e.valueFrom?.secretKeyRef;
          if (secretRef && !EXTERNAL_SECRETS.has(secretRef.name)) errors.push(`${cid}: env ${e.name} reads Secret ${secretRef.name}, which is not a known external secret`);
          const configRef = e.valueFrom?.configMapKeyRef;
          if (configRef && !(configRef.key in (configMaps.get(configRef.name)?.data ?? {}))) errors.push(`${cid}: env ${e.name} reads ${configRef.name}/${configRef.key}, which does not exist`);
        }
        for (const from of c.envFrom ?? []) {
          if (from.configMapRef && !configMaps.has(from.configMapRef.name)) errors.push(`${cid}: envFrom ConfigMap ${from.configMapRef.name} does not exist`);
          if (from.secretRef && !EXTERNAL_SECRETS.has(from.secretRef.name)) errors.push(`${cid}: envFrom Secret ${from.secretRef.name} is not a known external secret`);
        }
      }

      if (o.kind === 'Job') {
        if (!['Never', 'OnFailure'].includes(spec.restartPolicy)) errors.push(`${id}: restartPolicy must be Never or OnFailure, is ${spec.restartPolicy}`);
      }

      if (o.kind === 'Deployment') {
        const selector = o.spec?.selector?.matchLabels ?? {};
        if (!matches(selector, o.spec?.template?.metadata?.labels)) errors.push(`${id}: spec.selector.matchLabels does not match the pod template labels`);
        if (o.spec?.replicas !== undefined && !(Number.isInteger(o.spec.replicas) && o.spec.replicas >= 1)) errors.push(`${id}: replicas must be a positive integer`);
        for (const c of spec.containers ?? []) {
          if (!(c.ports ?? []).length) continue;
          if (c.livenessProbe?.httpGet?.path !== '/health/live') errors.push(`${id} container ${c.name}: livenessProbe must GET /health/live`);
          if (c.readinessProbe?.httpGet?.path !== '/health/ready') errors.push(`${id} container ${c.name}: readinessProbe must GET /health/ready`);
        }
        const annotations = o.spec?.template?.metadata?.annotations ?? {};
        const containerPorts = (spec.containers ?? []).flatMap((c: Obj) => (c.ports ?? []).map((p: Obj) => String(p.containerPort)));
        if (o.metadata?.name in FRONTENDS) {
          if (Object.keys(annotations).some((a) => a.startsWith('prometheus.io/'))) errors.push(`${id}: a static frontend has no /metrics; do not annotate it for scraping`);
        } else {
          if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/path'] !== '/metrics') errors.push(`${id}: pods need prometheus.io/scrape "true" and prometheus.io/path /metrics`);
          if (!containerPorts.includes(annotations['prometheus.io/port'])) errors.push(`${id}: prometheus.io/port ${annotations['prometheus.io/port']} is not a container port`);
        }
      }
    }

    if (o.kind === 'Service') {
      const selector = o.spec?.selector ?? {};
      const targets = deployments.filter((d) => matches(selector, d.spec?.template?.metadata?.labels));
      if (targets.length === 0) errors.push(`${id}: selector ${JSON.stringify(selector)} matches no Deployment's pods`);
      const ports = (o.spec?.ports ?? []) as Obj[];
      if (ports.length === 0) errors.push(`${id}: needs at least one port`);
      if (ports.length > 1 && ports.some((p) => !p.name)) errors.push(`${id}: ports must be named when there are several`);
      for (const p of ports) {
        if (!isPortNumber(p.port)) errors.push(`${id}: port ${p.port} is not a port number`);
        const target = p.targetPort ?? p.port;
        for (const d of targets) {
          const declared = containersOf(d).flatMap((c) => (c.ports ?? []) as Obj[]);
          const ok = typeof target === 'string' ? declared.some((cp) => cp.name === target) : declared.some((cp) => cp.containerPort === target);
          if (!ok) errors.push(`${id}: targetPort ${target} is not a port of Deployment ${d.metadata.name}`);
        }
      }
    }
  }

  for (const app of apps) {
    const d = deployments.find((x) => x.metadata?.name === app);
    if (!d) {
      errors.push(`apps/${app} has no Deployment in k8s/base`);
      continue;
    }
    const main = (podSpec(d)?.containers ?? []).find((c: Obj) => (c.command ?? []).join(' ').includes(`apps/${app}/dist/main.js`));
    if (!main) errors.push(`Deployment/${app}: no container runs apps/${app}/dist/main.js`);
    else {
      const httpPort = (main.env ?? []).find((e: Obj) => e.name === 'HTTP_PORT')?.value;
      if (!(main.ports ?? []).some((p: Obj) => p.name === 'http' && String(p.containerPort) === httpPort)) {
        errors.push(`Deployment/${app}: HTTP_PORT (${httpPort}) must equal the containerPort named http`);
      }
      // Each app logs in to NATS as its own user of deploy/nats/auth.conf.
      const natsUser = (main.env ?? []).find((e: Obj) => e.name === 'NATS_USER')?.value;
      const natsPassword = (main.env ?? []).find((e: Obj) => e.name === 'NATS_PASSWORD')?.valueFrom?.secretKeyRef;
      if (natsUser !== app) errors.push(`Deployment/${app}: NATS_USER must be ${app}, is ${natsUser}`);
      if (natsPassword?.name !== 'nats-credentials' || natsPassword?.key !== app) errors.push(`Deployment/${app}: NATS_PASSWORD must come from Secret nats-credentials, key ${app}`);
      if (!natsUserNames.includes(app)) errors.push(`Deployment/${app}: deploy/nats/auth.conf has no user ${app}`);
    }
    errors.push(...appCoverage(objects, app, d));
  }
  for (const name of Object.keys(FRONTENDS)) {
    const d = deployments.find((x) => x.metadata?.name === name);
    if (!d) errors.push(`${name}: no Deployment in k8s/base`);
    else errors.push(...frontendCoverage(objects, name, d));
  }
  const deny = objects.find((o) => o.kind === 'NetworkPolicy' && Object.keys(o.spec?.podSelector ?? { x: 1 }).length === 0 && !o.spec?.ingress && !o.spec?.egress);
  if (!deny || !['Ingress', 'Egress'].every((t) => deny.spec.policyTypes?.includes(t))) errors.push('no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)');
  return errors;
}

/** A pod-selecting object's selector matches the pods of Deployment `d`. */
const selectsPods = (selector: Obj | undefined, d: Obj) => matches(selector?.matchLabels ?? {}, d.spec?.template?.metadata?.labels);
/** The egress rules of `policy` that allow TCP/UDP `port`. */
const egressTo = (policy: Obj, port: number, protocol = 'TCP') =>
  ((policy.spec?.egress ?? []) as Obj[]).filter((r) => ((r.ports ?? []) as Obj[]).some((p) => p.port === port && (p.protocol ?? 'TCP') === protocol));
const fromNamespace = (rule: Obj, ns: string) => ((rule.to ?? rule.from ?? []) as Obj[]).some((peer) => peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] === ns);

/** The app's ServiceAccount, autoscaler, disruption budget and network flows. */
function appCoverage(objects: Obj[], app: string, d: Obj): string[] {
  const errors: string[] = [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const sa = of('ServiceAccount').find((o) => o.metadata?.name === app);
  if (!sa) errors.push(`${app}: no ServiceAccount ${app}`);
  else if (sa.automountServiceAccountToken !== false) errors.push(`ServiceAccount/${app}: automountServiceAccountToken must be false`);
  if (podSpec(d)?.serviceAccountName !== app) errors.push(`Deployment/${app}: serviceAccountName must be ${app}`);

  const hpa = of('HorizontalPodAutoscaler').find((o) => o.spec?.scaleTargetRef?.kind === 'Deployment' && o.spec.scaleTargetRef.name === app);
  if (!hpa) errors.push(`${app}: no HorizontalPodAutoscaler for Deployment ${app}`);
  else {
    const cpu = ((hpa.spec.metrics ?? []) as Obj[]).some((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization');
    if (!cpu) errors.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: must scale on CPU utilization`);
    if (!(hpa.spec.minReplicas >= 1 && hpa.spec.maxReplicas >= hpa.spec.minReplicas)) errors.push(`HorizontalPodAutoscaler/${hpa.metadata.name}: needs 1 <= minReplicas <= maxReplicas`);
  }
  if (!of('PodDisruptionBudget').some((o) => selectsPods(o.spec?.selector, d))) errors.push(`${app}: no PodDisruptionBudget selects its pods`);

  const policies = of('NetworkPolicy').filter((o) => Object.keys(o.spec?.podSelector?.matchLabels ?? {}).length && selectsPods(o.spec.podSelector, d));
  if (!policies.length) errors.push(`${app}: no NetworkPolicy selects its pods`);
  const allowed = (port: number, ns: string, protocol = 'TCP') => policies.some((p) => egressTo(p, port, protocol).some((r) => fromNamespace(r, ns)));
  if (!allowed(4222, 'nats')) errors.push(`${app}: no egress to NATS (namespace nats, 4222)`);
  if (!allowed(53, 'kube-system', 'UDP') || !allowed(53, 'kube-system', 'TCP')) errors.push(`${app}: no egress to kube-dns (53 UDP and TCP)`);
  const usesDb = containersOf(d).some((c) => ((c.env ?? []) as Obj[]).some((e) => e.name === 'DATABASE_URL'));
  if (usesDb !== allowed(5432, 'gov-db')) errors.push(`${app}: egress to PostgreSQL (gov-db, 5432) must be allowed exactly when it has a DATABASE_URL`);
  const ingressFrom = (ns: string) => policies.some((p) => ((p.spec?.ingress ?? []) as Obj[]).some((r) => fromNamespace(r, ns)));
  if (!ingressFrom('monitoring')) errors.push(`${app}: Prometheus (namespace monitoring) may not scrape it`);
  if ((app === 'gateway') !== ingressFrom('ingress-nginx')) errors.push(`${app}: only the gateway takes traffic from the ingress controller`);
  const web = policies.some((p) => egressTo(p, 443).some((r) => ((r.to ?? []) as Obj[]).some((peer) => peer.ipBlock)));
  if ((app === 'integrations') !== web) errors.push(`${app}: only integrations (webhooks) may reach the outside on 443`);
  return errors;
}

/** A network policy rule's peers and ports as `peer → ports` lines (peers: `ns=<name>`, `pod=<labels>`, `ip=<cidr>`), sorted. */
function flowLines(rules: Obj[] | undefined, side: 'from' | 'to'): string[] {
  return (rules ?? [])
    .flatMap((r) =>
      ((r[side] ?? []) as Obj[]).map((peer) => {
        const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'];
        const pod = peer.podSelector && Object.entries(peer.podSelector.matchLabels ?? {}).map(([k, v]) => `${k.split('/').at(-1)}:${v}`).join(',');
        const parts = [ns && `ns=${ns}`, pod && `pod=${pod}`, peer.ipBlock && `ip=${peer.ipBlock.cidr}`].filter(Boolean);
        return `${parts.join(' ')} → ${((r.ports ?? []) as Obj[]).map((p) => `${p.port}/${p.protocol ?? 'TCP'}`).join(',')}`;
      }),
    )
    .sort();
}

/** A static frontend's ServiceAccount, autoscaler, disruption budget and exactly its flows: browsers in through the ingress controller, the gateway out. */
function frontendCoverage(objects: Obj[], name: string, d: Obj): string[] {
  const errors: string[] = [];
  const of = (kind: string) => objects.filter((o) => o.kind === kind);
  const sa = of('ServiceAccount').find((o) => o.metadata?.name === name);
  if (!sa || sa.automountServiceAccountToken !== false) errors.push(`${name}: needs its ServiceAccount ${name} without an API token`);
  if (podSpec(d)?.serviceAccountName !== name) errors.push(`Deployment/${name}: serviceAccountName must be ${name}`);
  if (!of('HorizontalPodAutoscaler').some((o) => o.spec?.scaleTargetRef?.kind === 'Deployment' && o.spec.scaleTargetRef.name === name)) errors.push(`${name}: no HorizontalPodAutoscaler for Deployment ${name}`);
  if (!of('PodDisruptionBudget').some((o) => selectsPods(o.spec?.selector, d))) errors.push(`${name}: no PodDisruptionBudget selects its pods`);
  const policies = of('NetworkPolicy').filter((o) => Object.keys(o.spec?.podSelector?.matchLabels ?? {}).length && selectsPods(o.spec.podSelector, d));
  const ingress = policies.flatMap((p) => flowLines(p.spec?.ingress, 'from'));
  const egress = policies.flatMap((p) => flowLines(p.spec?.egress, 'to'));
  const gatewayPort = (of('Deployment').find((x) => x.metadata?.name === 'gateway')?.spec?.template?.spec?.containers?.[0]?.ports ?? []).find((p: Obj) => p.name === 'http')?.containerPort;
  const wantIngress = ['ns=ingress-nginx pod=name:ingress-nginx → http/TCP'];
  const wantEgress = [`pod=name:gateway → ${gatewayPort}/TCP`, 'ns=kube-system pod=k8s-app:kube-dns → 53/UDP,53/TCP'].sort();
  if (JSON.stringify(ingress.sort()) !== JSON.stringify(wantIngress)) errors.push(`${name}: ingress must be exactly ${JSON.stringify(wantIngress)}, is ${JSON.stringify(ingress)}`);
  if (JSON.stringify(egress.sort()) !== JSON.stringify(wantEgress)) errors.push(`${name}: egress must be exactly ${JSON.stringify(wantEgress)}, is ${JSON.stringify(egress)}`);
  // The gateway's side of the same flow: default-deny drops it otherwise.
  const gatewayPolicies = of('NetworkPolicy').filter((o) => o.spec?.podSelector?.matchLabels?.['app.kubernetes.io/name'] === 'gateway');
  const admitted = gatewayPolicies.some((p) => flowLines(p.spec?.ingress, 'from').includes(`pod=name:${name} → http/TCP`));
  if (!admitted) errors.push(`${name}: the gateway's NetworkPolicy does not admit its pods on the http port`);
  return errors;
}

/** Whether a Kubernetes label selector (matchLabels and matchExpressions) selects `labels`. */
function labelSelectorMatches(selector: Obj, labels: Record<string, string> = {}): boolean {
  const byLabels = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v);
  const byExpressions = ((selector.matchExpressions ?? []) as Obj[]).every((e) => {
    const value = labels[e.key];
    if (e.operator === 'In') return value !== undefined && e.values.includes(value);
    if (e.operator === 'NotIn') return value === undefined || !e.values.includes(value);
    if (e.operator === 'Exists') return value !== undefined;
    if (e.operator === 'DoesNotExist') return value === undefined;
    throw new Error(`unknown selector operator ${e.operator}`);
  });
  return byLabels && byExpressions;
}

describe('k8s/base', () => {
  const apps = listApps();
  const objects = render(BASE) as Obj[];
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name);

  it('renders every object and they pass the checks', () => {
    expect(objects.length).toBeGreaterThan(0);
    expect(checkManifests(objects, apps)).toEqual([]);
  });

  it('has a Deployment for every app under apps/', () => {
    const names = objects.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name);
    expect(names).toEqual(expect.arrayContaining(apps));
  });

  it('runs identity with 2 replicas, its migration Job and the shared config/secret', () => {
    const identity = find('Deployment', 'identity')!;
    expect(identity.spec.replicas).toBe(2);
    const [c] = identity.spec.template.spec.containers;
    expect(c.ports).toContainEqual({ name: 'http', containerPort: 4001 });
    expect(c.resources.requests.memory).toBe('192Mi');
    expect(c.resources.limits.memory).toBe('256Mi');
    const job = find('Job', 'identity-migrate')!;
    expect(job.spec.template.spec.containers[0].command).toEqual(['node', 'apps/identity/dist/migrate.js']);
    for (const w of [identity, job]) {
      expect(w.spec.template.spec.containers[0].envFrom).toEqual(
        expect.arrayContaining([{ configMapRef: { name: 'platform-config' } }, { secretRef: { name: 'platform-secrets' } }]),
      );
    }
    expect(find('Deployment', 'gateway')!.spec.template.spec.containers[0].ports).toContainEqual({ name: 'http', containerPort: 4000 });
    expect(find('Service', 'identity')).toBeDefined();
    expect(find('Service', 'gateway')).toBeDefined();
  });

  it('gives every app its own NATS user, its password from the Secret nats-credentials', () => {
    for (const app of apps) {
      const [c] = find('Deployment', app)!.spec.template.spec.containers;
      expect(c.env).toEqual(
        expect.arrayContaining([
          { name: 'NATS_USER', value: app },
          { name: 'NATS_PASSWORD', valueFrom: { secretKeyRef: { name: 'nats-credentials', key: app } } },
        ]),
      );
      expect(natsUserNames).toContain(app);
    }
    // The migration Job talks to PostgreSQL only.
    expect(JSON.stringify(find('Job', 'identity-migrate'))).not.toContain('NATS_PASSWORD');
  });

  it('ships deploy/nats/auth.conf unchanged as ConfigMap nats-auth, for the NATS server', () => {
    const conf = fs.readFileSync(NATS_AUTH_CONF, 'utf8');
    expect(find('ConfigMap', 'nats-auth')?.data).toEqual({ 'auth.conf': conf });
  });

  it('starts every app with the V8 settings the benchmark measured, in Kubernetes and in the image', () => {
    expect(find('ConfigMap', 'platform-config')!.data.NODE_OPTIONS).toBe(SERVICE_NODE_OPTIONS);
    expect(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toContain(`ENV NODE_OPTIONS="${SERVICE_NODE_OPTIONS}"`);
  });

  it('keeps non-secret settings in platform-config', () => {
    const data = find('ConfigMap', 'platform-config')!.data;
    expect(Object.keys(data)).toEqual(expect.arrayContaining(['NATS_URL', 'JWT_AUDIENCE', 'JWT_ISSUER', 'NODE_ENV']));
    expect(data.NODE_ENV).toBe('production');
    if (data.ACCESS_TOKEN_TTL_SECONDS) expect(Number(data.ACCESS_TOKEN_TTL_SECONDS)).toBeLessThanOrEqual(900);
  });

  describe('the checks fail on broken manifests', () => {
    const broken = (edit: (objs: Obj[]) => void, appList = apps) => {
      const copy = structuredClone(objects);
      edit(copy);
      return checkManifests(copy, appList);
    };
    const get = (objs: Obj[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name)!;

    it('a Service whose selector matches nothing', () => {
      expect(broken((o) => (get(o, 'Service', 'gateway').spec.selector = { 'app.kubernetes.io/name': 'gatway' }))).toContain(
        'Service/gateway: selector {"app.kubernetes.io/name":"gatway"} matches no Deployment\'s pods',
      );
    });
    it('a Deployment selector that does not match its pods', () => {
      expect(broken((o) => (get(o, 'Deployment', 'identity').spec.selector.matchLabels = { app: 'identity' }))).toContain(
        'Deployment/identity: spec.selector.matchLabels does not match the pod template labels',
      );
    });
    it('a probe on a port the container does not declare', () => {
      expect(broken((o) => (get(o, 'Deployment', 'gateway').spec.template.spec.containers[0].readinessProbe.httpGet.port = 'metrics'))).toContain(
        'Deployment/gateway container gateway: readinessProbe uses port metrics, which the container does not declare',
      );
    });
    it('a Job that would restart forever', () => {
      expect(broken((o) => (get(o, 'Job', 'identity-migrate').spec.template.spec.restartPolicy = 'Always'))).toContain(
        'Job/identity-migrate: restartPolicy must be Never or OnFailure, is Always',
      );
    });
    it('an app without its NATS login, or reading an unknown Secret', () => {
      const errors = broken((o) => {
        const [identity] = get(o, 'Deployment', 'identity').spec.template.spec.containers;
        identity.env = identity.env.filter((e: Obj) => e.name !== 'NATS_USER');
        const [gateway] = get(o, 'Deployment', 'gateway').spec.template.spec.containers;
        gateway.env.find((e: Obj) => e.name === 'NATS_PASSWORD').valueFrom.secretKeyRef.name = 'nats-creds';
        get(o, 'ConfigMap', 'platform-config').data.NATS_PASSWORD = 'x';
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          'Deployment/identity: NATS_USER must be identity, is undefined',
          'Deployment/gateway container gateway: env NATS_PASSWORD reads Secret nats-creds, which is not a known external secret',
          'Deployment/gateway: NATS_PASSWORD must come from Secret nats-credentials, key gateway',
          'ConfigMap/platform-config: NATS_PASSWORD is secret; it belongs in nats-credentials',
        ]),
      );
    });
    it('an app without its ServiceAccount, autoscaler, disruption budget or network policy', () => {
      const errors = broken((o) => {
        for (const kind of ['HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy', 'ServiceAccount']) o.splice(o.findIndex((x) => x.kind === kind && x.metadata.name === 'tasks'), 1);
        o.splice(o.findIndex((x) => x.metadata.name === 'default-deny'), 1);
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          'tasks: no ServiceAccount tasks',
          'Deployment/tasks: ServiceAccount tasks does not exist',
          'tasks: no HorizontalPodAutoscaler for Deployment tasks',
          'tasks: no PodDisruptionBudget selects its pods',
          'tasks: no NetworkPolicy selects its pods',
          'no default-deny NetworkPolicy (podSelector {}, Ingress and Egress, no rules)',
        ]),
      );
    });
    it('a writable root filesystem, kept capabilities, a flow too many', () => {
      const errors = broken((o) => {
        const [c] = get(o, 'Deployment', 'mediation').spec.template.spec.containers;
        c.securityContext = { allowPrivilegeEscalation: false };
        const gateway = get(o, 'NetworkPolicy', 'gateway');
        gateway.spec.egress.push({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'gov-db' } } }], ports: [{ port: 5432 }] });
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          'Deployment/mediation container mediation: readOnlyRootFilesystem must be true',
          'Deployment/mediation container mediation: capabilities must drop ALL',
          'gateway: egress to PostgreSQL (gov-db, 5432) must be allowed exactly when it has a DATABASE_URL',
        ]),
      );
    });
    it('an app without a Deployment', () => {
      expect(broken(() => {}, [...apps, 'surveys'])).toContain('apps/surveys has no Deployment in k8s/base');
    });
    it('a committed secret, an unquoted number and a missing ConfigMap', () => {
      const errors = broken((o) => {
        o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'platform-secrets' }, stringData: { PII_HMAC_KEY: 'x' } });
        get(o, 'ConfigMap', 'platform-config').data.ACCESS_TOKEN_TTL_SECONDS = 900;
        get(o, 'ConfigMap', 'platform-config').metadata.name = 'platform-cfg';
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          'Secret/platform-secrets: secrets are not committed; reference them (envFrom secretRef) and create them per environment',
          'ConfigMap/platform-cfg: data.ACCESS_TOKEN_TTL_SECONDS must be a string (quote it), is number',
          'Deployment/identity container identity: envFrom ConfigMap platform-config does not exist',
        ]),
      );
    });
  });

  describe('tools/kustomize.mjs', () => {
    it('applies labels to objects and pod templates (not selectors) and pins the image', () => {
      const identity = find('Deployment', 'identity')!;
      expect(identity.metadata.labels['app.kubernetes.io/part-of']).toBe('gov-platform');
      expect(identity.spec.template.metadata.labels['app.kubernetes.io/part-of']).toBe('gov-platform');
      expect(identity.spec.selector.matchLabels['app.kubernetes.io/part-of']).toBeUndefined();
      expect(identity.spec.template.spec.containers[0].image).toMatch(/^gov-platform:\d/);
    });

    it('refuses kustomization fields it does not implement', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
      try {
        fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: []\nconfigMapGenerator:\n  - name: x\n');
        expect(() => render(dir)).toThrow(/does not support configMapGenerator/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
    (kubectl ? it : it.skip)('renders the same objects as `kubectl kustomize` (when kubectl is installed)', () => {
      for (const dir of KUSTOMIZATIONS) {
        const out = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8' });
        expect(out.stderr).toBe('');
        const theirs = parseAllDocuments(out.stdout).map((d) => d.toJS());
        const key = (o: Obj) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
        const sort = (list: Obj[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
        expect({ dir, objects: sort(render(dir) as Obj[]) }).toEqual({ dir, objects: sort(theirs) });
      }
    });

    it('applies strategic-merge and JSON 6902 patches, replicas and the namespace like kustomize', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kustomize-'));
      try {
        fs.writeFileSync(
          path.join(dir, 'd.yaml'),
          'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: a }\nspec:\n  replicas: 2\n  template:\n    spec:\n      containers:\n' +
            '        - { name: a, image: x, env: [{ name: A, value: "1" }, { name: B, value: "2" }], args: [p, q] }\n        - { name: b, image: y }\n' +
            '---\napiVersion: v1\nkind: Namespace\nmetadata: { name: keep }\n',
        );
        fs.writeFileSync(
          path.join(dir, 'kustomization.yaml'),
          [
            'namespace: ns',
            'resources: [d.yaml]',
            'replicas: [{ name: a, count: 5 }]',
            'patches:',
            '  - patch: |-',
            '      apiVersion: apps/v1',
            '      kind: Deployment',
            '      metadata: { name: a }',
            '      spec:',
            '        template:',
            '          spec:',
            '            containers:',
            '              - { name: a, env: [{ name: B, value: "3" }, { name: C, value: "4" }], args: [r] }',
            '  - target: { kind: Deployment, name: "a|z" }',
            '    patch: |-',
            '      - { op: replace, path: /spec/template/spec/containers/1/image, value: "y:2" }',
            '      - { op: add, path: /metadata/labels, value: { t: "1" } }',
            '',
          ].join('\n'),
        );
        const [d, ns] = render(dir) as Obj[];
        expect(d.metadata).toEqual({ name: 'a', namespace: 'ns', labels: { t: '1' } });
        expect(d.spec.replicas).toBe(5);
        expect(d.spec.template.spec.containers).toEqual([
          { name: 'a', image: 'x', env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }], args: ['r'] },
          { name: 'b', image: 'y:2' },
        ]);
        expect(ns.metadata).toEqual({ name: 'keep' });
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

// --- the county console ----------------------------------------------------------------------------

describe('the county console (k8s/base/county-console-*.yaml)', () => {
  const objects = render(BASE) as Obj[];
  const prod = render(OVERLAYS[1]!) as Obj[];
  const find = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata?.name === name)!;
  const frontend = FRONTENDS['county-console']!;
  const conf = fs.readFileSync(path.join(root, frontend.nginxConf), 'utf8');
  const d = find('Deployment', 'county-console');
  const spec = d.spec.template.spec;
  const [c] = spec.containers as Obj[];

  it('runs the console image as the Dockerfile’s nginx user, on the port nginx.conf listens on, every file nginx writes on an emptyDir', () => {
    expect(c!.image).toMatch(new RegExp(`^${frontend.image}:[\\w.-]+$`));
    const listen = Number(/^\s*listen\s+(\d+)\s*;/m.exec(conf)?.[1]);
    expect(c!.ports).toEqual([{ name: 'http', containerPort: listen }]);
    const stage = fs
      .readFileSync(path.join(root, 'Dockerfile'), 'utf8')
      .split(/^FROM /m)
      .find((part) => new RegExp(`^\\S+ AS ${frontend.dockerTarget}\\s*$`, 'i').test(part.split('\n')[0]!))!;
    const [, uid, gid] = /^USER (\d+):(\d+)\s*$/m.exec(stage)!;
    expect([spec.securityContext.runAsNonRoot, spec.securityContext.runAsUser, spec.securityContext.runAsGroup]).toEqual([true, Number(uid), Number(gid)]);
    // A read-only root filesystem: the pid file and every temp path of nginx.conf lie on the emptyDir.
    expect(c!.securityContext.readOnlyRootFilesystem).toBe(true);
    const written = [...conf.matchAll(/^\s*(pid|\w+_temp_path)\s+(\S+);/gm)].map((m) => m[2]!);
    expect(written).toHaveLength(6);
    const writable = (c!.volumeMounts as Obj[]).filter((m) => (spec.volumes as Obj[]).find((v) => v.name === m.name)?.emptyDir).map((m) => m.mountPath as string);
    expect(written.filter((file) => !writable.some((dir) => file.startsWith(`${dir}/`)))).toEqual([]);
  });

  it('probes paths nginx answers itself, and asks for the memory of nginx, not of Node', () => {
    for (const probe of [c!.livenessProbe, c!.readinessProbe]) {
      expect([probe.httpGet.path, conf]).toEqual([probe.httpGet.path, expect.stringMatching(new RegExp(`location = ${probe.httpGet.path} \\{[^}]*return 200 `))]);
    }
    expect(c!.resources).toEqual({ requests: { cpu: '20m', memory: '32Mi' }, limits: { memory: '64Mi' } });
  });

  it('forwards to the gateway Service nginx.conf names, and the network policies let exactly that through', () => {
    const [, host, port] = /upstream gateway \{\s*server ([\w.-]+):(\d+);/.exec(conf)!;
    const gateway = find('Service', host!);
    const servicePort = (gateway.spec.ports as Obj[]).find((p) => p.port === Number(port))!;
    expect(servicePort.targetPort).toBe('http');
    expect(find('Deployment', 'gateway').spec.template.spec.containers[0].ports).toContainEqual({ name: 'http', containerPort: Number(port) });
    expect(frontendCoverage(objects, 'county-console', d)).toEqual([]);
    expect(flowLines(find('NetworkPolicy', 'county-console').spec.egress, 'to')).toEqual([`pod=name:gateway → ${port}/TCP`, 'ns=kube-system pod=k8s-app:kube-dns → 53/UDP,53/TCP'].sort());
  });

  it('has a host of its own on the ingress controller, every path to its nginx, subscriptions kept open for an hour', () => {
    const ingress = find('Ingress', 'county-console');
    const [rule] = ingress.spec.rules as Obj[];
    expect(rule!.host).not.toBe(find('Ingress', 'gateway').spec.rules[0].host);
    expect(rule!.http.paths).toEqual([{ path: '/', pathType: 'Prefix', backend: { service: { name: 'county-console', port: { name: 'http' } } } }]);
    expect(find('Service', 'county-console').spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
  });

  it('is not scraped: the ServiceMonitor selects every app’s Service and not the console’s (nginx has no /metrics)', () => {
    const monitor = prod.find((o) => o.kind === 'ServiceMonitor')!;
    const selected = prod.filter((o) => o.kind === 'Service' && labelSelectorMatches(monitor.spec.selector, o.metadata.labels)).map((o) => o.metadata.name);
    expect(selected).toEqual(expect.arrayContaining(listApps()));
    expect(selected).not.toContain('county-console');
    expect(d.spec.template.metadata.annotations).toBeUndefined();
  });

  it('the checks fail on a flow too many, a gateway that does not admit it, or a scrape annotation', () => {
    const copy = structuredClone(objects);
    const get = (kind: string, name: string) => copy.find((o) => o.kind === kind && o.metadata.name === name)!;
    get('NetworkPolicy', 'county-console').spec.egress.push({ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'nats' } } }], ports: [{ port: 4222, protocol: 'TCP' }] });
    const gateway = get('NetworkPolicy', 'gateway');
    gateway.spec.ingress = gateway.spec.ingress.filter((r: Obj) => !JSON.stringify(r).includes('county-console'));
    get('Deployment', 'county-console').spec.template.metadata.annotations = { 'prometheus.io/scrape': 'true' };
    expect(checkManifests(copy, listApps())).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^county-console: egress must be exactly .*ns=nats → 4222\/TCP/),
        "county-console: the gateway's NetworkPolicy does not admit its pods on the http port",
        'Deployment/county-console: a static frontend has no /metrics; do not annotate it for scraping',
      ]),
    );
  });
});

// --- the overlays and the infrastructure ----------------------------------------------------------

type Model = new (data: unknown) => { validate(): void };
/** The kubernetes-models class of a built-in kind (Kubernetes 1.34 OpenAPI), or undefined for a custom resource. */
async function modelOf(o: Obj): Promise<Model | undefined> {
  const [group, version] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  const builtIn = group === '' || group.endsWith('.k8s.io') || ['apps', 'batch', 'autoscaling', 'policy'].includes(group);
  if (!builtIn) return undefined;
  const mod = (await import(`kubernetes-models/${group ? `${group}/` : ''}${version}`)) as Record<string, Model>;
  const model = mod[o.kind];
  if (!model) throw new Error(`${o.apiVersion} has no kind ${o.kind} in kubernetes-models`);
  return model;
}

/** Each object against its schema: built-in kinds against the Kubernetes OpenAPI, custom resources against what their operator requires. */
async function schemaErrors(objects: Obj[]): Promise<string[]> {
  const errors: string[] = [];
  for (const o of objects) {
    const id = `${o.kind}/${o.metadata?.name}`;
    const model = await modelOf(o);
    if (model) {
      try {
        new model(o).validate();
      } catch (err) {
        errors.push(`${id}: ${(err as Error).message}`);
      }
      continue;
    }
    const required = CUSTOM_RESOURCES[`${o.apiVersion}/${o.kind}`];
    if (!required) {
      errors.push(`${id}: ${o.apiVersion} ${o.kind} is not a kind these tests know`);
      continue;
    }
    if (!DNS_SUBDOMAIN.test(o.metadata?.name ?? '')) errors.push(`${id}: metadata.name is not a DNS name`);
    for (const field of required) {
      const value = field.split('.').reduce<unknown>((at, k) => (at as Obj | undefined)?.[k], o);
      if (value === undefined || value === null || value === '') errors.push(`${id}: ${field} is required`);
    }
  }
  return errors;
}

/** The custom resources used here and the fields their operators require (or that this platform relies on). */
const CUSTOM_RESOURCES: Record<string, string[]> = {
  'postgresql.cnpg.io/v1/Cluster': ['spec.instances', 'spec.imageName', 'spec.storage.size', 'spec.bootstrap.initdb.database', 'spec.bootstrap.initdb.owner', 'spec.bootstrap.initdb.secret.name', 'spec.backup.barmanObjectStore.destinationPath', 'spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name', 'spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.name'],
  'postgresql.cnpg.io/v1/Pooler': ['spec.cluster.name', 'spec.type', 'spec.pgbouncer.poolMode'],
  'postgresql.cnpg.io/v1/ScheduledBackup': ['spec.schedule', 'spec.cluster.name'],
  'jetstream.nats.io/v1beta2/Account': ['spec.name', 'spec.servers', 'spec.user.secret.name', 'spec.user.user', 'spec.user.password'],
  'jetstream.nats.io/v1beta2/Stream': ['spec.name', 'spec.subjects', 'spec.storage', 'spec.replicas', 'spec.account'],
  'jetstream.nats.io/v1beta2/Consumer': ['spec.streamName', 'spec.durableName', 'spec.filterSubject', 'spec.ackPolicy', 'spec.deliverPolicy', 'spec.account'],
  'external-secrets.io/v1/ExternalSecret': ['spec.secretStoreRef.name', 'spec.secretStoreRef.kind', 'spec.target.name'],
  'monitoring.coreos.com/v1/ServiceMonitor': ['spec.selector', 'spec.endpoints'],
  'monitoring.coreos.com/v1/PrometheusRule': ['spec.groups'],
};

/** Names of the Secrets that workloads and custom resources of `objects` read. */
function secretsRead(objects: Obj[]): Set<string> {
  const names = new Set<string>();
  const walk = (v: unknown, key = ''): void => {
    if (Array.isArray(v)) return v.forEach((x) => walk(x));
    if (!v || typeof v !== 'object') return;
    const o = v as Obj;
    if (['secretKeyRef', 'secretRef', 'passwordSecret', 'secret'].includes(key) && typeof o.name === 'string') names.add(o.name);
    if (key === 'secret' && typeof o.secretName === 'string') names.add(o.secretName);
    if (['accessKeyId', 'secretAccessKey'].includes(key) && typeof o.name === 'string') names.add(o.name);
    for (const [k, x] of Object.entries(o)) walk(x, k);
  };
  for (const o of objects) if (!['ExternalSecret', 'Secret'].includes(o.kind)) walk(o.spec ?? {});
  return names;
}

/** The durable consumers the code makes: one per `@EventPattern` (NatsTransport.durableName) plus EventConsumers with a literal durable. */
function consumersInCode(): { durable: string; filter: string; maxAckPending: number }[] {
  const found: { durable: string; filter: string; maxAckPending: number }[] = [];
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path.join(dir, e.name)] : []));
  for (const app of listApps()) {
    const texts = walk(path.join(root, 'apps', app, 'src')).map((f) => fs.readFileSync(f, 'utf8'));
    const types = new Map<string, string>();
    const names = new Map<string, string>();
    for (const t of texts) {
      for (const m of t.matchAll(/export const (\w+) = eventType\('([a-z0-9-]+)', '([a-z0-9-]+)', '([a-z0-9-]+)'(?:, (\d+))?\)/g)) types.set(m[1]!, `${m[2]}.${m[3]}.${m[4]}.v${m[5] ?? 1}`);
      for (const m of t.matchAll(/export const (\w+) = '([a-z0-9_-]+__[a-z0-9_-]+)'/g)) names.set(m[1]!, m[2]!);
    }
    for (const t of texts) {
      for (const m of t.matchAll(/@EventPattern<string>\((\w+)\)/g)) {
        const type = types.get(m[1]!);
        if (!type) throw new Error(`apps/${app}: @EventPattern(${m[1]}) is not an eventType(...) constant of the app; teach tools/k8s.spec.ts to find it`);
        found.push({ durable: `${app}__gov.${type}`.replace(/[^a-zA-Z0-9_-]/g, '_'), filter: `evt.*.${type}`, maxAckPending: 64 });
      }
      // maxAckPending is a number or a constant of the same file (`const MAX_BATCH = 64`).
      for (const m of t.matchAll(/\{ durable: (\w+), filterSubject: '([^']+)', maxAckPending: (\w+)/g)) {
        const value = /^\d+$/.test(m[3]!) ? m[3]! : new RegExp(`const ${m[3]} = (\\d+);`).exec(t)?.[1];
        if (!value) throw new Error(`apps/${app}: maxAckPending ${m[3]} is neither a number nor a numeric constant of its file; teach tools/k8s.spec.ts to find it`);
        found.push({ durable: names.get(m[1]!) ?? m[1]!, filter: m[2]!, maxAckPending: Number(value) });
      }
    }
  }
  return found.sort((a, b) => a.durable.localeCompare(b.durable));
}

describe('k8s/overlays and k8s/infra', () => {
  const apps = listApps();
  const overlays = Object.fromEntries(OVERLAYS.map((dir) => [path.basename(dir), render(dir) as Obj[]]));
  const nats = render(INFRA.nats) as Obj[];
  const postgres = render(INFRA.postgres) as Obj[];
  const all = { ...overlays, 'infra/nats': nats, 'infra/postgres': postgres };
  const platformConfig = (objs: Obj[]) => objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'platform-config')!.data;

  it.each(Object.keys(all))('%s: every object validates (Kubernetes 1.34 OpenAPI, operators’ required fields)', async (name) => {
    const objects = all[name as keyof typeof all];
    expect(objects.length).toBeGreaterThan(0);
    expect(await schemaErrors(objects)).toEqual([]);
  });

  it.each(Object.keys(all))('%s: no Secret is committed; every Secret read comes from an ExternalSecret of a ClusterSecretStore', (name) => {
    const objects = all[name as keyof typeof all];
    expect(objects.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name)).toEqual([]);
    const external = objects.filter((o) => o.kind === 'ExternalSecret');
    for (const e of external) expect([e.metadata.name, e.spec.secretStoreRef.kind]).toEqual([e.metadata.name, 'ClusterSecretStore']);
    // cert-manager makes the Ingress certificate; CloudNativePG makes its own.
    const made = new Set([...external.map((e) => e.spec.target.name), ...objects.flatMap((o) => (o.kind === 'Ingress' ? (o.spec.tls ?? []).map((t: Obj) => t.secretName) : []))]);
    expect([...secretsRead(objects)].filter((s) => !made.has(s))).toEqual([]);
  });

  it.each(OVERLAYS.map((d) => path.basename(d)))('%s: the base passes its checks with the overlay applied, in its own namespace', (name) => {
    const objects = overlays[name]!;
    const namespace = objects.find((o) => o.kind === 'Namespace')?.metadata.name;
    expect(namespace).toMatch(/^gov/);
    expect(objects.filter((o) => o.kind !== 'Namespace' && o.metadata.namespace !== namespace).map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([]);
    const withoutNamespace = objects.filter((o) => !['Namespace', 'ExternalSecret', 'ServiceMonitor', 'PrometheusRule'].includes(o.kind)).map((o) => ({ ...o, metadata: { ...o.metadata, namespace: undefined } }));
    expect(checkManifests(withoutNamespace, apps)).toEqual([]);
    for (const d of objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job')) {
      const image = FRONTENDS[d.metadata.name]?.image ?? 'gov-platform';
      for (const c of containersOf(d)) expect([d.metadata.name, c.image]).toEqual([d.metadata.name, expect.stringMatching(new RegExp(`^registry\\.[^/]+/gov/${image}:[\\w.-]+$`))]);
    }
    expect(objects.some((o) => o.kind === 'ServiceMonitor' && o.spec.endpoints.some((e: Obj) => e.port === 'http' && e.path === '/metrics'))).toBe(true);
  });

  it('the schema checks catch a wrong type, a missing required field and an unknown custom resource', async () => {
    const copy = structuredClone(overlays.prod!);
    copy.find((o) => o.kind === 'Deployment')!.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    delete copy.find((o) => o.kind === 'HorizontalPodAutoscaler')!.spec.scaleTargetRef;
    delete copy.find((o) => o.kind === 'ExternalSecret')!.spec.target;
    copy.push({ apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w' } });
    const errors = await schemaErrors(copy);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Deployment\/\w+: .*containerPort must be integer/),
        expect.stringMatching(/^HorizontalPodAutoscaler\/\w+: .*must have required property scaleTargetRef/),
        'ExternalSecret/platform-secrets: spec.target.name is required',
        'Widget/w: example.org/v1 Widget is not a kind these tests know',
      ]),
    );
  });

  it('prod: TLS on the Ingresses, the gateway and identity at three replicas or more, autoscaling bounds', () => {
    const prod = overlays.prod!;
    const ingress = prod.find((o) => o.kind === 'Ingress' && o.metadata.name === 'gateway')!;
    expect(ingress.spec.tls).toEqual([{ hosts: [ingress.spec.rules[0].host], secretName: 'gateway-tls' }]);
    const consoleIngress = prod.find((o) => o.kind === 'Ingress' && o.metadata.name === 'county-console')!;
    expect(consoleIngress.spec.tls).toEqual([{ hosts: [consoleIngress.spec.rules[0].host], secretName: 'county-console-tls' }]);
    expect(consoleIngress.metadata.annotations['nginx.ingress.kubernetes.io/force-ssl-redirect']).toBe('true');
    const paths = ingress.spec.rules[0].http.paths.map((p: Obj) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['/graphql', '/tiles', '/agreements', '/attachments']));
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-read-timeout']).toBe('3600');
    for (const app of ['gateway', 'identity']) {
      expect(prod.find((o) => o.kind === 'Deployment' && o.metadata.name === app)!.spec.replicas).toBeGreaterThanOrEqual(3);
      const hpa = prod.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name === app)!;
      expect([hpa.spec.minReplicas, hpa.spec.maxReplicas]).toEqual([3, 20]);
    }
    for (const hpa of prod.filter((o) => o.kind === 'HorizontalPodAutoscaler')) expect(hpa.spec.maxReplicas).toBeGreaterThanOrEqual(8);
    expect(overlays.dev!.filter((o) => o.kind === 'Ingress').map((o) => [o.metadata.name, o.spec.tls])).toEqual([
      ['gateway', undefined],
      ['county-console', undefined],
    ]);
    expect(overlays.dev!.filter((o) => o.kind === 'Ingress').map((o) => o.spec.rules[0].host)).toEqual(['gov-dev.gov.example', 'console-dev.gov.example']);
  });

  it('dev: one replica each, a disruption budget that lets nodes drain', () => {
    const dev = overlays.dev!;
    for (const d of dev.filter((o) => o.kind === 'Deployment')) expect(d.spec.replicas).toBe(1);
    for (const p of dev.filter((o) => o.kind === 'PodDisruptionBudget')) expect(p.spec).toEqual(expect.objectContaining({ maxUnavailable: 1 }));
    for (const p of dev.filter((o) => o.kind === 'PodDisruptionBudget')) expect(p.spec.minAvailable).toBeUndefined();
  });

  describe('NATS', () => {
    const find = (kind: string, name: string) => nats.find((o) => o.kind === kind && o.metadata.name === name);

    it('runs three JetStream servers with file storage, clustered, with the platform’s users', () => {
      const sts = find('StatefulSet', 'nats')!;
      expect(sts.spec.replicas).toBe(3);
      expect(sts.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
      const [c] = sts.spec.template.spec.containers;
      expect(c.volumeMounts).toEqual(expect.arrayContaining([{ name: 'data', mountPath: '/data' }]));
      expect(c.envFrom).toEqual([{ secretRef: { name: 'nats-server-passwords' } }]);
      expect(c.securityContext).toEqual(expect.objectContaining({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false }));
      expect(sts.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
      const conf: string = find('ConfigMap', 'nats-config')!.data['nats.conf'];
      expect(conf).toMatch(/jetstream \{\s*store_dir: \/data/);
      for (const i of [0, 1, 2]) expect(conf).toContain(`nats://nats-${i}.${sts.spec.serviceName}.nats.svc.cluster.local:6222`);
      expect(conf).toContain('include "auth/auth.conf"');
      expect(find('ConfigMap', 'nats-auth')!.data).toEqual({ 'auth.conf': fs.readFileSync(NATS_AUTH_CONF, 'utf8') });
      expect(find('Service', sts.spec.serviceName)!.spec.clusterIP).toBe('None');
    });

    it('declares GOV_EVENTS, GOV_DLQ and GOV_PUBLIC with the limits the services apply (platform-config)', () => {
      const config = platformConfig(overlays.prod!);
      const streams = Object.fromEntries(nats.filter((o) => o.kind === 'Stream').map((o) => [o.spec.name, o.spec]));
      const hours = (days: string) => `${Number(days) * 24}h`;
      const events = { replicas: Number(config.NATS_STREAM_REPLICAS), maxAge: hours(config.NATS_STREAM_MAX_AGE_DAYS), maxBytes: Number(config.NATS_STREAM_MAX_BYTES), storage: 'file', discard: 'old', duplicateWindow: '2m' };
      expect(streams.GOV_EVENTS).toEqual(expect.objectContaining({ ...events, subjects: ['evt.>'] }));
      expect(streams.GOV_PUBLIC).toEqual(expect.objectContaining({ ...events, subjects: ['pub.>'] }));
      expect(streams.GOV_DLQ).toEqual(expect.objectContaining({ ...events, maxAge: hours(config.NATS_DLQ_MAX_AGE_DAYS), maxBytes: Number(config.NATS_DLQ_MAX_BYTES), subjects: ['dlq.>'] }));
      expect(Object.keys(streams).sort()).toEqual(['GOV_DLQ', 'GOV_EVENTS', 'GOV_PUBLIC']);
    });

    it('declares exactly the durable consumers the services make, with their settings', () => {
      const declared = nats
        .filter((o) => o.kind === 'Consumer')
        .map((o) => {
          expect(o.spec).toEqual(expect.objectContaining({ streamName: 'GOV_EVENTS', ackPolicy: 'explicit', deliverPolicy: 'all', ackWait: '30s', maxDeliver: -1, account: 'gov' }));
          return { durable: o.spec.durableName, filter: o.spec.filterSubject, maxAckPending: o.spec.maxAckPending };
        })
        .sort((a, b) => a.durable.localeCompare(b.durable));
      expect(declared).toEqual(consumersInCode());
      expect(declared.length).toBeGreaterThan(20);
    });
  });

  describe('PostgreSQL', () => {
    const cluster = postgres.find((o) => o.kind === 'Cluster')!;
    const servicesWithDb = apps.filter((app) => fs.existsSync(path.join(root, 'apps', app, 'src', 'migrate.ts')));

    it('is a PostGIS CloudNativePG cluster with one login role per service and the migration owner', () => {
      expect(cluster.spec.imageName).toMatch(/postgis/);
      expect(cluster.spec.instances).toBeGreaterThanOrEqual(3);
      expect(cluster.spec.bootstrap.initdb).toEqual(expect.objectContaining({ database: 'gov', owner: 'gov_owner', secret: { name: 'gov-db-owner' } }));
      expect(cluster.spec.bootstrap.initdb.postInitApplicationSQL).toContain('CREATE EXTENSION IF NOT EXISTS postgis');
      // A service's runtime role is named like its schema (dashes as underscores).
      const roleOf = (app: string) => app.replace(/-/g, '_');
      const roles = cluster.spec.managed.roles as Obj[];
      expect(roles.map((r) => r.name).sort()).toEqual(servicesWithDb.map(roleOf).sort());
      for (const app of servicesWithDb) {
        const role = roles.find((r) => r.name === roleOf(app));
        expect(role).toEqual(expect.objectContaining({ ensure: 'present', login: true, passwordSecret: { name: `gov-db-role-${app}` } }));
        expect(role!.superuser ?? false).toBe(false);
      }
      // Each migration Job grants its service's runtime role (DB_APP_ROLE) and connects as the owner.
      for (const app of servicesWithDb) {
        const job = overlays.prod!.find((o) => o.kind === 'Job' && o.metadata.name === `${app}-migrate`)!;
        expect(job.spec.template.spec.containers[0].env).toEqual(
          expect.arrayContaining([
            { name: 'DB_APP_ROLE', value: roleOf(app) },
            { name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'gov-db-migrations', key: 'DATABASE_URL' } } },
          ]),
        );
        const deployment = overlays.prod!.find((o) => o.kind === 'Deployment' && o.metadata.name === app)!;
        expect(deployment.spec.template.spec.containers[0].env).toContainEqual({ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'db-credentials', key: app } } });
      }
    });

    it('archives WAL continuously to object storage and takes a nightly base backup', () => {
      expect(cluster.spec.backup.barmanObjectStore.destinationPath).toMatch(/^s3:\/\//);
      expect(cluster.spec.backup.retentionPolicy).toMatch(/^\d+[dwm]$/);
      const scheduled = postgres.find((o) => o.kind === 'ScheduledBackup')!;
      expect(scheduled.spec).toEqual(expect.objectContaining({ cluster: { name: cluster.metadata.name }, method: 'barmanObjectStore' }));
      expect(scheduled.spec.schedule.split(' ')).toHaveLength(6);
    });

    it('pools in session mode: the outbox relay holds a session advisory lock and hot reads are named prepared statements', () => {
      const pooler = postgres.find((o) => o.kind === 'Pooler')!;
      expect(pooler.spec).toEqual(expect.objectContaining({ cluster: { name: cluster.metadata.name }, type: 'rw' }));
      expect(pooler.spec.pgbouncer.poolMode).toBe('session');
      expect(fs.readFileSync(path.join(root, 'libs/platform/outbox/src/relay.ts'), 'utf8')).toContain('pg_try_advisory_lock');
      // The apps' NetworkPolicies and DATABASE_URLs name this pooler.
      const policy = overlays.prod!.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'identity')!;
      expect(JSON.stringify(policy)).toContain(`"cnpg.io/poolerName":"${pooler.metadata.name}"`);
      const migrations = overlays.prod!.find((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'gov-db-migrations')!;
      expect(migrations.spec.target.template.data.DATABASE_URL).toContain(`@${pooler.metadata.name}.gov-db.svc:5432/gov`);
    });
  });
});

// --- monitoring: the dashboard, the alert rules and the metrics they read ------------------------

/** TypeScript sources (no tests) under `dir`, without node_modules and build output. */
function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? (['node_modules', 'dist'].includes(e.name) ? [] : sourceFiles(path.join(dir, e.name))) : e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [path.join(dir, e.name)] : [],
    );
}

/** Metrics of kube-state-metrics (not the platform's) that the rules may read. */
const KUBE_STATE_METRICS = new Set(['kube_deployment_status_replicas_available', 'kube_deployment_spec_replicas', 'kube_pod_container_status_restarts_total']);

/**
 * Every metric name the platform exports: the `gov_*` metrics its code defines (prom-client
 * `new Counter|Gauge|Histogram|Summary({ name: 'gov_…' })`, histograms with their series suffixes) and,
 * where the code collects them, prom-client's default process_* and nodejs_* metrics.
 */
function metricsDefined(): Set<string> {
  const names = new Set<string>();
  const texts = [...sourceFiles(path.join(root, 'libs')), ...sourceFiles(path.join(root, 'apps'))].map((f) => fs.readFileSync(f, 'utf8'));
  for (const t of texts) {
    const found = [...t.matchAll(/new (Counter|Gauge|Histogram|Summary)(?:<[^>]*>)?\(\{\s*name: '(gov_\w+)'/g)];
    if (found.length !== (t.match(/name: 'gov_/g) ?? []).length) throw new Error('a gov_ metric is defined in a way tools/k8s.spec.ts does not recognise; teach metricsDefined()');
    for (const [, type, name] of found) {
      names.add(name!);
      if (type === 'Histogram' || type === 'Summary') for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
    }
  }
  if (texts.some((t) => t.includes('collectDefaultMetrics('))) {
    const req = createRequire(path.join(root, 'libs', 'platform', 'observability', 'package.json'));
    const dir = path.join(path.dirname(req.resolve('prom-client')), 'lib', 'metrics');
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      for (const [, name] of fs.readFileSync(path.join(dir, file), 'utf8').matchAll(/'((?:process|nodejs)_\w+)'/g)) {
        for (const suffix of ['', '_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
      }
    }
  }
  return names;
}

const PROMQL_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset']);
/** The metric names a PromQL expression reads (label matchers, ranges, grouping lists, functions and Grafana variables left out). */
function metricsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ')
    .replace(/\$\{?\w+\}?/g, ' ');
  return [...stripped.matchAll(/(?<![\w.:])([a-zA-Z_:][\w:]*)(?![\w:]|\s*\()/g)].map((m) => m[1]!).filter((w) => !PROMQL_KEYWORDS.has(w) && !/^(inf|nan)$/i.test(w));
}

/** The alerts table of docs/operations.md: name, expression and `for` of each row. */
function alertsInDocs(): { alert: string; expr: string; for?: string }[] {
  const doc = fs.readFileSync(path.join(root, 'docs', 'operations.md'), 'utf8');
  return doc
    .split('\n')
    .filter((l) => /^\| \*\*\w+\*\* \|/.test(l))
    .map((l) => {
      const cells = l.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim().replace(/\\\|/g, '|'));
      const expr = cells[1]!.match(/`([^`]+)`/)?.[1] ?? '';
      return { alert: cells[0]!.replace(/\*/g, ''), expr, ...(cells[2] === '—' ? {} : { for: cells[2] }) };
    });
}

/** Problems of the monitoring objects: rules and docs disagreeing, metrics nobody exports, a dashboard that does not parse. */
function monitoringErrors(objects: Obj[], docAlerts: { alert: string; expr: string; for?: string }[], defined: Set<string>): string[] {
  const errors: string[] = [];
  const unknownMetrics = (where: string, expr: string) => {
    const used = metricsIn(expr);
    if (used.length === 0) errors.push(`${where}: reads no metric`);
    for (const m of used) if (!defined.has(m) && !KUBE_STATE_METRICS.has(m)) errors.push(`${where}: metric ${m} is not defined in the code`);
  };
  const rules = objects.filter((o) => o.kind === 'PrometheusRule').flatMap((o) => (o.spec.groups as Obj[]).flatMap((g) => g.rules as Obj[]));
  const norm = (e: string) => e.replace(/\s+/g, ' ').trim();
  for (const r of rules) {
    unknownMetrics(`alert ${r.alert}`, r.expr);
    const doc = docAlerts.find((a) => a.alert === r.alert);
    if (!doc) errors.push(`alert ${r.alert}: not described in docs/operations.md`);
    else if (norm(doc.expr) !== norm(r.expr) || doc.for !== r.for) errors.push(`alert ${r.alert}: expression or "for" differs from docs/operations.md`);
  }
  for (const a of docAlerts) if (!rules.some((r) => r.alert === a.alert)) errors.push(`alert ${a.alert}: in docs/operations.md but not in the PrometheusRule`);
  for (const cm of objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1')) {
    for (const [key, text] of Object.entries(cm.data as Record<string, string>)) {
      let dashboard: Obj;
      try {
        dashboard = JSON.parse(text);
      } catch (err) {
        errors.push(`dashboard ${key}: ${(err as Error).message}`);
        continue;
      }
      const panels = (dashboard.panels as Obj[]).flatMap((p) => [p, ...((p.panels as Obj[] | undefined) ?? [])]).filter((p) => p.type !== 'row');
      if (panels.length === 0) errors.push(`dashboard ${key}: no panels`);
      for (const p of panels) {
        if (!p.targets?.length) errors.push(`dashboard ${key}: panel "${p.title}" has no query`);
        for (const t of (p.targets ?? []) as Obj[]) unknownMetrics(`dashboard ${key}, panel "${p.title}"`, t.expr ?? '');
      }
    }
  }
  return errors;
}

describe('k8s/monitoring', () => {
  const prod = render(OVERLAYS[1]!) as Obj[];
  const defined = metricsDefined();
  const docAlerts = alertsInDocs();
  const dashboards = prod.filter((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1');

  it('finds the platform’s metrics in the code and reads PromQL', () => {
    expect([...defined]).toEqual(expect.arrayContaining(['gov_rpc_duration_seconds_bucket', 'gov_rpc_errors_total', 'gov_outbox_oldest_unsent_age_seconds', 'process_resident_memory_bytes']));
    expect(metricsIn('histogram_quantile(0.95, sum by (service, le) (rate(gov_rpc_duration_seconds_bucket{code=~"A|B"}[5m]))) > 1 and on (service) x_total offset 5m')).toEqual(['gov_rpc_duration_seconds_bucket', 'x_total']);
    expect(docAlerts.length).toBeGreaterThanOrEqual(10);
  });

  it('alerts: the PrometheusRule holds exactly the alerts of docs/operations.md, with their expressions, on metrics the code defines', () => {
    expect(prod.filter((o) => o.kind === 'PrometheusRule')).toHaveLength(1);
    expect(monitoringErrors(prod, docAlerts, defined)).toEqual([]);
    for (const r of prod.find((o) => o.kind === 'PrometheusRule')!.spec.groups.flatMap((g: Obj) => g.rules)) expect(['warning', 'critical']).toContain(r.labels.severity);
  });

  it('the Grafana dashboard parses and shows per service rates, latency, errors, the outbox, the consumers, dead letters and the process', () => {
    expect(dashboards).toHaveLength(1);
    const dashboard = JSON.parse(Object.values(dashboards[0]!.data as Record<string, string>)[0]!);
    const exprs = (dashboard.panels as Obj[]).flatMap((p) => (p.targets ?? []).map((t: Obj) => t.expr as string)).join('\n');
    for (const metric of ['gov_rpc_duration_seconds_count', 'gov_rpc_duration_seconds_bucket', 'gov_rpc_errors_total', 'gov_outbox_unsent_events', 'gov_outbox_oldest_unsent_age_seconds', 'gov_outbox_parked_events', 'gov_event_consumer_pending_messages', 'gov_event_consumer_ack_pending_messages', 'gov_dead_letters_total', 'process_resident_memory_bytes', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(exprs).toContain(metric);
    }
    expect(exprs).toMatch(/histogram_quantile\(0\.5,/);
    expect(exprs).toMatch(/histogram_quantile\(0\.99,/);
    expect((dashboard.panels as Obj[]).some((p) => p.type === 'row' && p.repeat === 'service')).toBe(true);
    expect(dashboard.templating.list.map((v: Obj) => v.name)).toEqual(expect.arrayContaining(['datasource', 'service']));
  });

  it('the checks fail on an alert only one side has, a changed expression, an unknown metric and broken dashboard JSON', () => {
    const copy = structuredClone(prod);
    const rule = copy.find((o) => o.kind === 'PrometheusRule')!;
    rule.spec.groups[0].rules[0].expr = 'max by (service) (gov_outbox_oldest_unsent_age_seconds) > 61';
    rule.spec.groups[0].rules.push({ alert: 'GovNew', expr: 'gov_no_such_metric > 0', labels: { severity: 'warning' } });
    const dashboard = copy.find((o) => o.kind === 'ConfigMap' && o.metadata.labels?.grafana_dashboard === '1')!;
    dashboard.data[Object.keys(dashboard.data)[0]!] += '}';
    const errors = monitoringErrors(copy, [...docAlerts, { alert: 'GovOnlyInDocs', expr: 'up == 0' }], defined);
    expect(errors).toEqual(
      expect.arrayContaining([
        `alert ${docAlerts[0]!.alert}: expression or "for" differs from docs/operations.md`,
        'alert GovNew: metric gov_no_such_metric is not defined in the code',
        'alert GovNew: not described in docs/operations.md',
        'alert GovOnlyInDocs: in docs/operations.md but not in the PrometheusRule',
        expect.stringMatching(/^dashboard gov-platform\.json: /),
      ]),
    );
  });
});

// --- network policies of every namespace ----------------------------------------------------------

describe('network policies', () => {
  const renderings = Object.fromEntries([...OVERLAYS, INFRA.nats, INFRA.postgres].map((dir) => [path.relative(path.join(root, 'k8s'), dir), render(dir) as Obj[]]));
  const appNamespaces = OVERLAYS.map((dir) => (render(dir) as Obj[]).find((o) => o.kind === 'Namespace')!.metadata.name as string).sort();
  const nats = renderings['infra/nats']!;
  const postgres = renderings['infra/postgres']!;
  const policy = (objects: Obj[], name: string) => objects.find((o) => o.kind === 'NetworkPolicy' && o.metadata.name === name)!;
  /** Each rule as `peer → ports`, peers as `ns=<names>` / `pod=<labels>` / `ip=<cidr>`, to compare whole flow lists. */
  const flows = (rules: Obj[] | undefined, side: 'from' | 'to') =>
    (rules ?? [])
      .flatMap((r) =>
        ((r[side] ?? []) as Obj[]).map((peer) => {
          const ns = peer.namespaceSelector?.matchLabels?.['kubernetes.io/metadata.name'] ?? peer.namespaceSelector?.matchExpressions?.[0]?.values?.join('|');
          const parts = [ns && `ns=${ns}`, peer.podSelector && `pod=${Object.entries(peer.podSelector.matchLabels ?? {}).map(([k, v]) => `${k.split('/').at(-1)}:${v}`).join(',')}`, peer.ipBlock && `ip=${peer.ipBlock.cidr}`].filter(Boolean);
          return `${parts.join(' ')} → ${((r.ports ?? []) as Obj[]).map((p) => `${p.port}/${p.protocol}`).join(',')}`;
        }),
      )
      .sort();
  const DNS = 'ns=kube-system pod=k8s-app:kube-dns → 53/UDP,53/TCP';
  const apps = `ns=${appNamespaces.join('|')} pod=part-of:gov-platform`;

  it.each(Object.keys(renderings))('%s: every namespace with workloads denies all traffic by default', (name) => {
    const objects = renderings[name]!;
    const workloads = ['Deployment', 'StatefulSet', 'Job', 'Cluster', 'Pooler'];
    const namespaces = new Set(objects.filter((o) => workloads.includes(o.kind)).map((o) => o.metadata.namespace));
    expect(namespaces.size).toBeGreaterThan(0);
    for (const ns of namespaces) {
      const deny = objects.filter((o) => o.kind === 'NetworkPolicy' && o.metadata.namespace === ns && Object.keys(o.spec.podSelector ?? {}).length === 0);
      expect(deny.map((p) => [p.metadata.name, [...p.spec.policyTypes].sort(), p.spec.ingress ?? [], p.spec.egress ?? []])).toEqual([['default-deny', ['Egress', 'Ingress'], [], []]]);
    }
  });

  it('nats: clients from the apps’ namespaces and NACK, routes between the servers, Prometheus on the monitoring port', () => {
    const sts = nats.find((o) => o.kind === 'StatefulSet')!;
    const p = policy(nats, 'nats');
    expect(matches(p.spec.podSelector.matchLabels, sts.spec.template.metadata.labels)).toBe(true);
    const ports = Object.fromEntries((sts.spec.template.spec.containers[0].ports as Obj[]).map((x) => [x.name, x.containerPort]));
    expect([ports.client, ports.cluster, ports.monitor]).toEqual([4222, 6222, 8222]);
    expect(flows(p.spec.ingress, 'from')).toEqual(
      [`${apps} → 4222/TCP`, 'ns=nack → 4222/TCP', 'pod=run:dlq-replay → 4222/TCP', 'pod=name:nats → 6222/TCP', 'ns=monitoring pod=name:prometheus → 8222/TCP'].sort(),
    );
    expect(flows(p.spec.egress, 'to')).toEqual(['pod=name:nats → 6222/TCP', DNS].sort());
    expect(flows(policy(nats, 'dlq-replay').spec.egress, 'to')).toEqual(['pod=name:nats → 4222/TCP', DNS].sort());
    expect(policy(nats, 'dlq-replay').spec.ingress).toBeUndefined();
    expect(nats.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name).sort()).toEqual(['default-deny', 'dlq-replay', 'nats']);
  });

  it('gov-db: the pooler from the apps, the instances from the pooler, each other and the operator; backups out on 443', () => {
    const cluster = postgres.find((o) => o.kind === 'Cluster')!;
    const pooler = postgres.find((o) => o.kind === 'Pooler')!;
    const instances = `pod=cluster:${cluster.metadata.name},podRole:instance`;
    const p = policy(postgres, pooler.metadata.name);
    expect(p.spec.podSelector.matchLabels).toEqual({ 'cnpg.io/poolerName': pooler.metadata.name });
    expect(flows(p.spec.ingress, 'from')).toEqual([`${apps} → 5432/TCP`]);
    expect(flows(p.spec.egress, 'to')).toEqual([`${instances} → 5432/TCP`, 'ip=0.0.0.0/0 → 443/TCP,6443/TCP', DNS].sort());
    const db = policy(postgres, cluster.metadata.name);
    expect(db.spec.podSelector.matchLabels).toEqual({ 'cnpg.io/cluster': cluster.metadata.name, 'cnpg.io/podRole': 'instance' });
    expect(flows(db.spec.ingress, 'from')).toEqual(
      [`pod=poolerName:${pooler.metadata.name} → 5432/TCP`, `${instances} → 5432/TCP`, 'ns=cnpg-system → 8000/TCP,5432/TCP', 'ns=monitoring pod=name:prometheus → 9187/TCP'].sort(),
    );
    expect(flows(db.spec.egress, 'to')).toEqual([`${instances} → 5432/TCP`, 'ip=0.0.0.0/0 → 443/TCP,6443/TCP', DNS].sort());
    expect(cluster.spec.backup.barmanObjectStore.endpointURL).toMatch(/^https:\/\/[^:/]+\/?$/);
    expect(postgres.filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name).sort()).toEqual(['default-deny', cluster.metadata.name, pooler.metadata.name].sort());
  });
});
