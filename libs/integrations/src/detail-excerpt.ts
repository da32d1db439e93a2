/**
 * What an attempt's record keeps of a receiver's words (an SMTP reply, Slack's or Teams' answer): at
 * most 300 characters, then `…`. A receiver decides how much it says; the record, which admins read
 * beside every attempt, stays short whatever it sends.
 */
export const MAX_DETAIL_CHARS = 300;

export const detailExcerpt = (text: string): string => (text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}…` : text);
