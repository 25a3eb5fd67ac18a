import {
  MAX_WEBHOOK_EVENT_TYPES,
  WEBHOOK_DELIVERY_STATES,
  type CreateWebhookInput as CreateWebhookRequest,
  type WebhookAttemptView,
  type WebhookDeliveryState,
  type WebhookDeliveryView,
  type WebhookView,
  type WebhookWithSecretView,
} from '@gov/integrations-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const WebhookDeliveryStateEnum = enumFromValues(WEBHOOK_DELIVERY_STATES);
registerEnumType(WebhookDeliveryStateEnum, {
  name: 'WebhookDeliveryState',
  description: 'pending: being tried (or waiting for its next try); delivered: a try was answered 2xx; dead: every try failed (replay it to send it again).',
});

@ObjectType({ description: "An endpoint that receives a county's (or the city's) events, signed (docs/integrators.md, Webhooks)." })
export class Webhook implements WebhookView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field({ description: 'Where deliveries are POSTed.' }) url!: string;
  @Field({ description: 'A county (jingmen/dongbao), or the city (jingmen) for every county’s events.' }) region!: string;
  @Field(() => [String], { description: 'Event types (gov.petitions.petition.submitted.v1) and service wildcards (gov.petitions.*).' }) eventTypes!: string[];
  @Field({ description: 'false: nothing is sent (deliveries wait until it is switched on again).' }) active!: boolean;
  @Field(() => ID) createdBy!: string;
  @Field() createdAt!: string;
  @Field() updatedAt!: string;
}

@ObjectType({ description: 'A webhook as it was when it was removed, with its delivery log.' })
export class DeletedWebhook extends Webhook {}

@ObjectType({ description: 'A webhook with its signing secret. The secret is shown only here: store it now.' })
export class WebhookWithSecret implements WebhookWithSecretView {
  @Field(() => Webhook) webhook!: Webhook;
  @Field({ description: 'The HMAC-SHA256 key of gov-webhook-signature: the whole string, as UTF-8.' }) secret!: string;
}

@ObjectType({ description: 'One try of a delivery.' })
export class WebhookAttempt implements WebhookAttemptView {
  @Field() at!: string;
  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when no answer came." }) status!: number | null;
  @Field(() => String, { nullable: true, description: 'Why it failed; null for a 2xx.' }) error!: string | null;
  @Field(() => Int) durationMs!: number;
}

@ObjectType({ description: 'One event sent (or to be sent) to one webhook.' })
export class WebhookDelivery implements WebhookDeliveryView {
  @Field(() => ID) id!: string;
  @Field(() => ID) webhookId!: string;
  @Field(() => ID, { description: 'The CloudEvents id: the same event reaches a webhook once (use it to drop duplicates).' }) eventId!: string;
  @Field() eventType!: string;
  @Field(() => WebhookDeliveryStateEnum) state!: WebhookDeliveryState;
  @Field(() => Int, { description: 'Tries so far (a replay starts again from 0; attemptLog keeps every try).' }) attempts!: number;
  @Field(() => String, { nullable: true, description: 'When a pending delivery is tried next.' }) nextAttemptAt!: string | null;
  @Field(() => Int, { nullable: true }) lastStatus!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field() createdAt!: string;
  @Field(() => String, { nullable: true }) deliveredAt!: string | null;
  @Field({ description: 'The CloudEvents JSON POSTed (exactly the signed bytes).' }) body!: string;
  /** Resolved by `attemptLog`. */
  log!: WebhookAttemptView[];
}

@ObjectType()
export class WebhookDeliveryConnection extends ConnectionType(WebhookDelivery) {}

@InputType()
export class CreateWebhookInput implements CreateWebhookRequest {
  @Field({ description: '1–100 characters.' }) name!: string;
  @Field({ description: 'https (plain http only to localhost outside production).' }) url!: string;
  @Field({ description: 'A county (jingmen/dongbao) or the city (jingmen).' }) region!: string;
  @Field(() => [String], { description: `1–${MAX_WEBHOOK_EVENT_TYPES} catalogued event types or service wildcards (gov.petitions.*).` }) eventTypes!: string[];
}
