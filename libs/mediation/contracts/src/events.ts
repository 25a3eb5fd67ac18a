/** Events the mediation service publishes (ce-type gov.mediation.<aggregate>.<event>.v1); integrators subscribe to these. */
export const MediationEvents = {
  mediationCaseCreated: { aggregate: 'mediation-case', event: 'created' },
} as const;
