import type { DomainEvent } from '@gov/kernel';
import { headers, type MsgHdrs } from '@nats-io/transport-node';

/** CloudEvents extension header: the aggregate's version after the change the event reports. */
export const CE_AGGREGATE_VERSION = 'ce-aggregateversion';

/**
 * CloudEvents 1.0, binary content mode over NATS headers: attributes as `ce-*` headers, the data
 * as the JSON body. `ce-id` equals `Nats-Msg-Id`, so JetStream drops a republished duplicate.
 * Extensions: `ce-county` (which county's frontend the event belongs to), `ce-correlationid`, and
 * `ce-aggregateversion` (the aggregate's version after the change: 1, 2, 3… per aggregate in commit
 * order, see docs/adr/0003; a consumer may ignore an event older than what it already applied).
 */
export function toCloudEventHeaders(event: Omit<DomainEvent, 'data'>): MsgHdrs {
  const h = headers();
  h.set('ce-specversion', '1.0');
  h.set('ce-id', event.id);
  h.set('ce-type', event.type);
  h.set('ce-source', event.source);
  h.set('ce-subject', event.subject);
  h.set('ce-time', event.time);
  h.set('ce-county', event.county);
  h.set('content-type', 'application/json');
  h.set('Nats-Msg-Id', event.id);
  if (event.correlationId) h.set('ce-correlationid', event.correlationId);
  if (event.aggregateVersion !== undefined) h.set(CE_AGGREGATE_VERSION, String(event.aggregateVersion));
  return h;
}

export class MalformedEventError extends Error {}

export function fromCloudEvent<T = unknown>(hdrs: MsgHdrs | undefined, body: Uint8Array): DomainEvent<T> {
  const get = (k: string) => hdrs?.get(k) ?? '';
  if (get('ce-specversion') !== '1.0' || !get('ce-id') || !get('ce-type')) throw new MalformedEventError('not a CloudEvents 1.0 message');
  return {
    id: get('ce-id'),
    type: get('ce-type'),
    source: get('ce-source'),
    subject: get('ce-subject'),
    time: get('ce-time'),
    county: get('ce-county'),
    correlationId: get('ce-correlationid') || undefined,
    aggregateVersion: get(CE_AGGREGATE_VERSION) ? Number(get(CE_AGGREGATE_VERSION)) : undefined,
    data: JSON.parse(new TextDecoder().decode(body)) as T,
  };
}
