// Baseline for `npm run bench:petitions` (bench/README.md, "Petitions benchmark"): one process
// answering the benchmark's two petitions operations straight from PostgreSQL. Plain node:http, a
// pg pool of DB_POOL_MAX (10, the services' default pool), no auth, no GraphQL beyond telling the
// bodies apart and taking the values from `variables`; the answers have the gateway's shapes:
//
//   POST /graphql  query(…) { petitionStats(region, from, to) { … } }
//     The service's own code: StatsService.get over StatsRepository.stats, imported from the
//     builds (apps/petitions/dist, libs/petitions/data-access/dist) and given this process's pool,
//     so the statement is the service's, character for character. Without the authorisation and
//     the input's validation (the runner sends good input).
//   POST /graphql  mutation(…) { submitPetition(input: { channel, category, description, region, contact }) { petition { trackingCode } } }
//     The intake's transaction (PetitionIntakeService.insert): BEGIN; the petition row with the
//     contact encrypted as PiiCipher.encrypt does it (AES-256-GCM bound to petition.contact_enc.<id>,
//     with the service's key) and masked; its first timeline row (petition_event); Outbox.add (the
//     aggregate-version upsert and the outbox row in one statement); COMMIT. The petition's trigger
//     (migration 003-stats) appends its statistics delta here too. Left out: the service's reads
//     (the category, which is read once at start here; the petition re-read after the insert; its
//     timeline for the answer) and the authorisation. The submitter is BENCH_ACTOR.
//
// SQL copied from libs/petitions/data-access/src/petition/petition.repository.ts (insert,
// appendTimeline) and libs/platform/outbox/src/outbox.ts (in bench/baseline-server.mjs): keep them
// in step.
// Environment: DATABASE_URL, DB_SCHEMA (the petitions schema), HTTP_PORT, DB_POOL_MAX (10),
// PII_KEYS / PII_ACTIVE_KEY_ID (the service's), BENCH_ACTOR ({ accountId, personId, username }).
import { createCipheriv, createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baselinePool, gqlError, outboxAddSql, send, serveBaseline } from './baseline-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { schema, S, pool, poolMax } = baselinePool('petitions-baseline');
const actor = JSON.parse(process.env.BENCH_ACTOR ?? 'null');
if (!actor?.accountId || !actor.username) {
  process.stderr.write('petitions-baseline: BENCH_ACTOR ({ accountId, personId, username }) is required\n');
  process.exit(78);
}

// ---- the service's statistics, on this pool
const { StatsRepository } = await import(pathToFileURL(path.join(ROOT, 'libs/petitions/data-access/dist/stats/stats.repository.js')).href);
const { StatsService } = await import(pathToFileURL(path.join(ROOT, 'apps/petitions/dist/stats/stats.service.js')).href);
// StatsRepository takes the ORM only to reach its pg pool.
const stats = new StatsService(new StatsRepository({ em: { getConnection: () => ({ getNativeClient: () => pool }) } }, schema));
const STATS_ACTOR = { accountId: actor.accountId, personId: actor.personId, username: actor.username, grants: [{ role: 'city_admin', region: 'jingmen' }] };

// ---- libs/platform/persistence/src/pii.ts (PiiCipher.encrypt, maskPhone)
const keys = Object.fromEntries((process.env.PII_KEYS ?? '').split(',').map((pair) => pair.split(':')).map(([kid, b64]) => [kid, Buffer.from(b64 ?? '', 'base64')]));
const kid = process.env.PII_ACTIVE_KEY_ID;
if (!kid || keys[kid]?.length !== 32) {
  process.stderr.write('petitions-baseline: PII_KEYS and PII_ACTIVE_KEY_ID must name a 32-byte key\n');
  process.exit(78);
}
function encrypt(plain, rowId) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys[kid], iv);
  cipher.setAAD(Buffer.from(`petition.contact_enc.${rowId}`, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v2', kid, iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
}
const maskPhone = (phone) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****');

// ---- libs/petitions/domain/src/tracking.ts
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const trackingCode = () => [0, 1, 2].map(() => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')).join('-');
const submitterKeyHash = () => createHash('sha256').update(randomBytes(24).toString('base64url')).digest('hex');
const TITLE_FROM_DESCRIPTION_CHARS = 30;
const titleOf = (description) => (description.split(/[\n。！？!?]/)[0] ?? description).slice(0, TITLE_FROM_DESCRIPTION_CHARS);

// The current categories, read once (the service reads the category of every submission).
const categories = new Map(
  (await pool.query(`select id, key, major_key as "majorKey", time_limit_days as "timeLimitDays" from ${S}.category where current and not retired`)).rows.map((c) => [c.key, c]),
);

const SQL = {
  // PetitionRepository.insert (no QR building, no location: a hotline submission)
  insertPetition: `insert into ${S}.petition (id, tracking_code, submitter_key_hash, channel, state, category_id, category_key, major_key, title, description,
      region, county, building_id, building_name, compound, location, six_prevention, anonymous, contact_enc, contact_masked, submitted_by,
      submitted_by_person, deadline, created_at, updated_at)
    values ($1, $2, $3, $4, 'submitted', $5, $6, $7, $8, $9, $10, $11, null, null, null, null, null, false, $12, $13, $14, $15, $16, $17, $17)`,
  // PetitionRepository.appendTimeline
  appendTimeline: `insert into ${S}.petition_event (petition_id, at, action, from_state, to_state, actor_account_id, actor_label, level, note) values ($1, $2, 'submitted', null, 'submitted', $3, $4, null, null)`,
  outboxAdd: outboxAddSql(S),
};

class Refusal extends Error {
  constructor(code, message, reason) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

/** PetitionIntakeService.submit for a staff channel, from the transaction on. */
async function submit(res, input) {
  const category = categories.get(input?.category);
  if (!category) throw new Refusal('VALIDATION', `no category ${input?.category}`, 'UNKNOWN_CATEGORY');
  if (!input.contact?.name || !input.contact?.phone || typeof input.region !== 'string' || typeof input.description !== 'string') throw new Refusal('VALIDATION', 'region, description and contact are required');
  const id = randomUUID();
  const code = trackingCode();
  const createdAt = new Date();
  const county = input.region.split('/').slice(0, 2).join('/');
  const deadline = new Date(createdAt.getTime() + category.timeLimitDays * 86_400_000);
  const contact = { name: input.contact.name, phone: input.contact.phone };
  const client = await pool.connect();
  try {
    await client.query('begin');
    try {
      await client.query(SQL.insertPetition, [
        id, code, submitterKeyHash(), input.channel, category.id, category.key, category.majorKey, titleOf(input.description), input.description,
        input.region, county, encrypt(JSON.stringify(contact), id), `${contact.name.slice(0, 1)}** ${maskPhone(contact.phone)}`, actor.accountId, actor.personId ?? null, deadline, createdAt,
      ]);
      await client.query(SQL.appendTimeline, [id, createdAt, actor.accountId, actor.username]);
      const source = `/gov/petitions/petition/${id}`;
      const countySegment = input.region.split('/')[1] ?? 'city';
      await client.query(SQL.outboxAdd, [
        source,
        randomUUID(),
        `evt.${countySegment}.petitions.petition.submitted.v1`,
        'gov.petitions.petition.submitted.v1',
        source,
        countySegment,
        null,
        JSON.stringify({ id, trackingCode: code, channel: input.channel, category: category.key, region: input.region, buildingId: null, deadline: deadline.toISOString() }),
      ]);
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  } finally {
    client.release();
  }
  send(res, 200, { data: { submitPetition: { petition: { trackingCode: code } } } });
}

serveBaseline({
  pool,
  poolMax,
  graphql: async ({ query, variables: v }, _req, res) => {
    try {
      if (query.includes('submitPetition')) await submit(res, v.input);
      else if (query.includes('petitionStats')) send(res, 200, { data: { petitionStats: await stats.get(STATS_ACTOR, { region: v.region, from: v.from, to: v.to }) } });
      else throw new Refusal('VALIDATION', 'unknown operation');
    } catch (err) {
      // A refusal is answered as the gateway answers it; anything else is the server's 500.
      if (err instanceof Refusal) gqlError(res, err.message, err.code, err.reason);
      else throw err;
    }
  },
});
