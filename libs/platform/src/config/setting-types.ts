/** Parsers for settings that arrive as environment strings. */
import { z } from 'zod';

/** true or false, in any case (`TRUE`, as some deployment tools write it); 1 and 0, and yes and no, are read as them too. */
export const booleanSetting = (fallback: boolean) =>
  z
    .string()
    .default(fallback ? 'true' : 'false')
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false (or 1 or 0, or yes or no; in any case)' }))
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const integerSetting = (fallback: number, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `expected a whole number from ${min} to ${max}`)
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

/** What a browser sends as its Origin header for `url`: the scheme, the host in lower case, and the port unless it is the scheme's own. */
const ORIGIN_EXAMPLE = 'https://app.example.com';

const originProblem = (entry: string): string | undefined => {
  if (entry === '') return 'an empty entry (two commas, or one at either end)';
  if (/[\s\p{Cc}]/u.test(entry)) return `${JSON.stringify(entry)} holds a space, tab or line break`;
  if (!URL.canParse(entry)) return `${JSON.stringify(entry)} is not an origin such as ${ORIGIN_EXAMPLE}`;
  const url = new URL(entry);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `${JSON.stringify(entry)} is not an http or https origin`;
  if (url.username || url.password || url.pathname !== '/' || url.search || url.hash || /[?#]/.test(entry) || entry.endsWith('/')) {
    return `${JSON.stringify(entry)} has more than a scheme, host and port: a browser's Origin is ${url.origin}, with no path, query or trailing slash`;
  }
  return undefined;
};

/**
 * The origins a web page may call the api from in a browser: comma-separated origins
 * (`https://app.example.com`, `http://localhost:5173`), or `*` alone for any. Unset or empty: none,
 * and the api sends no CORS headers. Each is kept as a browser spells it (`HTTPS://App.Example.com:443`
 * as `https://app.example.com`), so comparing with a request's Origin header is exact.
 */
export const corsOriginsSetting = () =>
  z
    .string()
    .default('')
    .transform((value, context) => {
      if (value.trim() === '') return [] as string[];
      const entries = value.split(',').map((entry) => entry.trim());
      if (entries.includes('*')) {
        if (entries.length > 1) context.addIssue({ code: z.ZodIssueCode.custom, message: '* allows every origin, so it stands alone: set either * or a list of origins' });
        return ['*'];
      }
      const problems = entries.map(originProblem).filter((problem): problem is string => problem !== undefined);
      for (const problem of problems) context.addIssue({ code: z.ZodIssueCode.custom, message: `expected origins such as ${ORIGIN_EXAMPLE}, comma-separated, or *: ${problem}` });
      return [...new Set(entries.map((entry) => (originProblem(entry) ? entry : new URL(entry).origin)))];
    });

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The base64 of exactly `bytes` bytes (a key); the message never repeats the value. */
export const base64KeySetting = (bytes: number) =>
  z.string().refine((value) => BASE64.test(value) && Buffer.from(value, 'base64').length === bytes, {
    message: `expected the base64 of ${bytes} random bytes (make one with: openssl rand -base64 ${bytes})`,
  });
