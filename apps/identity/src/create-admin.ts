/**
 * Creates the first city administrator of a production deployment — nobody can authorise that
 * through the API. Reads the password from standard input (never from the command line, where it
 * would land in shell history and `ps`), validates like registration does, and writes the same
 * event and audit entry. Idempotent: an existing username is left as it is.
 *
 *   echo "$PASSWORD" | node apps/identity/dist/create-admin.js \
 *     --username city-admin --name 市管理员 --phone 13800000001 --id-card 4208… --region jingmen
 *
 * Prints one JSON line: { "created": true|false, "accountId": "…" }. Exit 78 for bad input.
 */
import 'reflect-metadata';
import { RegisterPersonInput } from '@gov/identity-contracts';
import { AppError, parseInput } from '@gov/kernel';
import { ConfigError, EX_CONFIG } from '@gov/platform-config';
import { Account } from '@gov/identity-data-access';
import { OutboxRelay } from '@gov/platform-outbox';
import { MikroORM } from '@mikro-orm/postgresql';
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { openCommandContext } from './command-context.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';

try {
  const { values } = parseArgs({ options: { username: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, 'id-card': { type: 'string' }, region: { type: 'string' } } });
  const password = (await text(process.stdin)).split('\n')[0]!.trim();
  const input = parseInput(RegisterPersonInput, { username: values.username, password, name: values.name, phone: values.phone, idCardNumber: values['id-card'], region: values.region });
  if (input.region.includes('/')) throw new AppError('VALIDATION', 'region: the first administrator holds the whole city (a region without "/")');

  // The relay runs once below, so the command's events leave before it exits.
  const app = await openCommandContext();
  try {
    const existing = await app.get(MikroORM).em.fork().findOne(Account, { username: input.username! });
    const actor = existing
      ? null
      : await ensureBootstrapAdmin(app, { username: input.username!, password: input.password!, name: input.name, phone: input.phone, idCardNumber: input.idCardNumber, region: input.region, grants: [{ role: 'city_admin', region: input.region }] });
    await app.get(OutboxRelay).drain();
    process.stdout.write(JSON.stringify({ created: actor !== null, accountId: actor?.accountId ?? existing!.id }) + '\n');
  } finally {
    await app.close();
  }
} catch (err) {
  const bad = err instanceof ConfigError || (err instanceof AppError && err.code === 'VALIDATION') || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
  process.stderr.write(`create-admin: ${(err as Error).message}\n`);
  process.exit(bad ? EX_CONFIG : 1);
}
