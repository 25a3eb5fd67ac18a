import { runMain } from '@gov/platform-config';
import { startGateway } from './app.js';

await runMain('gateway', () => startGateway());
