/**
 * The code of the coded error a piece of work fails with, or undefined when it succeeds: what a spec
 * compares with `toBe('VALIDATION_FAILED')`. An error without a code is thrown on, so a bug never
 * reads as a refusal.
 */
import { isCodedError } from '@stepwise/kernel';

export const codeOf = async (work: Promise<unknown> | (() => Promise<unknown>)): Promise<string | undefined> => {
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (error) {
    if (isCodedError(error)) return error.code;
    throw error;
  }
  return undefined;
};
