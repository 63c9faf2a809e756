/**
 * The province table (GB/T 2260 two-digit codes) and which prefix characters each filing system uses.
 * Source and confidence notes: shared `domain-data.json → provinces`, `domain-spec.md` §3. Names and the reading
 * of prefix characters are in prefixes.ts, which only diagnostics need.
 */
export interface Province {
  /** GB/T 2260 two-digit code, e.g. `"11"`. */
  readonly code: string;
  /** ICP prefix in current use (`蜀` for 四川). */
  readonly icp: string;
  /** Older ICP prefixes still found on valid numbers (`川`, `贵`, `甘`). */
  readonly icpOld: string;
  /** Every abbreviation a 公安 number may carry for this province (preferred first). */
  readonly psb: string;
}

// One entry per province, in code order (kept as strings so the browser bundle stays small).
export const CODES =
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65'.split(' ');
const ICP = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝蜀黔滇藏陕陇青宁新';
// 四川, 贵州, 甘肃: the older ICP prefix is the one 公安 numbers prefer, and both stay valid for 公安.
const OLD: Record<string, string> = { 51: '川', 52: '贵', 62: '甘' };

/** The 31 mainland provinces that issue filings. Taiwan, Hong Kong and Macao issue none and are absent. */
export const PROVINCES: readonly Province[] = CODES.map((code, i) => {
  const old = OLD[code] ?? '';
  return { code, icp: ICP[i], icpOld: old, psb: old + ICP[i] };
});

/** The province with this GB/T 2260 code, if it issues filings. */
export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}
