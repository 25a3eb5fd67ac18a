import type { Actor } from '@gov/kernel';

/** Carries the signed actor assertion (see ActorAssertionSigner in @gov/platform-auth). */
export const ACTOR_HEADER = 'gov-actor';

/** Signs the actor for one message; the gateway holds one (and services that call others for a user). */
export interface ActorSigner {
  sign(actor: Actor, subject: string, body: Uint8Array | string): string;
}

/** Verifies the assertion of one message and returns its actor, or throws UNAUTHENTICATED. */
export interface ActorVerifier {
  verify(assertion: string, subject: string, body: Uint8Array | string): Actor;
}
