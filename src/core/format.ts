import type { Filing } from './parse.js';

/**
 * Formats a filing in canonical form; for numbers that cannot be normalised, the text as shown. `spaced` puts
 * one space after 公网安备, as the platform's own snippet did (presentation only; domain-spec §0).
 */
export function formatFiling(filing: Filing, options: { spaced?: boolean } = {}): string {
  if (filing.normalized === null) return filing.display;
  return options.spaced && filing.kind === 'psb'
    ? filing.normalized.replace('公网安备', '公网安备 ')
    : filing.normalized;
}
