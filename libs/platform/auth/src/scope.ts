import { actorCan, AppError, type Actor, type RoleName } from '@gov/kernel';

/** Every service checks region scope itself, whatever the gateway did before. */
export function requireActor(actor: Actor | null | undefined): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in first', 'NO_ACTOR');
  return actor;
}

export function requireScope(actor: Actor | null | undefined, roles: readonly RoleName[], region: string): Actor {
  const a = requireActor(actor);
  if (!actorCan(a, roles, region)) throw new AppError('FORBIDDEN', `no ${roles.join('/')} role on ${region}`);
  return a;
}
