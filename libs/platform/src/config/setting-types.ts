/** Parsers for settings that arrive as environment strings. */
import { z } from 'zod';

export const booleanSetting = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const integerSetting = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'expected a whole number')
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** A URL with one of `protocols`; anything else (no URL at all included) is one problem naming the setting. */
export const urlSetting = (protocols: readonly string[]) =>
  z.string().superRefine((value, context) => {
    // A URL parser would drop or percent-encode a stray space or line break (a copy from a document): connect elsewhere than written.
    if (/[\s\p{Cc}]/u.test(value)) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a URL without spaces, tabs or line breaks' });
    } else if (!URL.canParse(value) || !protocols.includes(new URL(value).protocol)) {
      context.addIssue({ code: z.ZodIssueCode.custom, message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` });
    }
  });

/**
 * A name, a path or a secret: something, with no space, tab or line break at either end. A value of
 * spaces alone would name a folder or file called " " in the working folder, and a secret or issuer
 * copied with a trailing line break would never match what the other side sends.
 */
export const textSetting = () =>
  z.string().superRefine((value, context) => {
    if (value.trim() === '') context.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a value, not only spaces' });
    else if (value.trim() !== value) context.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a value without spaces, tabs or line breaks at either end' });
  });

/**
 * The address links start with: an http(s) URL with nothing after its path. A query, a fragment or
 * a user and password would be carried into every link a nudge sends (`https://x/?a=b/answers/…`).
 */
export const publicUrlSetting = () =>
  urlSetting(['https:', 'http:']).superRefine((value, context) => {
    if (!URL.canParse(value)) return;
    const url = new URL(value);
    const extra = [url.username || url.password ? 'a user or password' : null, url.search ? 'a query (?…)' : null, url.hash ? 'a fragment (#…)' : null].filter(Boolean);
    if (extra.length > 0) context.addIssue({ code: z.ZodIssueCode.custom, message: `expected the address people reach the api at, without ${extra.join(', ')}: every link a nudge carries starts with it` });
  });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The base64 of exactly `bytes` bytes (a key); the message never repeats the value. */
export const base64KeySetting = (bytes: number) =>
  z.string().refine((value) => BASE64.test(value) && Buffer.from(value, 'base64').length === bytes, {
    message: `expected the base64 of ${bytes} random bytes (make one with: openssl rand -base64 ${bytes})`,
  });
