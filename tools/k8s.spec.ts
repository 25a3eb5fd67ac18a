// Renders k8s/base (tools/kustomize.mjs, no kustomize binary needed) and checks every object:
// the fields Kubernetes requires per kind plus the wiring a typo would break silently
// (selectors, named probe ports, config references), and that every app has a Deployment.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
const API_VERSIONS: Record<string, string> = { ConfigMap: 'v1', Service: 'v1', Deployment: 'apps/v1', Job: 'batch/v1' };
/** Secrets the base references but never contains: each environment creates them. */
const EXTERNAL_SECRETS = new Set(['platform-secrets', 'nats-credentials', 'actor-keys']);
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
        if (annotations['prometheus.io/scrape'] !== 'true' || annotations['prometheus.io/path'] !== '/metrics') errors.push(`${id}: pods need prometheus.io/scrape "true" and prometheus.io/path /metrics`);
        if (!containerPorts.includes(annotations['prometheus.io/port'])) errors.push(`${id}: prometheus.io/port ${annotations['prometheus.io/port']} is not a container port`);
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
  }
  return errors;
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
        fs.writeFileSync(path.join(dir, 'kustomization.yaml'), 'resources: []\npatches:\n  - path: x.yaml\n');
        expect(() => render(dir)).toThrow(/does not support patches/);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    const kubectl = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
    (kubectl ? it : it.skip)('renders the same objects as `kubectl kustomize` (when kubectl is installed)', () => {
      const out = spawnSync('kubectl', ['kustomize', BASE], { encoding: 'utf8' });
      expect(out.stderr).toBe('');
      const theirs = parseAllDocuments(out.stdout).map((d) => d.toJS());
      const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
      const sort = (list: Obj[]) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
      expect(sort(objects)).toEqual(sort(theirs));
    });
  });
});
