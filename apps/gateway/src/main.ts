import { ConfigError } from '@gov/platform-config';
import { startGateway } from './app.js';

try {
  const app = await startGateway();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.logger.info({ signal }, 'shutting down');
      app.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
} catch (err) {
  if (err instanceof ConfigError) {
    process.stderr.write(err.message + '\n');
    process.exit(78);
  }
  process.stderr.write(`gateway failed to start: ${(err as Error).message}\n`);
  process.exit(1);
}
