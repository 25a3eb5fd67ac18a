import { IntegrationsRpc, WEBHOOK_ATTEMPT_LOG, type ReplayCountView, type WebhookDeliveryState, type WebhookDeliveryView, type WebhookView, type WebhookWithSecretView } from '@gov/integrations-contracts';
import type { Page } from '@gov/kernel';
import { connection, requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CreateWebhookInput, DeletedWebhook, Webhook, WebhookAttempt, WebhookDelivery, WebhookDeliveryConnection, WebhookDeliveryStateEnum, WebhookWithSecret } from './webhook.types.js';

const ADMINS = "Admins of the webhook's county, or the city's, only (FORBIDDEN otherwise); NOT_FOUND UNKNOWN_WEBHOOK for a webhook that is missing or another county's.";

/** Webhooks of a county (or the city) and their delivery log; every rule is checked by the integrations service. */
@Resolver(() => Webhook)
export class WebhookResolver {
  @Query(() => [Webhook], { description: 'The webhooks registered for a county (jingmen/dongbao) or the city (jingmen). Its admins only; NOT_FOUND for a region outside yours.' })
  webhooks(@Args('region') region: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookView[]>(IntegrationsRpc.webhookList, { region });
  }

  @Query(() => Webhook, { description: `One webhook. ${ADMINS}` })
  webhook(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookView>(IntegrationsRpc.webhookGet, { id });
  }

  @Query(() => WebhookDeliveryConnection, { description: `A webhook's delivery log, newest first, each delivery with its tries. ${ADMINS}` })
  async webhookDeliveries(
    @Args('webhookId', { type: () => ID }) webhookId: string,
    @Context() ctx: GqlContext,
    @Args('state', { type: () => WebhookDeliveryStateEnum, nullable: true }) state?: WebhookDeliveryState | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    requireSignedIn(ctx);
    return connection(await ctx.call<Page<WebhookDeliveryView>>(IntegrationsRpc.deliveryList, { webhookId, state: state ?? undefined, first: first ?? undefined, after: after ?? undefined }));
  }

  @Mutation(() => WebhookWithSecret, {
    description:
      'Registers a webhook for a county (its admins) or the city (the city admin); the answer carries the signing secret, shown only here. ' +
      'Refused: VALIDATION UNKNOWN_EVENT_TYPE (a type not in the catalogue, nor gov.<service>.* of a known service), INSECURE_URL (not https), NOT_A_COUNTY (the region is not a county or the city); NOT_FOUND for a region outside yours.',
  })
  createWebhook(@Args('input') input: CreateWebhookInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookWithSecretView>(IntegrationsRpc.webhookCreate, input);
  }

  @Mutation(() => Webhook, { description: `Switches a webhook on or off; while off nothing is sent and its deliveries wait. ${ADMINS}` })
  setWebhookActive(@Args('id', { type: () => ID }) id: string, @Args('active') active: boolean, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookView>(IntegrationsRpc.webhookSetActive, { id, active });
  }

  @Mutation(() => WebhookWithSecret, { description: `Replaces the signing secret; the new one is shown only here, and signs every try from now on. ${ADMINS}` })
  rotateWebhookSecret(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookWithSecretView>(IntegrationsRpc.webhookRotateSecret, { id });
  }

  @Mutation(() => DeletedWebhook, { description: `Removes a webhook with its delivery log; nothing more is sent to it. ${ADMINS}` })
  deleteWebhook(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookView>(IntegrationsRpc.webhookDelete, { id });
  }

  @Mutation(() => WebhookDelivery, {
    description: `Sends a dead (or delivered) delivery again, from its first try. CONFLICT STILL_PENDING while it is being tried; NOT_FOUND UNKNOWN_DELIVERY for one that is missing or another county's. ${ADMINS}`,
  })
  replayWebhookDelivery(@Args('id', { type: () => ID }) id: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<WebhookDeliveryView>(IntegrationsRpc.deliveryReplay, { id });
  }

  @Mutation(() => Int, { description: `Sends every dead delivery of a webhook again; answers how many. ${ADMINS}` })
  async replayDeadWebhookDeliveries(@Args('webhookId', { type: () => ID }) webhookId: string, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return (await ctx.call<ReplayCountView>(IntegrationsRpc.deliveryReplayDead, { webhookId })).count;
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @ResolveField(() => [WebhookAttempt], { description: `The latest tries, newest first (at most ${WEBHOOK_ATTEMPT_LOG}).` })
  attemptLog(@Parent() d: WebhookDeliveryView, @Args('first', { type: () => Int, nullable: true }) first?: number | null) {
    return d.log.slice(0, Math.max(0, first ?? WEBHOOK_ATTEMPT_LOG));
  }
}
