/**
 * The subject scheme (docs/adr/0002-subject-scheme.md).
 *   request-reply:  rpc.<service>.<aggregate>.<action>            (queue group = <service>)
 *   events:         evt.<county>.<service>.<aggregate>.<event>.v<N> (JetStream stream GOV_EVENTS)
 *   dead letters:   dlq.<consumer>                                  (JetStream stream GOV_DLQ)
 * Every subject may carry a deployment prefix (SUBJECT_PREFIX) so test runs never collide.
 */
export const IdentityRpc = {
  login: 'rpc.identity.access.login',
  refresh: 'rpc.identity.access.refresh',
  logout: 'rpc.identity.access.logout',
  me: 'rpc.identity.access.me',
  jwks: 'rpc.identity.access.jwks',
  unitList: 'rpc.identity.unit.list',
  unitCreate: 'rpc.identity.unit.create',
  unitGetMany: 'rpc.identity.unit.getMany',
  personRegister: 'rpc.identity.person.register',
  personGet: 'rpc.identity.person.get',
  personGetMany: 'rpc.identity.person.getMany',
  stewardEnroll: 'rpc.identity.steward.enroll',
  stewardUpdate: 'rpc.identity.steward.update',
  stewardGet: 'rpc.identity.steward.get',
  stewardGetMany: 'rpc.identity.steward.getMany',
  stewardList: 'rpc.identity.steward.list',
  stewardCard: 'rpc.identity.steward.card',
  roleGrant: 'rpc.identity.role.grant',
  roleRevoke: 'rpc.identity.role.revoke',
  auditList: 'rpc.identity.audit.list',
} as const;

export const EVENTS_STREAM = 'GOV_EVENTS';
export const DLQ_STREAM = 'GOV_DLQ';

export function eventSubject(county: string, service: string, aggregate: string, event: string, version = 1): string {
  return `evt.${county}.${service}.${aggregate}.${event}.v${version}`;
}

/** CloudEvents `type`: gov.<service>.<aggregate>.<event>.v<N>. */
export function eventType(service: string, aggregate: string, event: string, version = 1): string {
  return `gov.${service}.${aggregate}.${event}.v${version}`;
}
