// Building QR codes need no entity: plain SQL on table building_qr (migration 001).
export * from './building-qr.repository.js';
