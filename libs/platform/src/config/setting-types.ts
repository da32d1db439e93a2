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

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The base64 of exactly `bytes` bytes (a key); the message never repeats the value. */
export const base64KeySetting = (bytes: number) =>
  z.string().refine((value) => BASE64.test(value) && Buffer.from(value, 'base64').length === bytes, {
    message: `expected the base64 of ${bytes} random bytes (make one with: openssl rand -base64 ${bytes})`,
  });
