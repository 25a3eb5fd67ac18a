import { withoutPersonalData, type DomainEvent, type PersonalField } from '@gov/kernel';

/** The JSON a webhook receives: a CloudEvents 1.0 event in structured mode. */
export interface WebhookCloudEvent {
  specversion: '1.0';
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  /** The county token of the event's subject (`dongbao`; `city` for city-level objects). */
  county: string;
  /** 1, 2, 3… per aggregate in commit order: drop what is older than what you hold. */
  aggregateversion: number | null;
  data: unknown;
}

/** The event as integrators may see it: its personal-data fields dropped or masked. */
export function webhookCloudEvent(event: DomainEvent, personalFields: readonly PersonalField[]): WebhookCloudEvent {
  return {
    specversion: '1.0',
    id: event.id,
    type: event.type,
    source: event.source,
    subject: event.subject,
    time: event.time,
    county: event.county,
    aggregateversion: event.aggregateVersion ?? null,
    data: withoutPersonalData(event.data, personalFields),
  };
}

/** The bytes sent (and signed), attributes in the CloudEvents order whatever order storage kept them in. */
export function webhookBodyText(e: WebhookCloudEvent): string {
  const { specversion, id, type, source, subject, time, county, aggregateversion, data } = e;
  return JSON.stringify({ specversion, id, type, source, subject, time, county, aggregateversion, data });
}
