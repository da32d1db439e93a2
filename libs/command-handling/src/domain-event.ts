/** An event as deciders see it: what happened and its data, without where the store put it. */
export interface DomainEvent {
  readonly type: string;
  readonly data: object;
}
