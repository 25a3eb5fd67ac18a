import { IntegrationsRefusal } from '@gov/integrations-contracts';
import { AppError } from '@gov/kernel';

/** The refusals of webhook operations, each a coded AppError that changes nothing. */
export const WebhookErrors = {
  // The path is not repeated: another county's path stays out of answers and logs.
  notACounty: () =>
    new AppError('VALIDATION', "a webhook's region is a county or the city", IntegrationsRefusal.NOT_A_COUNTY, [
      { path: 'region', message: 'must be a county path (city/county) or the city' },
    ]),
  unknownEventTypes: (types: readonly string[]) =>
    new AppError(
      'VALIDATION',
      `not in the event catalogue: ${types.join(', ')}`,
      IntegrationsRefusal.UNKNOWN_EVENT_TYPE,
      types.map((t) => ({ path: 'eventTypes', message: `${t} is neither a catalogued event type nor gov.<service>.* of a service that publishes events` })),
    ),
  insecureUrl: (problem: string) => new AppError('VALIDATION', `webhook URL ${problem}`, IntegrationsRefusal.INSECURE_URL, [{ path: 'url', message: problem }]),
  notAdmin: () => new AppError('FORBIDDEN', "only admins of the webhook's county (or the city's) manage its webhooks"),
  // Missing and another county's answer alike.
  unknownWebhook: (id: string) => new AppError('NOT_FOUND', `webhook ${id} not found`, IntegrationsRefusal.UNKNOWN_WEBHOOK),
  unknownDelivery: (id: string) => new AppError('NOT_FOUND', `webhook delivery ${id} not found`, IntegrationsRefusal.UNKNOWN_DELIVERY),
  stillPending: () => new AppError('CONFLICT', 'the delivery is being tried already', IntegrationsRefusal.STILL_PENDING),
};
