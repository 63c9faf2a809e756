/**
 * Placeholders and famous numbers copied into templates (L11). Source: `domain-data.json → denylist`.
 */

// Applied to the digit part of a number (after normalisation, so `x` is already `X`). Numbers end in a serial:
// six zeros there are a template's (`2024000000`, an ICP year with no serial), in every kind of number.
const PLACEHOLDER = /^0+$|[X*]{3,}|^12345678|^(\d)\1{5,}|0{6}$/u;

/** True when the digits of a number are a placeholder (`00000000`, `XXXX`, `12345678`, `666666…`). */
export function isPlaceholder(digits: string): boolean {
  return PLACEHOLDER.test(digits);
}

interface Owner {
  readonly name: string;
  /** The registrable domain the number belongs to, when known. */
  readonly domain: string | null;
}

// Canonical ICP numbers (subject form) and bare 14-digit 公安 codes.
const FAMOUS: Record<string, Owner> = {
  京ICP证030173号: { name: 'Baidu', domain: 'baidu.com' },
  '11000002000001': { name: 'Baidu', domain: 'baidu.com' },
  '11010502030143': { name: 'CSDN', domain: 'csdn.net' },
  京ICP备19004658号: { name: 'CSDN', domain: 'csdn.net' },
  京ICP备11018762号: { name: 'Tencent Cloud', domain: null },
};

/** The owner of a number that is famous for being copied: a subject ICP number or a 14-digit 公安 code. */
export function famousOwner(number: string): Owner | undefined {
  return Object.hasOwn(FAMOUS, number) ? FAMOUS[number] : undefined;
}
