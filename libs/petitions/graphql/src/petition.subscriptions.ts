import { PetitionsRpc, type PetitionView } from '@gov/petitions-contracts';
import { livePush, requireLive, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Resolver, Subscription } from '@nestjs/graphql';
import { Petition } from './petition.types.js';

/** Every event of the petition aggregate (gov.petitions.petition.*), of one petition. */
const petitionEvents = (id: string) => [{ service: 'petitions', aggregate: 'petition', subject: id }];

/** Live updates of petitions (graphql-ws); each push is the service's answer to the subscriber at that moment. */
@Resolver()
export class PetitionSubscriptions {
  @Subscription(() => Petition, {
    description:
      "A petition's current view, first when you subscribe (and so again after a reconnect) and then after each of its events (screened, assigned, accepted, started, resolved, rated, reopened, closed, escalated, merged, linked …), for its submitter and staff of its region. " +
      "Each push is read again as you: NOT_FOUND when subscribing to a missing or another county's petition, like the query; the subscription ends with FORBIDDEN or NOT_FOUND once you may no longer read it (a role revoked), and with UNAUTHENTICATED TOKEN_EXPIRED when your token expires.",
    resolve: livePush,
  })
  petitionUpdated(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    const read = () => ctx.call<PetitionView>(PetitionsRpc.petitionGet, { id });
    return requireLive(ctx).follow<PetitionView>({
      topics: petitionEvents(id),
      initial: read,
      onEvent: read,
      // A revoked role: check at once, push nothing new if it still reads.
      recheck: async () => (await read(), null),
    });
  }
}
