import { ConfigError, EX_CONFIG } from './config.js';

interface Running {
  close(): Promise<void>;
  logger: { info(obj: object, msg: string): void };
}

/**
 * The process entry every service shares: start, stop gracefully on SIGINT/SIGTERM, and turn a
 * configuration error into its one line (exit 78) instead of a stack trace.
 */
export async function runMain(service: string, start: () => Promise<Running>): Promise<void> {
  try {
    const app = await start();
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
      process.exit(EX_CONFIG);
    }
    process.stderr.write(`${service} failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
