import type { Actor } from '@gov/kernel';
import type { MsgHdrs } from '@nats-io/transport-node';

export const ACTOR_HEADER = 'gov-actor';

/**
 * The actor is set by the gateway after it verified the caller's token. NATS permissions
 * (docs/adr/0004-tenancy-and-actor.md) keep anyone else from publishing on rpc.> subjects.
 */
export function encodeActor(actor: Actor): string {
  return Buffer.from(JSON.stringify(actor)).toString('base64url');
}

export function decodeActor(hdrs: MsgHdrs | undefined): Actor | null {
  const raw = hdrs?.get(ACTOR_HEADER);
  if (!raw) return null;
  try {
    const actor = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Actor;
    return actor && typeof actor.accountId === 'string' && Array.isArray(actor.grants) ? actor : null;
  } catch {
    return null;
  }
}
