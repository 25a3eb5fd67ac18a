/** Events the petitions service publishes (ce-type gov.petitions.<aggregate>.<event>.v1); integrators subscribe to these. */
export const PetitionsEvents = {
  petitionCreated: { aggregate: 'petition', event: 'created' },
} as const;
