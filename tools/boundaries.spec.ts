// The module-boundary rules must really refuse what the architecture forbids.
// Needs the Nx project graph (`npx nx show projects`), which `npm test` builds first.
import { ESLint } from 'eslint';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries').map((m) => m.message);
}

describe('module boundaries', () => {
  it('forbid the gateway from reaching a data-access library', async () => {
    const errors = await boundaryErrors('apps/gateway/src/probe.ts', `import { Person } from '@gov/identity-data-access';\nexport const x = Person;\n`);
    expect(errors.join('\n')).toMatch(/scope:gateway/);
  });

  it('forbid one service from importing another', async () => {
    const errors = await boundaryErrors('apps/identity/src/probe.ts', `import { startGateway } from '@gov/gateway';\nexport const x = startGateway;\n`);
    expect(errors.join('\n')).toMatch(/scope:identity/);
  });

  it('forbid contracts from importing platform code', async () => {
    const errors = await boundaryErrors('libs/kernel/src/probe.ts', `import { RpcClient } from '@gov/platform-messaging';\nexport const x = RpcClient;\n`);
    expect(errors.join('\n')).toMatch(/type:contracts|scope:shared/);
  });

  it('forbid platform code from importing a service', async () => {
    const errors = await boundaryErrors('libs/platform/outbox/src/probe.ts', `import { Person } from '@gov/identity-data-access';\nexport const x = Person;\n`);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('allow what the architecture intends: gateway → platform and contracts', async () => {
    const errors = await boundaryErrors('apps/gateway/src/probe.ts', `import { RpcClient } from '@gov/platform-messaging';\nimport { IdentityRpc } from '@gov/identity-contracts';\nexport const x = [RpcClient, IdentityRpc];\n`);
    expect(errors).toEqual([]);
  });
});
