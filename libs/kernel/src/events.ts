/** What a consumer sees of one event (CloudEvents 1.0 attributes + JSON data). */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  source: string;
  subject: string;
  time: string;
  county: string;
  correlationId?: string;
  data: T;
}
