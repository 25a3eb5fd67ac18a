import { Account, RefreshToken, RoleGrant, SigningKey, signingKeyPlace } from './access/account.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';
import { Migration002OutboxRelay } from './migrations/002-outbox-relay.js';
import { Migration003LoginThrottle } from './migrations/003-login-throttle.js';
import { Migration004GrantsUniqueAuditTruncate } from './migrations/004-grants-unique-audit-truncate.js';
import { Migration005KnownRegion } from './migrations/005-known-region.js';
import { Person, PersonPii } from './person/person.entity.js';
import { Steward, StewardNumberHistory } from './steward/steward.entity.js';
import { Unit } from './unit/unit.entity.js';

export { Account, RefreshToken, RoleGrant, SigningKey, signingKeyPlace, Person, PersonPii, Steward, StewardNumberHistory, Unit };
export * from './audit/audit.repository.js';
export * from './access/login-throttle.repository.js';
export * from './access/signing-key.repository.js';
export * from './steward/steward-number.repository.js';
export * from './steward/steward-view.repository.js';
export * from './steward/steward-enrolment.repository.js';
export * from './person/person-record.repository.js';
export * from './region/known-region.repository.js';
export * from './sql.js';

export const identityEntities = [Person, Unit, Steward, StewardNumberHistory, Account, RoleGrant, RefreshToken, SigningKey];
export const identityMigrations = [{ name: '001-initial', class: Migration001Initial }, { name: '002-outbox-relay', class: Migration002OutboxRelay }, { name: '003-login-throttle', class: Migration003LoginThrottle }, { name: '004-grants-unique-audit-truncate', class: Migration004GrantsUniqueAuditTruncate }, { name: '005-known-region', class: Migration005KnownRegion }];
