/** Events the identity service publishes; integrators subscribe to these (ce-type header). */
export const IdentityEvents = {
  personRegistered: { aggregate: 'person', event: 'registered' },
  unitCreated: { aggregate: 'unit', event: 'created' },
  stewardEnrolled: { aggregate: 'steward', event: 'enrolled' },
  stewardUpdated: { aggregate: 'steward', event: 'updated' },
  stewardNumberReissued: { aggregate: 'steward', event: 'number-reissued' },
  roleGranted: { aggregate: 'role', event: 'granted' },
  roleRevoked: { aggregate: 'role', event: 'revoked' },
  accountLoggedOut: { aggregate: 'account', event: 'logged-out' },
  refreshTokenReused: { aggregate: 'account', event: 'refresh-token-reused' },
} as const;
