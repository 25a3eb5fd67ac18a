/** Request-reply subjects of the identity service (queue group `identity`), see docs/adr/0002. */
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
  /** Batch form of `stewardCard` (`{ ids }`, GetManyInput): the cards of the visible stewards, for the gateway's loader. */
  stewardCards: 'rpc.identity.steward.cards',
  /** Every number a steward has held, oldest first (GetByIdInput); NOT_FOUND as stewardGet. */
  stewardNumberHistory: 'rpc.identity.steward.numberHistory',
  roleGrant: 'rpc.identity.role.grant',
  roleRevoke: 'rpc.identity.role.revoke',
  auditList: 'rpc.identity.audit.list',
} as const;
