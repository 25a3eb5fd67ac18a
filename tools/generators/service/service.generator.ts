/**
 * `npx nx g @gov/tools:service <name> [--entity <singular>] [--port <n>] [--skipInstall]`
 *
 * A new service shaped like identity (docs/adr/0006): apps/<name> (AppModule on PlatformModule,
 * main.ts, migrate.ts, config, a sample feature with @MessagePattern handlers and its NATS test),
 * libs/<name>/{contracts,domain,data-access,graphql}, and its registration everywhere the
 * platform lists its services: the gateway module, eslint.config.js scopes, the root workspaces,
 * tools/start.mjs, docker-compose.yml, k8s/base, its NATS user (deploy/nats/auth.conf and its copies
 * in k8s/base and k8s/infra/nats), its database role (k8s/infra/postgres) and README.md. Templates are under ./files.
 *
 * Loaded by Nx with Node's own type stripping (Node 24): erasable TypeScript only, type-only
 * imports marked `type`, no relative imports.
 */
import { generateFiles, logger, names, updateJson, type GeneratorCallback, type Tree } from '@nx/devkit';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface ServiceGeneratorOptions {
  name: string;
  entity?: string;
  port?: number;
  skipInstall?: boolean;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Folder names under apps/ and libs/ that are not services. */
const RESERVED = new Set(['gateway', 'e2e', 'kernel', 'platform', 'tools', 'shared', 'postgres', 'nats']);
/** The comment in apps/gateway/src/gateway.module.ts under which each service's GraphQL module is listed. */
export const GATEWAY_MARKER = '// One line per service: each brings its own types, resolvers and loader keys.';

export interface ServiceNames {
  name: string;
  className: string;
  propertyName: string;
  constantName: string;
  /** Database schema and anything else that takes no dash. */
  schemaName: string;
  title: string;
  entity: string;
  entityClass: string;
  entityProp: string;
  entityConstant: string;
  entityTable: string;
  entityTitle: string;
  port: number;
}

export default async function serviceGenerator(tree: Tree, options: ServiceGeneratorOptions): Promise<GeneratorCallback> {
  const n = normalize(tree, options);

  generateFiles(tree, path.join(import.meta.dirname, 'files'), '.', { ...n, tmpl: '' });

  addWorkspace(tree, n);
  addServiceScope(tree, n);
  addToEventCatalogue(tree, n);
  registerGraphqlModule(tree, n);
  addToStartScript(tree, n);
  addNatsUser(tree, n);
  addToCompose(tree, n);
  addToKustomization(tree, n);
  addDatabaseRole(tree, n);
  addReadmeSection(tree, n);
  exposePort(tree, n);
  addK8sReadmeRows(tree, n);

  return () => {
    const steps = [
      ['npm', ['install', '--no-audit', '--no-fund']],
      ['npm', ['run', 'schema:generate']],
    ] as const;
    if (!options.skipInstall) {
      for (const [cmd, args] of steps) {
        logger.info(`> ${cmd} ${args.join(' ')}`);
        const r = spawnSync(cmd, args, { cwd: tree.root, stdio: 'inherit' });
        if (r.status !== 0) {
          logger.warn(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal}); run it yourself before building.`);
          break;
        }
      }
    }
    logger.info(
      [
        '',
        `Service ${n.name} created (HTTP ${n.port}, schema ${n.schemaName}, subjects rpc.${n.name}.*).`,
        ...(options.skipInstall ? ['  npm install                 links the new packages and records them in package-lock.json', '  npm run schema:generate     rewrites apps/gateway/schema.graphql with the new types'] : []),
        `  npx nx run-many -t lint typecheck build test --projects=@gov/${n.name},@gov/${n.name}-*`,
        '  npm start                   starts it with identity and the gateway',
      ].join('\n'),
    );
  };
}

export function normalize(tree: Tree, options: ServiceGeneratorOptions): ServiceNames {
  const name = String(options.name ?? '').trim();
  if (!KEBAB.test(name) || name.length > 30) throw new Error(`service name "${name}" must be kebab case (a-z, 0-9, single dashes), at most 30 characters, e.g. grids`);
  if (RESERVED.has(name)) throw new Error(`"${name}" is reserved`);
  for (const dir of [`apps/${name}`, `libs/${name}`]) if (tree.exists(dir)) throw new Error(`${dir} already exists`);
  const entity = options.entity ?? (name.endsWith('s') && !name.endsWith('ss') ? name.slice(0, -1) : name);
  if (!KEBAB.test(entity)) throw new Error(`entity "${entity}" must be kebab case, e.g. grid`);

  const s = names(name);
  const e = names(entity);
  const used = usedPorts(tree);
  const port = options.port ?? Math.max(4000, ...used) + 1;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`port ${port} must be an integer in 1024–65535`);
  if (used.includes(port)) throw new Error(`port ${port} is already used by another app`);

  const n: ServiceNames = {
    name,
    className: s.className,
    propertyName: s.propertyName,
    constantName: s.constantName,
    schemaName: name.replace(/-/g, '_'),
    title: name.replace(/-/g, ' '),
    entity,
    entityClass: e.className,
    entityProp: e.propertyName,
    entityConstant: e.constantName,
    entityTable: entity.replace(/-/g, '_'),
    entityTitle: entity.replace(/-/g, ' '),
    port,
  };
  if (['outbox_event', 'inbox_event', 'outbox_aggregate_version'].includes(n.entityTable)) throw new Error(`entity table ${n.entityTable} is taken by the outbox`);
  assertGraphqlNamesFree(tree, n);
  return n;
}

/** HTTP ports the apps already claim: config defaults, compose and the k8s base. */
function usedPorts(tree: Tree): number[] {
  const ports = new Set<number>();
  const scan = (file: string, re: RegExp) => {
    const text = tree.read(file, 'utf-8');
    if (text) for (const m of text.matchAll(re)) ports.add(Number(m[1]));
  };
  for (const app of tree.exists('apps') ? tree.children('apps') : []) {
    scan(`apps/${app}/src/config.ts`, /httpPort:\s*(\d{2,5})/g);
    scan(`apps/${app}/src/config.ts`, /HTTP_PORT:[^\n]*\.default\((\d{2,5})\)/g);
  }
  scan('docker-compose.yml', /HTTP_PORT:\s*"?(\d{2,5})"?/g);
  for (const f of tree.exists('k8s/base') ? tree.children('k8s/base') : []) scan(`k8s/base/${f}`, /containerPort:\s*(\d{2,5})/g);
  return [...ports].filter((p) => p >= 1024).sort((a, b) => a - b);
}

/** Type and operation names share one gateway schema: refuse names another service already uses. */
function assertGraphqlNamesFree(tree: Tree, n: ServiceNames) {
  const sdl = tree.read('apps/gateway/schema.graphql', 'utf-8') ?? '';
  const taken = [
    [new RegExp(`^type ${n.entityClass} `, 'm'), `type ${n.entityClass}`],
    [new RegExp(`^input Create${n.entityClass}Input `, 'm'), `input Create${n.entityClass}Input`],
    [new RegExp(`^  ${n.entityProp}\\(`, 'm'), `query ${n.entityProp}`],
    [new RegExp(`^  create${n.entityClass}\\(`, 'm'), `mutation create${n.entityClass}`],
  ] as const;
  for (const [re, what] of taken) {
    if (re.test(sdl)) throw new Error(`the gateway schema already has ${what}; pick another --entity`);
  }
}

function read(tree: Tree, file: string): string {
  const text = tree.read(file, 'utf-8');
  if (text === null) throw new Error(`${file} does not exist`);
  return text;
}

function insertAt(text: string, index: number, insertion: string): string {
  return text.slice(0, index) + insertion + text.slice(index);
}

/** Index just after the line that contains `index`. */
function endOfLine(text: string, index: number): number {
  const nl = text.indexOf('\n', index);
  return nl === -1 ? text.length : nl + 1;
}

/** Root package.json `workspaces`: `libs/<name>/*` after the last libs entry. */
function addWorkspace(tree: Tree, n: ServiceNames) {
  const glob = `libs/${n.name}/*`;
  updateJson(tree, 'package.json', (json: { workspaces?: string[] | { packages?: string[] } }) => {
    const list = Array.isArray(json.workspaces) ? json.workspaces : json.workspaces?.packages;
    if (!list) throw new Error('package.json has no workspaces list');
    if (list.includes(glob)) return json;
    let at = list.length;
    for (let i = 0; i < list.length; i++) if (list[i]!.startsWith('libs/')) at = i + 1;
    list.splice(at, 0, glob);
    return json;
  });
}

/** eslint.config.js `const serviceScopes = [...]`: the module-boundary rule for scope:<name>. */
function addServiceScope(tree: Tree, n: ServiceNames) {
  const file = 'eslint.config.js';
  const text = read(tree, file);
  const m = /const serviceScopes = \[([^\]]*)\];/.exec(text);
  if (!m) throw new Error(`${file}: no \`const serviceScopes = [...];\` line to add '${n.name}' to`);
  const scopes = [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
  if (scopes.includes(n.name)) return;
  const line = `const serviceScopes = [${[...scopes, n.name].map((s) => `'${s}'`).join(', ')}];`;
  tree.write(file, text.slice(0, m.index) + line + text.slice(m.index + m[0].length));
}

/** tools/events/contracts.mjs: the service's events join the catalogue (docs/asyncapi.yaml). */
function addToEventCatalogue(tree: Tree, n: ServiceNames) {
  const file = 'tools/events/contracts.mjs';
  let text = read(tree, file);
  const events = `${n.className}Events`;
  if (new RegExp(`\\b${events}\\b`).test(text)) return;
  const imports = [...text.matchAll(/^import [^;]*;$/gm)];
  if (!imports.length) throw new Error(`${file}: no import statements found`);
  text = insertAt(text, endOfLine(text, imports.at(-1)!.index), `import { ${events} } from '@gov/${n.name}-contracts';\n`);
  const m = /export const CONTRACTS = \{\n([\s\S]*?)\n\};/.exec(text);
  if (!m) throw new Error(`${file}: no \`export const CONTRACTS = { … };\` to add ${n.name} to`);
  const end = m.index + m[0].length - 3;
  tree.write(file, `${text.slice(0, end)}\n  ${n.schemaName.includes('_') ? `'${n.name}'` : n.name}: ${events},${text.slice(end)}`);
}

/** apps/gateway/src/gateway.module.ts: import the GraphQL module and list it under the marker comment. */
function registerGraphqlModule(tree: Tree, n: ServiceNames) {
  const file = 'apps/gateway/src/gateway.module.ts';
  let text = read(tree, file);
  const moduleName = `${n.className}GraphqlModule`;
  if (new RegExp(`\\b${moduleName}\\b`).test(text)) return;

  // The import: after the last import of a service GraphQL lib, else after the last import.
  const importLine = `import { ${moduleName} } from '@gov/${n.name}-graphql';\n`;
  const imports = [...text.matchAll(/^import [^;]*;[^\n]*$/gm)];
  if (!imports.length) throw new Error(`${file}: no import statements found`);
  const graphqlImports = imports.filter((m) => /from '@gov\/[a-z0-9-]+-graphql'/.test(m[0]));
  const anchor = (graphqlImports.at(-1) ?? imports.at(-1))!;
  text = insertAt(text, endOfLine(text, anchor.index), importLine);

  // The module: after the GraphQL modules listed under the marker. Without the marker, after the
  // last `XGraphqlModule,` line of an imports array (and the marker goes in above the list).
  const lines = text.split('\n');
  const isModuleLine = (l: string) => /^\s*[A-Z]\w*GraphqlModule,\s*$/.test(l);
  let markerAt = lines.findIndex((l) => l.trim() === GATEWAY_MARKER);
  if (markerAt === -1) {
    const first = lines.findIndex(isModuleLine);
    if (first === -1) {
      throw new Error(`${file}: cannot find where service GraphQL modules are listed; put the line "${GATEWAY_MARKER}" in the imports array of GraphQLModule's sibling modules`);
    }
    lines.splice(first, 0, `${/^\s*/.exec(lines[first]!)![0]}${GATEWAY_MARKER}`);
    markerAt = first;
  }
  let last = markerAt;
  while (last + 1 < lines.length && isModuleLine(lines[last + 1]!)) last++;
  const indent = /^\s*/.exec(lines[markerAt]!)![0];
  lines.splice(last + 1, 0, `${indent}${moduleName},`);
  tree.write(file, lines.join('\n'));
}

/** tools/start.mjs: migrate the new service, then start it before the gateway. */
function addToStartScript(tree: Tree, n: ServiceNames) {
  const file = 'tools/start.mjs';
  let text = read(tree, file);
  if (text.includes(`apps/${n.name}/dist/main.js`)) return;
  const envVar = `${n.constantName}_HTTP_PORT`;
  const envExpr = `{ ...base, HTTP_PORT: process.env.${envVar} || '${n.port}' }`;

  // Migration step: after the last `step('migrate …', …);` line.
  const migrations = [...text.matchAll(/^([ \t]*)step\('migrate [^']*'[^\n]*;[ \t]*$/gm)];
  const lastMigration = migrations.at(-1);
  if (!lastMigration) throw new Error(`${file}: no \`step('migrate …', …);\` line to add ${n.name}'s migration after`);
  text = insertAt(text, endOfLine(text, lastMigration.index), `${lastMigration[1]}step('migrate ${n.name}', NODE, ['apps/${n.name}/dist/migrate.js'], ${envExpr});\n`);

  // The process: in `const wanted = [...]`, before the gateway (services first), else at the end.
  const wantedAt = text.indexOf('const wanted = [');
  if (wantedAt === -1) throw new Error(`${file}: no \`const wanted = [\` list of services to start`);
  const close = text.indexOf('];', wantedAt);
  if (close === -1) throw new Error(`${file}: the \`wanted\` list is not closed`);
  const block = text.slice(wantedAt, close);
  const entries = [...block.matchAll(/^([ \t]*)\{ name: '([^']+)'[^\n]*$/gm)];
  if (!entries.length) throw new Error(`${file}: the \`wanted\` list has no \`{ name: '…', entry: … }\` lines`);
  const gateway = entries.find((m) => m[2] === 'gateway');
  const entry = `{ name: '${n.name}', entry: 'apps/${n.name}/dist/main.js', env: ${envExpr} },\n`;
  if (gateway) text = insertAt(text, wantedAt + gateway.index, `${gateway[1]}${entry}`);
  else {
    const lastEntry = entries.at(-1)!;
    text = insertAt(text, endOfLine(text, wantedAt + lastEntry.index), `${lastEntry[1]}${entry}`);
  }

  // The header comment's list of variables, when it has one.
  text = text.replace(/(\/\/[^\n]*GATEWAY_HTTP_PORT \(\d+\))/, `$1, ${envVar} (${n.port})`);
  tree.write(file, text);
}

/** The NATS users and permissions (deploy/nats/README.md) and their copy for Kubernetes. */
export const NATS_AUTH_CONF = 'deploy/nats/auth.conf';
export const NATS_AUTH_CONFIGMAP = 'k8s/base/nats-auth.yaml';
/** The NATS servers' own copy (k8s/infra/nats, namespace nats). */
export const NATS_AUTH_CONFIGMAP_INFRA = 'k8s/infra/nats/nats-auth.yaml';
/** The lines of deploy/nats/auth.conf above which a new service's permissions and its user go. */
export const NATS_PERMS_MARKER = "# The service generator adds the next service's permissions above this line.";
export const NATS_USERS_MARKER = "# The service generator adds the next service's user above this line.";

/** NATS_PASSWORD_<X> and PERMS_<X> of a user: upper case, dashes as underscores. */
export function natsVariableSuffix(user: string): string {
  return user.toUpperCase().replace(/-/g, '_');
}

/** What every service may do on NATS (deploy/nats/auth.conf), as the block that identity has too. */
/** `calls`: other services' subjects this one requests (added by hand when it starts calling them). */
export function natsServicePermissions(name: string, calls: readonly string[] = []): string {
  const extra = calls.map((c) => ` "${c}",`).join('');
  return `PERMS_${natsVariableSuffix(name)} = {
  publish: {
    allow: [
      "evt.*.${name}.>", "dlq.*", "rpc.identity.access.jwks",${extra}
      "$JS.API.INFO",
      "$JS.API.STREAM.INFO.GOV_EVENTS", "$JS.API.STREAM.CREATE.GOV_EVENTS", "$JS.API.STREAM.UPDATE.GOV_EVENTS",
      "$JS.API.STREAM.INFO.GOV_DLQ", "$JS.API.STREAM.CREATE.GOV_DLQ", "$JS.API.STREAM.UPDATE.GOV_DLQ",
      "$JS.API.CONSUMER.CREATE.GOV_EVENTS.*.evt.>", "$JS.API.CONSUMER.INFO.GOV_EVENTS.*",
      "$JS.API.CONSUMER.MSG.NEXT.GOV_EVENTS.*", "$JS.ACK.GOV_EVENTS.>", "$JS.API.STREAM.MSG.GET.GOV_EVENTS"
    ]
  }
  subscribe: { allow: ["rpc.${name}.>", "_INBOX.${name}.>"] }
  allow_responses: true
}
`;
}

/** deploy/nats/auth.conf with a service's permissions and user added above the generator's two marker lines. */
export function addNatsService(conf: string, name: string): string {
  const suffix = natsVariableSuffix(name);
  if (new RegExp(`^\\s*\\{\\s*user:\\s*"?${name}"?\\s*,`, 'm').test(conf) || new RegExp(`^PERMS_${suffix}\\s*=`, 'm').test(conf)) {
    throw new Error(`${NATS_AUTH_CONF} already has a NATS user ${name}`);
  }
  const lineStart = (marker: string) => {
    const at = conf.indexOf(marker);
    if (at === -1) throw new Error(`${NATS_AUTH_CONF}: no line "${marker}" to add ${name}'s NATS user at`);
    return conf.lastIndexOf('\n', at) + 1;
  };
  const perms = lineStart(NATS_PERMS_MARKER);
  const users = lineStart(NATS_USERS_MARKER);
  const indent = /^[ \t]*/.exec(conf.slice(users))![0];
  const insertions = [
    { at: perms, text: `${natsServicePermissions(name)}\n` },
    { at: users, text: `${indent}{ user: "${name}", password: $NATS_PASSWORD_${suffix}, permissions: $PERMS_${suffix} }\n` },
  ].sort((a, b) => b.at - a.at);
  return insertions.reduce((text, i) => insertAt(text, i.at, i.text), conf);
}

/** k8s/base/nats-auth.yaml with `conf` as its auth.conf (the block scalar that ends the file). */
export function withNatsAuthConf(configMap: string, conf: string): string {
  const key = /^ {2}auth\.conf: \|\n/m.exec(configMap);
  if (!key) throw new Error(`${NATS_AUTH_CONFIGMAP}: no "  auth.conf: |" block to copy ${NATS_AUTH_CONF} into`);
  const body = conf.replace(/\n$/, '').split('\n').map((l) => (l ? `    ${l}` : '')).join('\n');
  return `${configMap.slice(0, key.index + key[0].length)}${body}\n`;
}

/** deploy/nats/auth.conf: the service's NATS user and permissions; k8s/base/nats-auth.yaml: the same file. */
function addNatsUser(tree: Tree, n: ServiceNames) {
  const conf = addNatsService(read(tree, NATS_AUTH_CONF), n.name);
  tree.write(NATS_AUTH_CONF, conf);
  for (const file of [NATS_AUTH_CONFIGMAP, NATS_AUTH_CONFIGMAP_INFRA]) {
    const configMap = tree.read(file, 'utf-8');
    if (configMap !== null) tree.write(file, withNatsAuthConf(configMap, conf));
  }
}

/** The CloudNativePG managed role of the service (its runtime role) and the ExternalSecret of its password. */
export const DB_CLUSTER = 'k8s/infra/postgres/cluster.yaml';
export const DB_SECRETS = 'k8s/infra/postgres/secrets.yaml';
export const DB_ROLES_MARKER = "      # The service generator adds the next service's role above this line.";
function addDatabaseRole(tree: Tree, n: ServiceNames) {
  const cluster = tree.read(DB_CLUSTER, 'utf-8');
  const secrets = tree.read(DB_SECRETS, 'utf-8');
  if (cluster === null || secrets === null || cluster.includes(`name: gov-db-role-${n.name}\n`)) return;
  if (!cluster.includes(DB_ROLES_MARKER)) throw new Error(`${DB_CLUSTER}: no line "${DB_ROLES_MARKER.trim()}" to add the role above`);
  const role = `      - name: ${n.schemaName}
        ensure: present
        login: true
        inherit: true
        connectionLimit: 200
        passwordSecret:
          name: gov-db-role-${n.name}
`;
  tree.write(DB_CLUSTER, cluster.replace(DB_ROLES_MARKER, `${role}${DB_ROLES_MARKER}`));
  const secret = `---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: gov-db-role-${n.name}
spec:
  refreshInterval: 1h
  secretStoreRef:
    kind: ClusterSecretStore
    name: gov-secrets
  target:
    name: gov-db-role-${n.name}
    creationPolicy: Owner
    template:
      type: kubernetes.io/basic-auth
  data:
    - secretKey: username
      remoteRef: { key: gov/db/${n.schemaName}, property: username }
    - secretKey: password
      remoteRef: { key: gov/db/${n.schemaName}, property: password }
`;
  tree.write(DB_SECRETS, `${secrets.replace(/\n*$/, '\n')}${secret}`);
}

/** docker-compose.yml: an env anchor, the migration one-shot and the service, before the gateway. */
function addToCompose(tree: Tree, n: ServiceNames) {
  const file = 'docker-compose.yml';
  let text = read(tree, file);
  if (new RegExp(`^  ${n.name}:`, 'm').test(text)) return;

  const passwordVar = `NATS_PASSWORD_${natsVariableSuffix(n.name)}`;
  const password = `\${${passwordVar}:-dev-${n.name}}`;
  const anchor = `x-${n.name}-env: &${n.name}-env
  <<: *app-env
  NATS_USER: ${n.name}
  NATS_PASSWORD: ${password}
  DATABASE_URL: postgres://postgres@postgres:5432/gov
  HTTP_PORT: "${n.port}"

`;
  const servicesAt = text.search(/^services:/m);
  if (servicesAt === -1) throw new Error(`${file}: no top-level services:`);
  text = insertAt(text, servicesAt, anchor);

  // The nats service reads the new user's password too: after the last NATS_PASSWORD_<USER> it gets.
  const natsPasswords = [...text.matchAll(/^([ \t]+)NATS_PASSWORD_[A-Z0-9_]+: [^\n]*$/gm)];
  const lastPassword = natsPasswords.at(-1);
  if (!lastPassword) throw new Error(`${file}: the nats service has no NATS_PASSWORD_<USER> variables to add ${passwordVar} to`);
  text = insertAt(text, endOfLine(text, lastPassword.index), `${lastPassword[1]}${passwordVar}: '"${password}"'\n`);

  const services = `  ${n.name}-migrate:
    <<: *app
    restart: "no"
    command: ["node", "apps/${n.name}/dist/migrate.js"]
    environment:
      <<: *${n.name}-env
    depends_on:
      postgres:
        condition: service_healthy

  ${n.name}:
    <<: *app
    command: ["node", "apps/${n.name}/dist/main.js"]
    environment:
      <<: *${n.name}-env
    ports:
      - "${n.port}:${n.port}"
    depends_on:
      postgres:
        condition: service_healthy
      nats:
        condition: service_started
      ${n.name}-migrate:
        condition: service_completed_successfully

`;
  const gatewayAt = text.search(/^ {2}gateway:/m);
  let at = gatewayAt;
  if (at === -1) {
    // After the last service: before the next top-level key, or at the end.
    const rest = text.slice(text.search(/^services:/m) + 'services:'.length);
    const next = rest.search(/^\S/m);
    at = next === -1 ? text.length : text.length - rest.length + next;
    if (!text.slice(0, at).endsWith('\n\n')) {
      text = insertAt(text, at, '\n');
      at++;
    }
  }
  text = insertAt(text, at, services);
  const doc = parseYaml(text, { merge: true }) as { services?: Record<string, { environment?: Record<string, unknown> }> };
  if (!doc?.services?.[n.name] || !doc.services[`${n.name}-migrate`] || doc.services.nats?.environment?.[passwordVar] !== `"${password}"`) {
    throw new Error(`${file}: adding ${n.name} did not give a valid file`);
  }
  tree.write(file, text);
}

/** k8s/base/kustomization.yaml: the four generated manifests, before the gateway's. */
function addToKustomization(tree: Tree, n: ServiceNames) {
  const file = 'k8s/base/kustomization.yaml';
  const lines = read(tree, file).split('\n');
  const wanted = [`${n.name}-policies.yaml`, `${n.name}-migrate-job.yaml`, `${n.name}-deployment.yaml`, `${n.name}-service.yaml`];
  const start = lines.findIndex((l) => /^resources:\s*$/.test(l));
  if (start === -1) throw new Error(`${file}: no resources: list`);
  let end = start + 1;
  while (end < lines.length && /^\s+-\s/.test(lines[end]!)) end++;
  const entries = lines.slice(start + 1, end);
  const missing = wanted.filter((w) => !entries.some((l) => l.trim() === `- ${w}`));
  if (!missing.length) return;
  const indent = /^\s*/.exec(entries[0] ?? '  - ')![0];
  const gateway = entries.findIndex((l) => l.trim().startsWith('- gateway-'));
  lines.splice(gateway === -1 ? end : start + 1 + gateway, 0, ...missing.map((w) => `${indent}- ${w}`));
  tree.write(file, lines.join('\n'));
}

/** README.md: a `### <name>` section under `## Services` (the heading is added once, before Configuration). */
function addReadmeSection(tree: Tree, n: ServiceNames) {
  const file = 'README.md';
  let text = tree.read(file, 'utf-8') ?? '';
  if (text.includes(`\n### ${n.name}\n`)) return;
  const section = `### ${n.name}
\`apps/${n.name}\` (HTTP ${n.port}: \`/health/live\`, \`/health/ready\`, \`/metrics\`; database schema \`${n.schemaName}\`),
generated by \`npx nx g @gov/tools:service ${n.name}\`. It answers \`rpc.${n.name}.*\` over NATS (queue group
\`${n.name}\`) and publishes \`evt.<county>.${n.name}.*\` through its outbox.

| path | what |
|---|---|
| \`apps/${n.name}\` | the service: \`src/${n.entity}/\` (sample feature: create, get, getMany), \`main.ts\` (process), \`migrate.ts\` (Kubernetes Job), \`testing.ts\` and \`${n.name}.spec.ts\` |
| \`libs/${n.name}/contracts\` | subjects \`${n.className}Rpc\`, events \`${n.className}Events\`, zod inputs, views |
| \`libs/${n.name}/domain\` | rules without I/O (who may create, who sees a ${n.entityTitle}) |
| \`libs/${n.name}/data-access\` | entities and migrations (\`001-initial\` includes the outbox tables) |
| \`libs/${n.name}/graphql\` | \`${n.className}GraphqlModule\`: the \`${n.entityProp}\` query and \`create${n.entityClass}\` mutation in the gateway |

By hand: \`node apps/${n.name}/dist/migrate.js\`, then \`node apps/${n.name}/dist/main.js\`
(\`HTTP_PORT\`, \`DB_SCHEMA\`, \`DATABASE_URL\`, \`NATS_URL\` as in Configuration). Tests: \`npx nx test @gov/${n.name}\`.
`;
  const services = /^## Services[ \t]*$/m.exec(text);
  if (services) {
    const after = services.index + services[0].length;
    const next = text.slice(after).search(/^## /m);
    const at = next === -1 ? text.length : after + next;
    const before = text.slice(0, at).replace(/\n*$/, '\n\n');
    text = before + section + (next === -1 ? '' : '\n' + text.slice(at));
  } else {
    const block = `## Services\nEach service was generated by \`npx nx g @gov/tools:service <name>\`, which adds its section here.\n\n${section}`;
    const config = text.search(/^## Configuration[ \t]*$/m);
    if (config === -1) text = text.replace(/\n*$/, '\n\n') + block;
    else text = text.slice(0, config) + block + '\n' + text.slice(config);
  }
  tree.write(file, text);
}

/**
 * Dockerfile `EXPOSE`: documentation only, kept in step when it lists ports. The services' image is
 * the last stage (the default target); earlier stages (the console's nginx) expose their own.
 */
function exposePort(tree: Tree, n: ServiceNames) {
  const text = tree.read('Dockerfile', 'utf-8');
  const m = text ? [...text.matchAll(/^EXPOSE ((?:\d+ ?)+)$/gm)].at(-1) : undefined;
  if (!text || !m || m.index === undefined) return;
  const ports = m[1]!.trim().split(/\s+/);
  if (ports.includes(String(n.port))) return;
  const line = `EXPOSE ${[...ports, String(n.port)].join(' ')}`;
  tree.write('Dockerfile', text.slice(0, m.index) + line + text.slice(m.index + m[0].length));
}

/** k8s/README.md: the new objects in its table of files, after the last service's rows. */
function addK8sReadmeRows(tree: Tree, n: ServiceNames) {
  const file = 'k8s/README.md';
  const text = tree.read(file, 'utf-8');
  if (!text || text.includes(`\`${n.name}-deployment.yaml\``)) return;
  const lines = text.split('\n');
  const gateway = lines.findIndex((l) => l.startsWith('| `gateway-deployment.yaml`'));
  const last = lines.reduce((at, l, i) => (/^\| `[a-z0-9-]+-(deployment|service|migrate-job)\.yaml`/.test(l) ? i : at), -1);
  const at = gateway !== -1 ? gateway : last + 1;
  if (at <= 0) return;
  lines.splice(
    at,
    0,
    `| \`${n.name}-migrate-job.yaml\` | Job \`${n.name}-migrate\`: \`node apps/${n.name}/dist/migrate.js\` |`,
    `| \`${n.name}-deployment.yaml\`, \`${n.name}-service.yaml\` | Deployment (2 replicas) and Service \`${n.name}\`, port ${n.port} (\`http\`) |`,
  );
  tree.write(file, lines.join('\n'));
}
