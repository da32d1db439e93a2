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

export const urlSetting = (protocols: readonly string[]) =>
  z
    .string()
    .url('expected a URL')
    .refine((value) => protocols.includes(new URL(value).protocol), {
      message: `expected a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
    });
