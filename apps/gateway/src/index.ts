/** For in-process test harnesses (apps/e2e, bench). Production starts main.ts. */
export { startGateway, type GatewayApp } from './app.js';
