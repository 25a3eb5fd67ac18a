// docker-compose.yml must run the two servers and every app under apps/, wired to them, and the county
// console (the root Dockerfile's `console` target) in front of the gateway.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { natsPasswordVariable, natsUsers } from './infra.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const INFRA = ['postgres', 'nats'];
const APP_PORTS: Record<string, number> = { gateway: 4000, identity: 4001 };
/** The county console: nginx (8080 in the image) published where `npm start` serves it. */
const CONSOLE = { service: 'console', target: 'console', host: 4200, container: 8080 };

type Build = { context?: string; dockerfile?: string; target?: string };
type Service = {
  image?: string;
  build?: string | Build;
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  ports?: (string | { published?: string | number; target?: number })[];
  healthcheck?: { test?: unknown };
  volumes?: (string | { source?: string; target?: string })[];
};
type Compose = { services?: Record<string, Service> };

/** Directories under apps/ with a main.ts: each is a process that must be deployed (apps/e2e is not). */
function listApps(): string[] {
  return fs
    .readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'apps', d.name, 'src', 'main.ts')))
    .map((d) => d.name)
    .sort();
}

function loadCompose(): Compose {
  // merge: true resolves the `<<: *anchor` keys the file uses, as docker compose does.
  return parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true });
}

const words = (command: Service['command']) => (Array.isArray(command) ? command.map(String) : String(command ?? '').split(/\s+/));
const deps = (s: Service) => (Array.isArray(s.depends_on) ? s.depends_on : Object.keys(s.depends_on ?? {}));
const env = (s: Service): Record<string, string> =>
  Array.isArray(s.environment)
    ? Object.fromEntries(s.environment.map((e) => [e.split('=')[0], e.slice(e.indexOf('=') + 1)]))
    : Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, String(v ?? '')]));
const published = (s: Service) =>
  (s.ports ?? []).map((p) => {
    if (typeof p === 'object') return { host: Number(p.published), container: Number(p.target) };
    const parts = String(p).split(':');
    return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
  });

/** A user's password in compose: the variable nats-server reads, else the development default tools/infra.mjs also uses. */
const devPassword = (user: string) => `\${${natsPasswordVariable(user)}:-dev-${user}}`;

/** Every problem with the compose file, as readable lines (empty when it is fine). */
function checkCompose(doc: Compose, apps: string[]): string[] {
  const errors: string[] = [];
  const services = doc.services ?? {};

  const pg = services.postgres;
  if (!pg) errors.push('no postgres service');
  else {
    if (!/^postgis\/postgis:/.test(pg.image ?? '')) errors.push(`postgres must use a postgis/postgis image, not ${pg.image}`);
    if (!pg.healthcheck?.test) errors.push('postgres needs a healthcheck (apps wait for service_healthy)');
  }
  const nats = services.nats;
  const natsVars = nats ? env(nats) : {};
  if (!nats) errors.push('no nats service');
  else {
    if (!/^nats:/.test(nats.image ?? '')) errors.push(`nats must use a nats image, not ${nats.image}`);
    if (!words(nats.command).includes('-js')) errors.push('nats must run with -js (JetStream)');
    // The project's users and permissions: deploy/nats mounted, dev.conf (which includes auth.conf) as the config.
    const command = words(nats.command);
    const flag = command.findIndex((w) => w === '-c' || w === '--config');
    const config = flag === -1 ? undefined : command[flag + 1];
    const mount = (nats.volumes ?? []).map((v) => (typeof v === 'string' ? v.split(':') : [v.source, v.target])).find(([from]) => from === './deploy/nats');
    if (!mount) errors.push('nats must mount ./deploy/nats (the users and permissions)');
    else if (config !== `${mount[1]}/dev.conf`) errors.push(`nats must run -c ${mount[1]}/dev.conf, runs ${config ?? 'no config'}`);
    for (const { user, variable } of natsUsers()) {
      const quoted = `"${devPassword(user)}"`; // nats-server parses the value: quoted, it is the password as it is
      if (natsVars[variable] !== quoted) errors.push(`nats: ${variable} must be ${quoted} (deploy/nats/auth.conf reads it), is ${natsVars[variable]}`);
    }
  }

  for (const app of apps) {
    const s = services[app];
    if (!s) {
      errors.push(`apps/${app} has no service in docker-compose.yml`);
      continue;
    }
    if (!s.build && !s.image) errors.push(`${app}: neither build nor image`);
    if (!words(s.command).join(' ').includes(`apps/${app}/dist/main.js`)) errors.push(`${app}: command must run apps/${app}/dist/main.js`);
    const vars = env(s);
    const d = deps(s);
    if (!d.includes('nats')) errors.push(`${app}: must depend on nats`);
    if ('DATABASE_URL' in vars && !d.includes('postgres')) errors.push(`${app}: has DATABASE_URL but does not depend on postgres`);
    for (const name of d) if (!services[name]) errors.push(`${app}: depends on unknown service ${name}`);
    if (vars.NATS_URL !== 'nats://nats:4222') errors.push(`${app}: NATS_URL must point at the nats service, is ${vars.NATS_URL}`);
    if (vars.NATS_USER !== app) errors.push(`${app}: NATS_USER must be ${app}, is ${vars.NATS_USER}`);
    else if (!natsUsers().some((u: { user: string }) => u.user === app)) errors.push(`${app}: deploy/nats/auth.conf has no user ${app}`);
    if (vars.NATS_PASSWORD !== devPassword(app)) errors.push(`${app}: NATS_PASSWORD must be ${devPassword(app)} (what the nats service gets), is ${vars.NATS_PASSWORD}`);
    if ('DATABASE_URL' in vars && !/^postgres(ql)?:\/\/[^/]*@?postgres:5432\//.test(vars.DATABASE_URL)) errors.push(`${app}: DATABASE_URL must point at the postgres service`);
    const port = APP_PORTS[app];
    if (port !== undefined) {
      if (vars.HTTP_PORT !== String(port)) errors.push(`${app}: HTTP_PORT must be ${port}, is ${vars.HTTP_PORT}`);
      if (!published(s).some((p) => p.host === port && p.container === port)) errors.push(`${app}: port ${port} is not published`);
    } else if (!vars.HTTP_PORT) errors.push(`${app}: no HTTP_PORT`);
  }

  const consoleService = services[CONSOLE.service];
  if (!consoleService) errors.push(`no ${CONSOLE.service} service (apps/county-console)`);
  else {
    const build: Build = typeof consoleService.build === 'object' ? consoleService.build : { context: consoleService.build };
    if ((build.context ?? '.') !== '.' || (build.dockerfile ?? 'Dockerfile') !== 'Dockerfile' || build.target !== CONSOLE.target)
      errors.push(`${CONSOLE.service}: must build the root Dockerfile's ${CONSOLE.target} target`);
    // One tag for two different builds would make each `docker compose build` overwrite the other.
    const appImages = apps.map((a) => services[a]?.image).filter(Boolean);
    if (!consoleService.image || appImages.includes(consoleService.image)) errors.push(`${CONSOLE.service}: needs an image name of its own, not the apps' ${consoleService.image}`);
    if (!published(consoleService).some((p) => p.host === CONSOLE.host && p.container === CONSOLE.container))
      errors.push(`${CONSOLE.service}: port ${CONSOLE.host} → ${CONSOLE.container} is not published`);
    if (!deps(consoleService).includes('gateway')) errors.push(`${CONSOLE.service}: must depend on gateway (nginx forwards /graphql, /tiles and /r to it)`);
  }

  // A service that runs migrations must finish before the app that needs them starts.
  for (const [name, s] of Object.entries(services)) {
    const m = /^(.+)-migrate$/.exec(name);
    if (!m) continue;
    if (!words(s.command).join(' ').includes(`apps/${m[1]}/dist/migrate.js`)) errors.push(`${name}: must run apps/${m[1]}/dist/migrate.js`);
    if (!deps(s).includes('postgres')) errors.push(`${name}: must depend on postgres`);
    const app = services[m[1]];
    const cond = app && !Array.isArray(app.depends_on) ? app.depends_on?.[name]?.condition : undefined;
    if (app && cond !== 'service_completed_successfully') errors.push(`${m[1]}: must wait for ${name} (service_completed_successfully)`);
  }
  return errors;
}

describe('docker-compose.yml', () => {
  const apps = listApps();
  const doc = loadCompose();

  it('finds the apps to check', () => {
    expect(apps).toEqual(expect.arrayContaining(['gateway', 'identity']));
  });

  it('runs postgres (PostGIS), nats (JetStream) and every app, wired together', () => {
    expect(Object.keys(doc.services ?? {})).toEqual(expect.arrayContaining([...INFRA, ...apps]));
    expect(checkCompose(doc, apps)).toEqual([]);
  });

  it('publishes the gateway on 4000 and identity on 4001', () => {
    expect(published(doc.services!.gateway)).toContainEqual({ host: 4000, container: 4000 });
    expect(published(doc.services!.identity)).toContainEqual({ host: 4001, container: 4001 });
  });

  it('serves the county console on 4200 from the Dockerfile’s console stage, forwarding to the gateway service', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const stage = dockerfile.split(/^(?=FROM )/m).find((st) => new RegExp(`^FROM \\S+ AS ${CONSOLE.target}$`, 'm').test(st));
    expect(stage).toMatch(new RegExp(`^EXPOSE ${CONSOLE.container}$`, 'm'));
    expect(published(doc.services![CONSOLE.service])).toContainEqual({ host: CONSOLE.host, container: CONSOLE.container });
    // nginx.conf's upstream is the compose service (and the Kubernetes Service) named gateway.
    const nginx = fs.readFileSync(path.join(root, 'apps/county-console/nginx.conf'), 'utf8');
    expect(nginx).toMatch(new RegExp(`server gateway:${APP_PORTS.gateway};`));
  });

  it('builds every app from the root Dockerfile on node:24-slim as a non-root user', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:24-slim\b/m);
    expect(dockerfile).toMatch(/npm ci\b/);
    expect(dockerfile).toMatch(/npm run build\b/);
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toMatch(/^[1-9]\d*(:\d+)?$/); // numeric, so runAsNonRoot can verify it
    for (const app of apps) expect((doc.services![app].build as { dockerfile?: string } | undefined)?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
  });

  describe('the check itself fails on a broken file', () => {
    const broken = (edit: (d: Compose) => void) => {
      const copy: Compose = structuredClone(doc);
      edit(copy);
      return checkCompose(copy, apps);
    };

    it('an app under apps/ without a service', () => {
      expect(checkCompose(doc, [...apps, 'surveys'])).toContain('apps/surveys has no service in docker-compose.yml');
    });
    it('postgres without PostGIS', () => {
      expect(broken((d) => (d.services!.postgres.image = 'postgres:15'))).toContain('postgres must use a postgis/postgis image, not postgres:15');
    });
    it('nats without JetStream', () => {
      expect(broken((d) => (d.services!.nats.command = ['-sd', '/data']))).toContain('nats must run with -js (JetStream)');
    });
    it('an app that does not depend on the servers', () => {
      expect(broken((d) => delete (d.services!.identity.depends_on as Record<string, unknown>).postgres)).toContain(
        'identity: has DATABASE_URL but does not depend on postgres',
      );
      expect(broken((d) => (d.services!.gateway.depends_on = {}))).toContain('gateway: must depend on nats');
    });
    it('nats without the users, and an app without its NATS login', () => {
      const errors = broken((d) => {
        d.services!.nats.command = ['-js', '-sd', '/data'];
        d.services!.nats.volumes = ['natsdata:/data'];
        delete (d.services!.nats.environment as Record<string, string>).NATS_PASSWORD_IDENTITY;
        delete (d.services!.gateway.environment as Record<string, string>).NATS_USER;
        (d.services!.identity.environment as Record<string, string>).NATS_PASSWORD = 'secret';
      });
      expect(errors).toEqual(
        expect.arrayContaining([
          'nats must mount ./deploy/nats (the users and permissions)',
          'nats: NATS_PASSWORD_IDENTITY must be "${NATS_PASSWORD_IDENTITY:-dev-identity}" (deploy/nats/auth.conf reads it), is undefined',
          'gateway: NATS_USER must be gateway, is undefined',
          'identity: NATS_PASSWORD must be ${NATS_PASSWORD_IDENTITY:-dev-identity} (what the nats service gets), is secret',
        ]),
      );
      expect(broken((d) => (d.services!.nats.command = ['-js', '-c', '/etc/gov/nats/auth.conf']))).toContain('nats must run -c /etc/gov/nats/dev.conf, runs /etc/gov/nats/auth.conf');
    });
    it('an unpublished port', () => {
      expect(broken((d) => (d.services!.gateway.ports = ['4100:4000']))).toContain('gateway: port 4000 is not published');
    });
    it('no console, or one built, tagged, published or wired wrongly', () => {
      expect(broken((d) => delete d.services!.console)).toContain('no console service (apps/county-console)');
      const errors = broken((d) => {
        const c = d.services!.console;
        c.build = { context: '.', dockerfile: 'Dockerfile' };
        c.image = 'gov-platform:local';
        c.ports = ['4200:4200'];
        c.depends_on = {};
      });
      expect(errors).toEqual([
        "console: must build the root Dockerfile's console target",
        "console: needs an image name of its own, not the apps' gov-platform:local",
        'console: port 4200 → 8080 is not published',
        'console: must depend on gateway (nginx forwards /graphql, /tiles and /r to it)',
      ]);
    });
  });
});
