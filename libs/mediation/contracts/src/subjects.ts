/** Request-reply subjects of the mediation service (queue group `mediation`), see docs/adr/0002. */
export const MediationRpc = {
  mediationCaseCreate: 'rpc.mediation.mediation-case.create',
  mediationCaseGet: 'rpc.mediation.mediation-case.get',
  mediationCaseGetMany: 'rpc.mediation.mediation-case.getMany',
} as const;
