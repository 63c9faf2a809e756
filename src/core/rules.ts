/**
 * The lint rules of `domain-spec.md` §7 and the diagnostics they produce. L14/L15 need a lookup: no parse or
 * lint produces them; the badge's verification marks show those findings, and their fixes are worded here. Diagnostics carry no prose: `explain()` (messages.ts) words them, so the
 * browser's first paint does not download two languages of text it shows only when something is wrong.
 */
export type Severity = 'error' | 'warn' | 'info';

export type RuleId =
  | 'L01'
  | 'L02'
  | 'L03'
  | 'L04'
  | 'L05'
  | 'L06'
  | 'L07'
  | 'L08'
  | 'L09'
  | 'L10'
  | 'L11'
  | 'L12'
  | 'L13'
  | 'L14'
  | 'L15'
  | 'L16'
  | 'L17'
  | 'L18'
  | 'L19'
  | 'L20'
  | 'L21'
  | 'L22'
  | 'L23'
  | 'L24'
  | 'L25'
  | 'L26'
  /** Text that is not any filing number we know. */
  | 'unrecognized';

/** One finding about a number or a footer. */
export interface Diagnostic {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** Which message of the rule applies (`''` for the rule's main one); see messages.ts. */
  readonly detail: string;
  /** The values the message names: the number as shown, digit counts, prefixes… */
  readonly args: Readonly<Record<string, string | number>>;
}

// Default severity per rule; some rules have documented variants (L04 warn, L09 warn/info, L11 info, L15 info
// when the lookup could not tell).
const E = 'error',
  W = 'warn',
  I = 'info';
const SEVERITY: Record<RuleId, Severity> = {
  L01: E,
  L02: E,
  L03: E,
  L04: E,
  L05: E,
  L06: W,
  L07: E,
  L08: E,
  L09: E,
  L10: E,
  L11: E,
  L12: W,
  L13: I,
  L14: E,
  L15: E,
  L16: W,
  L17: I,
  L18: W,
  L19: W,
  L20: I,
  L21: I,
  L22: W,
  L23: W,
  L24: I,
  L25: W,
  L26: E,
  unrecognized: E,
};

export function diagnose(
  rule: RuleId,
  detail = '',
  args: Diagnostic['args'] = {},
  severity = SEVERITY[rule],
): Diagnostic {
  return { rule, severity, detail, args };
}

/** True when a list holds a finding that makes the number or footer non-compliant (error or warn). */
export function hasProblems(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity !== 'info');
}
