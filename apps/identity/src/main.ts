import { runMain } from '@gov/platform-config';
import { startIdentity } from './app.js';

await runMain('identity', () => startIdentity());
