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

/** The JetStream subject filter that matches every county's events of one CloudEvents type. */
export function eventFilterForType(type: string): string {
  const m = /^gov\.([a-z0-9-]+)\.([a-z0-9-]+)\.([a-z0-9-]+)\.v(\d+)$/.exec(type);
  if (!m) throw new Error(`not an event type gov.<service>.<aggregate>.<event>.v<N>: ${type}`);
  return eventSubject('*', m[1]!, m[2]!, m[3]!, Number(m[4]));
}
