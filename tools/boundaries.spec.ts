// The module-boundary rules (eslint.config.js depConstraints) must really refuse what the
// architecture forbids: one refused import per rule, each failing on the constraint it proves,
// and the imports the architecture intends pass. Probe files need not exist: the rule finds the
// importing project by path and the imported one by package name in the Nx project graph, which
// `nx` computes before it runs this project's tests (outside Nx: `npx nx show projects` first).
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const RULE = '@nx/enforce-module-boundaries';
const eslint = new ESLint({ cwd: root });
/**
 * The repository's own rule options with cycle detection off. A probe that reverses an existing
 * dependency (the kernel importing contracts that import the kernel) is reported as a cycle
 * first; this instance shows which depConstraint refuses it as well.
 */
let constraintsOnly: ESLint;

beforeAll(async () => {
  const config = await eslint.calculateConfigForFile(path.join(root, 'apps/gateway/src/probe.ts'));
  const [severity, options] = config.rules[RULE];
  constraintsOnly = new ESLint({ cwd: root, overrideConfig: { files: ['**/*.ts'], rules: { [RULE]: [severity, { ...options, ignoredCircularDependencies: [['*', '*']] }] } } });
});

function probe(imports: Record<string, string>): string {
  const names = Object.entries(imports).map(([pkg, symbol], i) => ({ pkg, symbol, alias: `x${i}` }));
  return names.map((n) => `import { ${n.symbol} as ${n.alias} } from '${n.pkg}';\n`).join('') + `export const all = [${names.map((n) => n.alias).join(', ')}];\n`;
}

async function errorsOf(linter: ESLint, file: string, imports: Record<string, string>): Promise<string[]> {
  const [result] = await linter.lintText(probe(imports), { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === RULE).map((m) => m.message);
}

/** Errors with the repository's configuration. */
const boundaryErrors = (file: string, imports: Record<string, string>) => errorsOf(eslint, file, imports);
/** Errors of the depConstraints alone: what the allowed cases check, so that they depend on tags, not on today's imports. */
const constraintErrors = (file: string, imports: Record<string, string>) => errorsOf(constraintsOnly, file, imports);

/** Refused by the repository's configuration, and by the depConstraints alone: their messages. */
async function refusal(file: string, imports: Record<string, string>): Promise<string> {
  expect(await boundaryErrors(file, imports)).not.toEqual([]);
  return (await constraintErrors(file, imports)).join('\n');
}

describe('module boundaries refuse', () => {
  it('the gateway reaching a service data-access library (scope:gateway)', async () => {
    expect(await refusal('apps/gateway/src/probe.ts', { '@gov/identity-data-access': 'Person' })).toMatch(/"scope:gateway"/);
  });

  it('the gateway reaching a service domain library (scope:gateway)', async () => {
    expect(await refusal('apps/gateway/src/probe.ts', { '@gov/identity-domain': 'stewardClass' })).toMatch(/"scope:gateway"/);
  });

  it('a service importing another scope (scope:identity)', async () => {
    expect(await refusal('apps/identity/src/probe.ts', { '@gov/gateway': 'startGateway' })).toMatch(/"scope:identity"/);
  });

  it('a service importing another service (scope:identity)', async () => {
    expect(await refusal('apps/identity/src/probe.ts', { '@gov/grids': 'GridsAppModule' })).toMatch(/"scope:identity"/);
  });

  it("a service importing another service's contracts (scope:identity)", async () => {
    expect(await refusal('apps/identity/src/probe.ts', { '@gov/grids-contracts': 'GridsEvents' })).toMatch(/"scope:identity"/);
  });

  it('a GraphQL library importing platform messaging (type:graphql)', async () => {
    expect(await refusal('libs/identity/graphql/src/probe.ts', { '@gov/platform-messaging': 'RpcClient' })).toMatch(/"type:graphql"/);
  });

  it("a GraphQL library importing another service's contracts (scope:identity)", async () => {
    expect(await refusal('libs/identity/graphql/src/probe.ts', { '@gov/grids-contracts': 'GridsEvents' })).toMatch(/"scope:identity"/);
  });

  it("a service's contracts importing platform code (type:contracts)", async () => {
    expect(await refusal('libs/identity/contracts/src/probe.ts', { '@gov/platform-messaging': 'RpcClient' })).toMatch(/"type:contracts"/);
  });

  it("the shared kernel importing a service's contracts (scope:shared)", async () => {
    expect(await refusal('libs/kernel/src/probe.ts', { '@gov/identity-contracts': 'IdentityRpc' })).toMatch(/"scope:shared"/);
  });

  it('platform code importing a service (scope:platform)', async () => {
    expect(await refusal('libs/platform/outbox/src/probe.ts', { '@gov/identity': 'startIdentity' })).toMatch(/"scope:platform"/);
  });

  it("platform code importing a service's library (scope:platform)", async () => {
    expect(await refusal('libs/platform/outbox/src/probe.ts', { '@gov/identity-data-access': 'Person' })).toMatch(/"scope:platform"/);
  });
});

describe('module boundaries allow what the architecture intends', () => {
  it('gateway → platform and contracts', async () => {
    const errors = await constraintErrors('apps/gateway/src/probe.ts', { '@gov/platform-messaging': 'RpcClient', '@gov/identity-contracts': 'IdentityRpc', '@gov/kernel': 'DomainError' });
    expect(errors).toEqual([]);
  });

  it('gateway → GraphQL libraries', async () => {
    const errors = await constraintErrors('apps/gateway/src/probe.ts', { '@gov/identity-graphql': 'IdentityGraphqlModule', '@gov/platform-graphql': 'GraphqlModule' });
    expect(errors).toEqual([]);
  });

  it('a GraphQL library → contracts and the kernel', async () => {
    const errors = await constraintErrors('libs/identity/graphql/src/probe.ts', { '@gov/identity-contracts': 'IdentityRpc', '@gov/kernel': 'DomainError' });
    expect(errors).toEqual([]);
  });

  it('a service → its own libraries and the platform', async () => {
    const errors = await constraintErrors('apps/identity/src/probe.ts', { '@gov/identity-data-access': 'Person', '@gov/identity-domain': 'stewardClass', '@gov/identity-contracts': 'IdentityRpc', '@gov/platform-messaging': 'RpcClient' });
    expect(errors).toEqual([]);
  });
});
