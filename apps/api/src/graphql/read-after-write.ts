/**
 * The record a mutation's payload shows, read after its write committed. The write stands whatever
 * becomes of this read, so the read is handed to GraphQL as the field's own promise (graphql-js
 * resolves a payload property that is a promise as that field): should it fail (the database dropping
 * out between the commit and the read), only that field is null, with its own coded error
 * (`DATABASE_UNAVAILABLE`), and the client still gets the outcome of what it wrote.
 */
export type ReadAfterWrite<T> = T | Promise<T>;

export const readAfterWrite = <T>(read: () => Promise<T>): Promise<T> => {
  const reading = read();
  // GraphQL takes the failure when it resolves the field; until then it is not an unhandled rejection.
  reading.catch(() => undefined);
  return reading;
};
