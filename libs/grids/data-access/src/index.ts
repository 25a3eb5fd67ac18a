import { GridLayer, GridStaff } from './layer/layer.entity.js';
import { Migration001Initial } from './migrations/001-initial.js';
import { Migration002Households } from './migrations/002-households.js';
import { Migration003PersonRef } from './migrations/003-person-ref.js';
import { Migration004PartyOverlay } from './migrations/004-party-overlay.js';

export { GridLayer, GridStaff };
export * from './region/region.repository.js';
export * from './layer/layer-grid.repository.js';
export * from './qr/index.js';
export * from './household/index.js';
export * from './party/party-org.repository.js';
export * from './place/index.js';
export * from './territory-io/index.js';
export * from './person/person-ref.repository.js';

// Each feature's entities are listed in its folder's index.
export const gridsEntities = [GridLayer, GridStaff];
export const gridsMigrations = [
  { name: '001-initial', class: Migration001Initial },
  { name: '002-households', class: Migration002Households },
  { name: '003-person-ref', class: Migration003PersonRef },
  { name: '004-party-overlay', class: Migration004PartyOverlay },
];
