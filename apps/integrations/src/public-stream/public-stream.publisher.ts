import { personalFieldsByType, publicSubject, toPublicEvent, type PersonalFieldsByType } from '@gov/integrations-domain';
import type { DomainEvent } from '@gov/kernel';
import { Namespace, PUBLIC_STREAM, toCloudEventHeaders } from '@gov/platform-messaging';
import { LOGGER, NATS_CONNECTION } from '@gov/platform-service';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';

/** What became of one internal event. */
export type Republished = { published: true; subject: string; seq: number; duplicate: boolean } | { published: false; reason: 'unknown-type' | 'bad-subject' };

/**
 * Puts one internal event on GOV_PUBLIC as integrators may see it (docs/adr/0012): the data without
 * personal data (the contracts' marks), at `pub.<county>.<service>.<aggregate>.<event>.v<N>`, with
 * the same CloudEvents headers and `Nats-Msg-Id` = ce-id, so JetStream drops a redelivered event
 * it already holds. Resolves once JetStream stored the message (or recognised the duplicate);
 * throws when it did not, so the caller does not ack the internal event.
 */
@Injectable()
export class PublicStreamPublisher {
  private readonly js: JetStreamClient;
  private readonly catalogue: PersonalFieldsByType = personalFieldsByType();
  /** Types already reported as missing from the catalogue: one warning each, not one per event. */
  private readonly warned = new Set<string>();

  constructor(
    @Inject(NATS_CONNECTION) nc: NatsConnection,
    private readonly ns: Namespace,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.js = jetstream(nc);
  }

  async publish(event: DomainEvent): Promise<Republished> {
    const pub = toPublicEvent(event, this.catalogue);
    if (!pub) {
      this.warnOnce(event.type, { type: event.type, eventId: event.id }, 'event type not in the catalogue: not published to integrators');
      return { published: false, reason: 'unknown-type' };
    }
    const subject = publicSubject(pub);
    if (!subject) {
      this.warnOnce(`${event.type} ${event.county}`, { type: event.type, county: event.county, eventId: event.id }, 'event has no public subject (type or county not one token): not published to integrators');
      return { published: false, reason: 'bad-subject' };
    }
    const { data, ...attributes } = pub;
    const ack = await this.js.publish(this.ns.subject(subject), JSON.stringify(data), {
      msgID: pub.id,
      headers: toCloudEventHeaders(attributes),
      // Stored in GOV_PUBLIC or an error: never acked by something else listening on the subject.
      expect: { streamName: this.ns.stream(PUBLIC_STREAM) },
    });
    return { published: true, subject, seq: ack.seq, duplicate: ack.duplicate };
  }

  /**
   * Publishes several events, stored in the given order, without waiting for each acknowledgement
   * before the next: the events are sent in runs in which no object occurs twice; a run's messages
   * go out back to back on the one connection (JetStream stores them in the order sent) and the
   * next run starts once all of the run's are stored. So when a publish fails, no later event of
   * the same object has been stored before it (each object's order holds even then), and nothing
   * after the failed run is sent. Throws the first failure once the run has settled.
   */
  async publishAll(events: readonly DomainEvent[]): Promise<Republished[]> {
    const out: Republished[] = [];
    let run: DomainEvent[] = [];
    let objects = new Set<string>();
    const flush = async () => {
      const settled = await Promise.allSettled(run.map((e) => this.publish(e)));
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) throw failed.reason;
      out.push(...settled.map((r) => (r as PromiseFulfilledResult<Republished>).value));
      run = [];
      objects = new Set();
    };
    for (const e of events) {
      const object = `${e.source} ${e.subject}`;
      if (objects.has(object)) await flush();
      objects.add(object);
      run.push(e);
    }
    if (run.length) await flush();
    return out;
  }

  private warnOnce(key: string, fields: Record<string, unknown>, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.logger.warn(fields, message);
  }
}
