/** Events the grids service publishes (ce-type gov.grids.<aggregate>.<event>.v1); integrators subscribe to these. */
export const GridsEvents = {
  regionCreated: { aggregate: 'region', event: 'created' },
  regionUpdated: { aggregate: 'region', event: 'updated' },
  regionMoved: { aggregate: 'region', event: 'moved' },
  regionArchived: { aggregate: 'region', event: 'archived' },
  layerCreated: { aggregate: 'layer', event: 'created' },
  layerGridCreated: { aggregate: 'layer-grid', event: 'created' },
  staffAssigned: { aggregate: 'staff', event: 'assigned' },
  staffEnded: { aggregate: 'staff', event: 'ended' },
  householdRegistered: { aggregate: 'household', event: 'registered' },
  householdMoved: { aggregate: 'household', event: 'moved' },
  householdMemberAdded: { aggregate: 'household', event: 'member-added' },
  centralHeadAppointed: { aggregate: 'central-head', event: 'appointed' },
  centralHeadHouseholdsLinked: { aggregate: 'central-head', event: 'households-linked' },
  placeCreated: { aggregate: 'place', event: 'created' },
  qrRotated: { aggregate: 'building-qr', event: 'rotated' },
} as const;
