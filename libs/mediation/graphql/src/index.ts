export { MediationGraphqlModule } from './mediation-graphql.module.js';
export { agreementPdfPath } from './agreement.resolver.js';
export * from './organisation.types.js';
export * from './case.types.js';
export * from './session.types.js';
export * from './agreement.types.js';
export * from './meeting.types.js';
export * from './stats.types.js';
