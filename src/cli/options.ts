/** Option values several verbs read alike: a lookup service's address, a whole number in a range. */
import { UsageError } from './errors.js';

/** `--lookup` (or `name`): the service's base, `https://…/v1`. */
export function lookupAddress(value: string, name = '--lookup'): string {
  if (!/^https?:\/\/[^/]/.test(value))
    throw new UsageError(`${name} must be the lookup service's address, https://…/v1, not "${value}".`);
  return value;
}

/** `--<name>` as a whole number from 1 to `max`, `fallback` when not given. */
export function wholeOption(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new UsageError(`--${name} must be a whole number from 1 to ${max}, not "${value}".`);
  return n;
}
