/**
 * Reads docker-compose.yml and .env.example the way `docker compose` does (YAML merge keys, `.env`
 * interpolation), so a test can start each service's command with the environment compose would give it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repositoryRoot } from './spawned-process';

interface ComposeService {
  readonly command?: string[];
  readonly environment?: Record<string, string | number | boolean | null>;
}

/** KEY=VALUE lines of an env file; comments and blank lines skipped. */
export const readEnvFile = (file: string): Record<string, string> =>
  Object.fromEntries(
    readFileSync(join(repositoryRoot(), file), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => {
        const at = line.indexOf('=');
        if (at < 1) throw new Error(`${file}: not KEY=VALUE: ${line}`);
        return [line.slice(0, at), line.slice(at + 1)];
      }),
  );

/** Compose's interpolation: ${NAME}, ${NAME:-default}, ${NAME-default}, ${NAME:?message}, $$. */
export const interpolate = (text: string, variables: Record<string, string>): string =>
  text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (match, name?: string, colon?: string, operator?: string, operand?: string) => {
    if (match === '$$') return '$';
    const value = variables[name!];
    const missing = value === undefined || (colon === ':' && value === '');
    if (operator === '-') return missing ? operand! : value;
    if (operator === '?' && missing) throw new Error(`compose would refuse: ${name}: ${operand}`);
    return value ?? '';
  });

export interface ComposeServiceRun {
  readonly command: string[];
  readonly env: Record<string, string>;
}

/** Each service's command and environment as compose would start it, given the `.env` variables. */
export const composeServices = (variables: Record<string, string>): Record<string, ComposeServiceRun> => {
  const compose = parse(readFileSync(join(repositoryRoot(), 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
  return Object.fromEntries(
    Object.entries(compose.services).map(([name, service]) => [
      name,
      {
        command: service.command ?? [],
        env: Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value ?? ''), variables)])),
      },
    ]),
  );
};
