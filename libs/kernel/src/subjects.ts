/**
 * The subject scheme (docs/adr/0002-subject-scheme.md).
 *   request-reply:  rpc.<service>.<aggregate>.<action>            (queue group = <service>)
 *   events:         evt.<county>.<service>.<aggregate>.<event>.v<N> (JetStream stream GOV_EVENTS)
 *   dead letters:   dlq.<consumer>                                  (JetStream stream GOV_DLQ)
 * Every subject may carry a deployment prefix (SUBJECT_PREFIX) so test runs never collide.
 */
export const EVENTS_STREAM = 'GOV_EVENTS';
export const DLQ_STREAM = 'GOV_DLQ';

export function eventSubject(county: string, service: string, aggregate: string, event: string, version = 1): string {
  return `evt.${county}.${service}.${aggregate}.${event}.v${version}`;
}

/** CloudEvents `type`: gov.<service>.<aggregate>.<event>.v<N>. */
export function eventType(service: string, aggregate: string, event: string, version = 1): string {
  return `gov.${service}.${aggregate}.${event}.v${version}`;
}
