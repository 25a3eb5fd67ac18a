import { AppError, type Actor } from '@gov/kernel';
import { startGateway, type GatewayApp } from '@gov/gateway';
import { GridsRpc, type RegionView } from '@gov/grids-contracts';
import { startGrids, type GridsTestApp } from '@gov/grids';
import { ensureBootstrapAdmin, startIdentity, type IdentityTestApp } from '@gov/identity';
import { startTasks, type TasksTestApp } from '@gov/tasks';
import { startPetitions, type PetitionsTestApp } from '@gov/petitions';
import { startMediation, type MediationTestApp } from '@gov/mediation';
import { startIntegrations, type IntegrationsTestApp } from '@gov/integrations';
import { TestContext, eventually, idCard } from '@gov/platform-testing';


export { idCard };

export interface Platform {
  t: TestContext;
  identity: IdentityTestApp;
  grids: GridsTestApp;
  tasks: TasksTestApp;
  petitions: PetitionsTestApp;
  mediation: MediationTestApp;
  integrations: IntegrationsTestApp;
  gateway: GatewayApp;
  admins: Record<'city' | 'dongbao' | 'duodao', Actor>;
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string): Promise<{ status: number; data?: T; errors?: any[]; body: any }>;
  login(username: string, password: string): Promise<string>;
  count(table: string): Promise<number>;
  /**
   * Creates each region and its missing ancestors in grids (as the city admin, no shapes) and
   * waits until identity has them from grids' events: identity grants roles and places units only
   * on regions of grids' tree. Answers each path's region id.
   */
  regions(...paths: string[]): Promise<Record<string, string>>;
  /** Waits (with a deadline) until identity has every path as a live region from grids' events. */
  identityKnows(paths: string[], timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The running services of a platform, before its test administrators exist. */
export type PlatformServices = Pick<Platform, 't' | 'identity' | 'grids' | 'tasks' | 'petitions' | 'mediation' | 'integrations' | 'gateway'>;

export interface PlatformOptions {
  /**
   * Runs once every service and the gateway are up, before the test administrators are ensured:
   * the demo city's seed (demo-city.ts). The administrators are ensured by username, so accounts
   * it created under their names (the demo's city-admin, dongbao-admin, duodao-admin) are the ones kept.
   */
  seed?: (services: PlatformServices) => Promise<void>;
}

/** Identity, grids, tasks, petitions, mediation, integrations and the gateway in this process, on this run's own schemas and subjects. */
export async function startPlatform(env: Record<string, string> = {}, options: PlatformOptions = {}): Promise<Platform> {
  const t = new TestContext();
  const identity = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50', ...env }));
  const grids = await startGrids(t.env('grids', { OUTBOX_POLL_MS: '50', ...env }));
  const tasks = await startTasks(t.env('tasks', { OUTBOX_POLL_MS: '50', ...env }));
  const petitions = await startPetitions(t.env('petitions', { OUTBOX_POLL_MS: '50', ...env }));
  const mediation = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50', ...env }));
  const integrations = await startIntegrations(t.env('integrations', { OUTBOX_POLL_MS: '50', ...env }));
  const gateway = await startGateway({ ...t.env('gateway'), ...env });
  if (options.seed) {
    try {
      await options.seed({ t, identity, grids, tasks, petitions, mediation, integrations, gateway });
    } catch (err) {
      // A failed seed must not leave six services holding the test process open.
      for (const s of [gateway, integrations, mediation, petitions, tasks, grids, identity]) await s.close().catch(() => undefined);
      await t.cleanup().catch(() => undefined);
      throw err;
    }
  }
  const d = identity.app;
  const admins = {
    city: await ensureBootstrapAdmin(d, { username: 'city-admin', password: 'demo-city-2026', name: '市管理员', phone: '13700000001', idCardNumber: idCard(901), region: 'jingmen', grants: [{ role: 'city_admin', region: 'jingmen' }] }),
    dongbao: await ensureBootstrapAdmin(d, { username: 'dongbao-admin', password: 'dongbao-2026', name: '东宝区管理员', phone: '13700000002', idCardNumber: idCard(902), region: 'jingmen/dongbao', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] }),
    duodao: await ensureBootstrapAdmin(d, { username: 'duodao-admin', password: 'duodao-2026', name: '掇刀区管理员', phone: '13700000003', idCardNumber: idCard(903), region: 'jingmen/duodao', grants: [{ role: 'county_admin', region: 'jingmen/duodao' }] }),
  };
  const identityKnows: Platform['identityKnows'] = async (paths, timeoutMs = 20_000) => {
    await eventually(async () => {
      const rows = await identity.em().execute<{ path: string }[]>(`select distinct path from "${identity.config.DB_SCHEMA}".known_region where path in (?) and not archived`, [paths]);
      return rows.length === new Set(paths).size ? true : undefined;
    }, timeoutMs);
  };
  const gql: Platform['gql'] = async (query, variables, token) => {
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body: any = await res.json();
    return { status: res.status, data: body.data, errors: body.errors, body };
  };
  return {
    t,
    identity,
    grids,
    tasks,
    petitions,
    mediation,
    integrations,
    gateway,
    admins,
    gql,
    async login(username, password) {
      const r = await gql(`mutation($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken } }`, { l: username, p: password });
      if (!r.data) throw new Error(`login ${username} failed: ${JSON.stringify(r.errors)}`);
      return r.data.login.accessToken;
    },
    async regions(...paths) {
      const rpc = await t.rpc();
      const ids: Record<string, string> = {};
      for (const path of paths) {
        const segments = path.split('/');
        let parentId: string | null = null;
        for (let depth = 1; depth <= segments.length; depth++) {
          const at = segments.slice(0, depth).join('/');
          const existing = await rpc.request<RegionView>(GridsRpc.regionByPath, { path: at }, { actor: admins.city }).catch((e: AppError) => {
            if (e.code === 'NOT_FOUND') return null;
            throw e;
          });
          const node: RegionView = existing ?? (await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId, code: segments[depth - 1], name: at }, { actor: admins.city }));
          ids[at] = node.id;
          parentId = node.id;
        }
      }
      await identityKnows(paths);
      return ids;
    },
    identityKnows,
    async count(table) {
      const [row] = await identity.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from "${identity.config.DB_SCHEMA}".${table}`);
      return Number(row!.n);
    },
    async close() {
      await gateway.close();
      await integrations.close();
      await mediation.close();
      await petitions.close();
      await tasks.close();
      await grids.close();
      await identity.close();
      await t.cleanup();
    },
  };
}

/** The code of the first error, for assertions. */
export const codeOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.code;
export const reasonOf = (r: { errors?: any[] }) => r.errors?.[0]?.extensions?.reason;
