// The built process (nx builds before Jest runs) must refuse bad configuration in one line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('integrations process start-up', () => {
  it('stops with one line naming an invalid variable', () => {
    const r = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', HTTP_PORT: 'eighty' }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(78);
    expect(r.stderr.trim()).toMatch(/^configuration: HTTP_PORT is invalid: .+$/);
  });
});
