/** Events the grids service publishes (ce-type gov.grids.<aggregate>.<event>.v1); integrators subscribe to these. */
export const GridsEvents = {
  regionCreated: { aggregate: 'region', event: 'created' },
} as const;
