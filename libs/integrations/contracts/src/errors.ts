/**
 * Reasons (`reason` of a VALIDATION, CONFLICT or NOT_FOUND AppError) an integrations operation is
 * refused with. None of them changes anything.
 */
export const IntegrationsRefusal = {
  /** An event type that is not in the catalogue, nor a wildcard `gov.<service>.*` of a known service. */
  UNKNOWN_EVENT_TYPE: 'UNKNOWN_EVENT_TYPE',
  /** A webhook URL that is not https (plain http only to localhost outside production). */
  INSECURE_URL: 'INSECURE_URL',
  /** A webhook's region is a county (`jingmen/dongbao`) or the city (`jingmen`). */
  NOT_A_COUNTY: 'NOT_A_COUNTY',
  UNKNOWN_WEBHOOK: 'UNKNOWN_WEBHOOK',
  UNKNOWN_DELIVERY: 'UNKNOWN_DELIVERY',
  /** A pending delivery is being tried already: only a dead or delivered one is replayed. */
  STILL_PENDING: 'STILL_PENDING',
} as const;
export type IntegrationsRefusal = (typeof IntegrationsRefusal)[keyof typeof IntegrationsRefusal];
