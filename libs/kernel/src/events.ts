/** What a consumer sees of one event (CloudEvents 1.0 attributes + JSON data). */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  county: string;
  correlationId?: string;
  /** 1, 2, 3… per aggregate in commit order (`ce-aggregateversion`): consumers drop what is older than what they hold. */
  aggregateVersion?: number;
  data: T;
}
