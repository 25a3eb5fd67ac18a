import { countyOf, eventSubject, type Actor, type RoleName } from '@gov/kernel';
import { toCloudEventHeaders } from '@gov/platform-messaging';
import type { TestContext } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';

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
