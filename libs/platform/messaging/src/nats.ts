import { ConfigError } from '@gov/platform-config';
import { connect, type NatsConnection } from '@nats-io/transport-node';

/** A process's NATS login (NATS_USER / NATS_PASSWORD); without a user it connects anonymously. */
export interface NatsCredentials {
  user?: string;
  password?: string;
}

/**
 * Connects to NATS, with the process's own user when it has one. That user then receives its
 * replies and JetStream deliveries on `_INBOX.<user>.…`, the only inbox deploy/nats/auth.conf
 * lets it subscribe to (no user can read another's replies).
 */
export async function connectNats(url: string, name: string, credentials: NatsCredentials = {}): Promise<NatsConnection> {
  const { user, password } = credentials;
  if (user && !password) throw new ConfigError('NATS_PASSWORD', 'is required when NATS_USER is set');
  if (password && !user) throw new ConfigError('NATS_USER', 'is required when NATS_PASSWORD is set');
  return connect({
    servers: url,
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // Stack traces for request timeouts cost an Error per request; RpcClient turns every failure
    // into a coded AppError with the subject, which says more.
    noAsyncTraces: true,
    ...(user ? { user, pass: password, inboxPrefix: natsInboxPrefix(user) } : {}),
  });
}

/** The inbox prefix of a NATS user; deploy/nats/auth.conf allows each user `_INBOX.<user>.>` only. */
export function natsInboxPrefix(user: string): string {
  return `_INBOX.${user}`;
}

/** Readiness: connected and the server answers a round trip. */
export async function natsReady(nc: NatsConnection): Promise<boolean> {
  if (nc.isClosed()) return false;
  await nc.flush();
  return true;
}
