import { countyOf, eventSubject, type Actor, type RoleName } from '@gov/kernel';
import { toCloudEventHeaders } from '@gov/platform-messaging';
import { eventually, type TestContext } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import type { MediationTestApp } from './testing.js';

/** A caller as the gateway would sign it: one role on one region. */
export function actorOf(role: RoleName, region: string, personId: string | null = randomUUID()): Actor {
  return { accountId: randomUUID(), personId, username: `${role}-${region.split('/').at(-1)}-${randomUUID().slice(0, 4)}`, grants: [{ role, region }] };
}

/**
 * Publishes another service's event as its outbox relay does (CloudEvents headers). Passing the
 * `id` of an event published before sends it again as a redelivery after JetStream's duplicate
 * window: without a message id, so JetStream keeps the copy and the inbox must drop it.
 */
export async function publishEvent(
  t: TestContext,
  source: { service: string; aggregate: string; event: string },
  region: string,
  subjectId: string,
  data: object,
  id?: string,
  o: { time?: Date; aggregateVersion?: number } = {},
): Promise<string> {
  const eventId = id ?? randomUUID();
  const county = countyOf(region);
  const h = toCloudEventHeaders({
    id: eventId,
    type: `gov.${source.service}.${source.aggregate}.${source.event}.v1`,
    source: `/gov/${source.service}/${source.aggregate}/${subjectId}`,
    subject: subjectId,
    time: (o.time ?? new Date()).toISOString(),
    county,
    aggregateVersion: o.aggregateVersion,
  });
  if (id) h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, source.service, source.aggregate, source.event)), JSON.stringify(data), { headers: h });
  return eventId;
}

/**
 * Persons identity enrolled as stewards in `grid` (as its `steward.enrolled` events tell), once
 * mediation has them: cases, mediators and meetings name only persons it knows in their county.
 */
export async function knownPersons(t: TestContext, app: MediationTestApp, grid: string, count = 1, deliberationRole: string | null = null): Promise<string[]> {
  return makeKnown(t, app, grid, Array.from({ length: count }, () => randomUUID()), deliberationRole);
}

/** The given persons enrolled as stewards in `grid`, once mediation has them (see knownPersons). */
export async function makeKnown(t: TestContext, app: MediationTestApp, grid: string, personIds: readonly string[], deliberationRole: string | null = null): Promise<string[]> {
  const persons = [...personIds];
  for (const personId of persons) {
    const id = randomUUID();
    await publishEvent(t, { service: 'identity', aggregate: 'steward', event: 'enrolled' }, grid, id, { id, personId, number: `S-${id.slice(0, 8)}`, class: 5, grid, deliberationRole });
  }
  await eventually(async () => {
    const rows = await app.em().execute<{ n: number }[]>(`select count(*)::int as n from "${app.config.DB_SCHEMA}".steward_ref where person_id in (?)`, [persons]);
    return rows[0]!.n === persons.length ? true : undefined;
  }, 10_000);
  return persons;
}
