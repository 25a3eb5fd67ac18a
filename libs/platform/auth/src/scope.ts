import { AppError, type Actor } from '@gov/kernel';

/** Operations that act for someone refuse anonymous callers; each service then checks region scope itself. */
export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first', 'NO_ACTOR');
  return actor;
}
