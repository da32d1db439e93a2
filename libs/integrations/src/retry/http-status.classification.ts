/**
 * What an HTTP status means for a delivery. Pure; shared by every HTTP channel so Slack, Teams and
 * webhooks agree on what is worth another try.
 */
export type HttpStatusClass =
  | { readonly kind: 'delivered' }
  | { readonly kind: 'retryable' }
  | { readonly kind: 'permanent'; readonly disableAddress: boolean };

export const classifyHttpStatus = (status: number): HttpStatusClass => {
  if (status >= 200 && status <= 299) return { kind: 'delivered' };
  // Request timeout, too many requests and the receiver's own faults pass with time.
  if (status === 408 || status === 429 || (status >= 500 && status <= 599)) return { kind: 'retryable' };
  // Gone: the receiver says this address is retired; stop sending to it at all.
  if (status === 410) return { kind: 'permanent', disableAddress: true };
  // Other 4xx (the request itself is wrong) and anything unexpected (an unfollowed 3xx, 1xx).
  return { kind: 'permanent', disableAddress: false };
};
