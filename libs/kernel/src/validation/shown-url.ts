/**
 * A URL as a log line or a refusal may show it: its password, and any query parameter that carries
 * a secret (`?password=`, `sslpassword`, `sslkey`, a token), replaced by `***`. Database and Redis
 * drivers take credentials from the query string too, so hiding the user-info part alone is not enough.
 */
const SECRET_PARAMETER = /pass|secret|token|key|auth|credential/i;

export const shownUrl = (url: string): string => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'a URL that does not parse';
  }
  if (parsed.password !== '') parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMETER.test(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString();
};
