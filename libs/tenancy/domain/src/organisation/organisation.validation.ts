/** Limits and checks for the fields of organisation commands. */
import { invalid, isMailbox, requiredLine, requiredText } from '@stepwise/kernel';

export const ORGANISATION_NAME_MAX_LENGTH = 100;
export const SLUG_MAX_LENGTH = 63;
export const SUBJECT_MAX_LENGTH = 255;
export const DISPLAY_NAME_MAX_LENGTH = 100;
export const EMAIL_MAX_LENGTH = 254;
export const TIMEZONE_MAX_LENGTH = 64;

/** Lower-case letters, digits and inner hyphens: safe in URLs and subdomains. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A daily window in the member's timezone when nudges wait; `start` after `end` spans midnight. */
export interface QuietHours {
  readonly start: string;
  readonly end: string;
}

export const validName = (value: unknown): string => requiredLine('name', value, ORGANISATION_NAME_MAX_LENGTH);

/** Latin letters that no decomposition turns into a base letter and a mark: spelt as they are read. */
const SPELT_OUT: Readonly<Record<string, string>> = {
  æ: 'ae', œ: 'oe', ø: 'o', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ħ: 'h', ŧ: 't', ŀ: 'l', ĸ: 'k', ŋ: 'ng',
};
const SPELT_OUT_PATTERN = new RegExp(`[${Object.keys(SPELT_OUT).join('')}]`, 'g');

/** The given slug, or one derived from the name ("Acme Schools Ltd" -> "acme-schools-ltd", "Ærø Skole" -> "aero-skole"). */
export const validSlug = (value: unknown, name: string): string => {
  if (value === undefined || value === null) {
    const derived = name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(SPELT_OUT_PATTERN, (letter) => SPELT_OUT[letter])
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, SLUG_MAX_LENGTH)
      .replace(/^-+|-+$/g, '');
    if (derived === '') return invalid('slug', 'REQUIRED', 'No slug can be derived from this name; give one');
    return derived;
  }
  if (typeof value !== 'string' || !SLUG_PATTERN.test(value)) {
    return invalid('slug', 'INVALID_FORMAT', 'slug must be lower-case letters, digits and inner hyphens, at most 63 characters');
  }
  return value;
};

export const validSubject = (value: unknown): string => requiredText('subject', value, SUBJECT_MAX_LENGTH);

export const validDisplayName = (value: unknown): string => requiredLine('displayName', value, DISPLAY_NAME_MAX_LENGTH);

/** Letters, digits and inner hyphens per label, at least two labels: a host name mail can go to. */
const ASCII_DOMAIN_PATTERN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
/** Characters a URL parser would read as something other than the host: never part of a domain. */
const NOT_IN_A_DOMAIN = /[\s/?#%:@[\]\\]/;

/** The domain in lower-case ASCII (an internationalised one in its IDNA "xn--" form), or undefined. */
const asciiDomain = (domain: string): string | undefined => {
  if (NOT_IN_A_DOMAIN.test(domain)) return undefined;
  let host: string;
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    return undefined;
  }
  // No top-level domain is all digits: such a host is an IPv4 address however written ("1.2" parses
  // as 1.0.0.2), which an address takes only in brackets, and those are not taken.
  return ASCII_DOMAIN_PATTERN.test(host) && !/\.\d+$/.test(host) ? host : undefined;
};

/**
 * An email address in the one form it is stored and compared in: trimmed, the mailbox (local part)
 * as typed in Unicode NFC, the domain in lower-case ASCII. Domains ignore case and an
 * internationalised one has a single ASCII spelling, so "Ben@Bücher.DE" is stored as
 * "Ben@xn--bcher-kva.de"; a mailbox may in principle tell case apart, so it is kept.
 */
export const validEmail = (value: unknown, field = 'email'): string | null => {
  // null clears an address; a blank one is no address, and never clears one by accident.
  if (value === undefined || value === null) return null;
  const email = requiredText(field, value, EMAIL_MAX_LENGTH);
  const notAnAddress = (): never => invalid(field, 'INVALID_FORMAT', `${field} is not an email address`);
  // A control, zero-width or direction character anywhere (the domain's conversion would quietly drop some): what was typed is refused, not another address.
  if (/[\p{Cc}\p{Cf}\p{Z}]/u.test(email)) return notAnAddress();
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? asciiDomain(email.slice(at + 1)) : undefined;
  if (!domain) return notAnAddress();
  const normalised = `${email.slice(0, at).normalize('NFC')}@${domain}`;
  if (normalised.length > EMAIL_MAX_LENGTH) {
    return invalid(field, 'TOO_LONG', `${field} must be at most ${EMAIL_MAX_LENGTH} characters with its domain in ASCII`, { max: EMAIL_MAX_LENGTH });
  }
  // The one syntax the email channel sends to: what is stored here, it can send to.
  return isMailbox(normalised) ? normalised : notAnAddress();
};

/** Whether two stored addresses reach the same person: compared without regard to case. */
export const sameEmail = (a: string | null, b: string | null): boolean => a !== null && b !== null && a.toLowerCase() === b.toLowerCase();

/**
 * The IANA names without a region ("backward" links and the old System V zones). The runtime also
 * knows three-letter IDs that are no IANA name (PST, IST, AET, BST…), and PostgreSQL, which buckets
 * analytics weeks, reads a bare abbreviation as a fixed offset of its own (IST is +02 there, CET has
 * no summer time) or not at all (AET): only these are taken, and stored as the zone they stand for.
 */
const IANA_NAMES_WITHOUT_REGION = new Set(
  [
    'CET', 'CST6CDT', 'Cuba', 'EET', 'EST', 'EST5EDT', 'Egypt', 'Eire', 'GB', 'GB-Eire', 'GMT', 'GMT+0', 'GMT-0', 'GMT0',
    'Greenwich', 'HST', 'Hongkong', 'Iceland', 'Iran', 'Israel', 'Jamaica', 'Japan', 'Kwajalein', 'Libya', 'MET', 'MST',
    'MST7MDT', 'NZ', 'NZ-CHAT', 'Navajo', 'PRC', 'PST8PDT', 'Poland', 'Portugal', 'ROC', 'ROK', 'Singapore', 'Turkey',
    'UCT', 'UTC', 'Universal', 'W-SU', 'WET', 'Zulu',
  ].map((name) => name.toLowerCase()),
);

/** The areas of the IANA database's own zones; other prefixes (US/, Canada/, SystemV/…) are old links. */
const IANA_AREAS = new Set(['africa', 'america', 'antarctica', 'arctic', 'asia', 'atlantic', 'australia', 'europe', 'indian', 'pacific', 'etc']);

/** The runtime's canonical zone ids: every one is a name PostgreSQL knows too. */
let canonicalZones: ReadonlySet<string> | undefined;
const isCanonicalZone = (zone: string): boolean => (canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'))).has(zone) || zone === 'UTC';

/** The zone a name stands for, as the runtime's timezone data resolves its links ("Etc/UTC" is "UTC", "Asia/Kolkata" "Asia/Calcutta"); undefined for a name it does not know. */
const zoneOf = (name: string): string | undefined => {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
};

/**
 * An IANA timezone name the runtime knows, read as the same zone by the runtime and by PostgreSQL:
 * an Area/Location name of the database's own areas ("Europe/London", "Asia/Kolkata", "Etc/GMT+12")
 * as sent; an old link ("US/Pacific", "GB", "UTC") as the zone it stands for. The runtime and the
 * database each carry their own copy of the timezone data, and old links are what they disagree on:
 * "US/Pacific-New" or "Canada/East-Saskatchewan" left the database's copy years ago, and
 * "SystemV/AST4" the runtime still knows alone.
 */
export const validTimezone = (value: unknown): string => {
  const timezone = requiredText('timezone', value, TIMEZONE_MAX_LENGTH);
  const unknown = (): never =>
    invalid('timezone', 'UNKNOWN_TIMEZONE', `${timezone} is not an IANA timezone name; give one such as Europe/London, America/Los_Angeles or UTC`);
  const zone = zoneOf(timezone);
  if (zone === undefined) return unknown();
  // An Area/Location name as sent, in the zone's own spelling when it differs from it only in case.
  const area = timezone.split('/')[0].toLowerCase();
  if (timezone.includes('/') && IANA_AREAS.has(area)) return timezone.toLowerCase() === zone.toLowerCase() ? zone : timezone;
  const oldLink = timezone.includes('/') || IANA_NAMES_WITHOUT_REGION.has(timezone.toLowerCase());
  if (!oldLink || !isCanonicalZone(zone) || (zone !== 'UTC' && !zone.includes('/'))) return unknown();
  return zone;
};

/**
 * What readableTimezone answered for each stored spelling: asking Intl costs a formatter per call,
 * and a replay asks at every member event. Few spellings exist; the memory is bounded all the same.
 */
const readTimezones = new Map<string, string | undefined>();
const READ_TIMEZONES_KEPT = 1_000;

/**
 * A timezone read back from storage, as `validTimezone` would take it today, or undefined when it
 * would refuse it: events written before the rule was tightened may hold an abbreviation or garbage,
 * and what reads them must not fail on it (they fall back to UTC).
 */
export const readableTimezone = (stored: unknown): string | undefined => {
  if (typeof stored !== 'string') return undefined;
  const known = readTimezones.get(stored);
  if (known !== undefined || readTimezones.has(stored)) return known;
  let zone: string | undefined;
  try {
    zone = validTimezone(stored);
  } catch {
    zone = undefined;
  }
  if (readTimezones.size >= READ_TIMEZONES_KEPT) readTimezones.clear();
  readTimezones.set(stored, zone);
  return zone;
};

/**
 * Whether two timezone names are one zone: two spellings of it cut the same weeks, so moving from
 * one to the other is no change of timezone (the analytics withhold weeks cut before a change).
 */
export const sameTimezone = (a: string, b: string): boolean => a === b || (zoneOf(a) ?? a) === (zoneOf(b) ?? b);

export const validQuietHours = (value: unknown): QuietHours | null => {
  if (value === undefined || value === null) return null;
  const { start, end } = value as Partial<QuietHours>;
  if (typeof start !== 'string' || !CLOCK_TIME_PATTERN.test(start)) {
    return invalid('quietHours.start', 'INVALID_FORMAT', 'quietHours.start must be HH:MM (00:00-23:59)');
  }
  if (typeof end !== 'string' || !CLOCK_TIME_PATTERN.test(end)) {
    return invalid('quietHours.end', 'INVALID_FORMAT', 'quietHours.end must be HH:MM (00:00-23:59)');
  }
  if (start === end) return invalid('quietHours', 'EMPTY_WINDOW', 'quietHours.start and quietHours.end must differ');
  return { start, end };
};
