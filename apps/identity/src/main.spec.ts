// The built process (npm test builds before Jest runs) must refuse bad configuration in one line.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 20_000 });
}

describe('identity process start-up', () => {
  it('stops with one line naming a missing variable', () => {
    const r = start({ PII_ACTIVE_KEY_ID: 'k1', PII_HMAC_KEY: Buffer.alloc(32).toString('base64') });
    expect(r.status).toBe(78);
    expect(r.stderr.trim().split('\n')).toEqual(['configuration: PII_KEYS is required']);
  });

  it('stops with one line naming an invalid variable', () => {
    const r = start({ PII_KEYS: `k1:${Buffer.alloc(32).toString('base64')}`, PII_ACTIVE_KEY_ID: 'k1', PII_HMAC_KEY: Buffer.alloc(32).toString('base64'), ACCESS_TOKEN_TTL_SECONDS: '3600' });
    expect(r.status).toBe(78);
    expect(r.stderr.trim()).toMatch(/^configuration: ACCESS_TOKEN_TTL_SECONDS is invalid: .+$/);
  });
});
