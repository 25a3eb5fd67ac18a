import { EVENTS_STREAM, type DomainEvent } from '@gov/kernel';
import { fromCloudEvent, type Namespace } from '@gov/platform-messaging';
import { jetstreamManager } from '@nats-io/jetstream';
import type { MsgHdrs, NatsConnection } from '@nats-io/transport-node';

export interface StoredEvent extends DomainEvent {
  natsSubject: string;
  headers: MsgHdrs;
}

/** Reads every message in the run's event stream (for assertions; not for production use). */
export async function readEvents(nc: NatsConnection, ns: Namespace, filter?: (e: StoredEvent) => boolean): Promise<StoredEvent[]> {
  const jsm = await jetstreamManager(nc);
  const stream = ns.stream(EVENTS_STREAM);
  const info = await jsm.streams.info(stream).catch(() => null);
  if (!info) return [];
  const out: StoredEvent[] = [];
  for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
    const m = await jsm.streams.getMessage(stream, { seq }).catch(() => null);
    if (!m) continue;
    const e = { ...fromCloudEvent(m.header, m.data), natsSubject: m.subject, headers: m.header };
    if (!filter || filter(e)) out.push(e);
  }
  return out;
}
