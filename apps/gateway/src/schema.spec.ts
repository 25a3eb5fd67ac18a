import { readFile, writeFile } from 'node:fs/promises';
import { printGatewaySchema } from './schema.js';

const file = new URL('../schema.graphql', import.meta.url);

describe('committed GraphQL schema', () => {
  it('matches the schema the resolvers generate (run `npm run schema:generate` after changing them)', async () => {
    const generated = await printGatewaySchema();
    if (process.env.UPDATE_SCHEMA === '1') await writeFile(file, generated);
    const committed = await readFile(file, 'utf8').catch(() => '');
    expect(committed).toBe(generated);
  });

  it('offers every operation county frontends rely on', async () => {
    const sdl = await printGatewaySchema();
    for (const op of ['login', 'refreshToken', 'logout', 'me', 'units', 'createUnit', 'registerPerson', 'person', 'enrollSteward', 'steward', 'stewards', 'grantRole', 'revokeRole', 'auditLog',
      // petitions: the resident page and the county console
      'submitPetition', 'petition', 'petitionByTrackingCode', 'petitions', 'screenPetition', 'assignPetition', 'acceptPetition', 'resolvePetition', 'ratePetition',
      'reopenPetition', 'blowWhistle', 'acknowledgeWhistle', 'categories', 'petitionStats', 'createProposal', 'castVote', 'proposalResult']) {
      expect(sdl).toMatch(new RegExp(`\\n  ${op}\\(|\\n  ${op}:`));
    }
  });
});
