/**
 * The fast path for numbers that are already canonical and valid, which is what a footer should hold. It answers
 * exactly what `parseFiling` answers for them, for the two kinds every site shows (ICP and 公安 numbers), or
 * `undefined` for anything else (other kinds, spacing, labels, a missing 号, an old prefix, a famous or placeholder
 * number, any error), which then needs the full parser. It exists so the badge's first
 * paint does not download the diagnosing parser; a property test holds the two to agreement.
 */
import { famousOwner, isPlaceholder } from './denylist.js';
import type { Filing, ParseOptions } from './parse.js';
import { provinceByCode, PROVINCES } from './provinces.js';

const CANONICAL = new RegExp(
  '^(?:(.)ICP(备)(\\d{8}|\\d{10})号(?:-([1-9]\\d{0,2})([AX]?))?' +
    '|(.)ICP(证)(\\d{6})号(?:-([1-9]\\d{0,2}))?' +
    '|(.)公网安备 ?(\\d{14}) ?号)$',
  'u',
);

export function quickParse(input: string, options: ParseOptions = {}): Filing | undefined {
  const m = CANONICAL.exec(input);
  if (!m) return undefined;
  const [, p1, , serial, seq1, letter = '', p2, , licence, seq2, p3, code] = m;
  const prefix = p1 ?? p2 ?? p3 ?? '';
  const province = p3 ? provinceByCode(code.slice(0, 2)) : PROVINCES.find((p) => p.icp === prefix);
  const digits = serial ?? licence ?? code;
  const now = (options.now ?? new Date()).getFullYear();
  const year = serial?.length === 10 ? +serial.slice(0, 4) : 2000 + +(serial ?? '00').slice(0, 2);
  const seq = seq1 ?? seq2;
  const mainLicence = p1 ? `${p1}ICP备${serial}号` : p2 ? `${p2}ICP证${licence}号` : null;
  if (
    isPlaceholder(digits) ||
    famousOwner(mainLicence ?? code ?? '') ||
    (prefix && !(p3 ? province?.psb.includes(prefix) : province)) ||
    (serial?.length === 10 ? year < 2019 || year > now : year > 2020)
  )
    return undefined;
  const normalized = p3 ? `${prefix}公网安备${code}号` : input;
  return {
    input,
    display: input,
    kind: p1 ? 'icp-filing' : p2 ? 'icp-licence' : 'psb',
    valid: true,
    normalized,
    province: province?.code ?? null,
    psbCode: code ?? null,
    site: seq ? +seq : null,
    suffixKind: letter === 'A' ? 'app' : letter === 'X' ? 'miniapp' : null,
    mainLicence,
    diagnostics: [],
  };
}
