/**
 * The province table (GB/T 2260 two-digit codes) and which prefix characters each filing system uses.
 * Source and confidence notes: shared `domain-data.json → provinces`, `domain-spec.md` §3.
 */
export interface Province {
  /** GB/T 2260 two-digit code, e.g. `"11"`. */
  readonly code: string;
  /** Short name, e.g. `"北京"`. */
  readonly name: string;
  /** ICP prefix in current use (`蜀` for 四川). */
  readonly icp: string;
  /** Older ICP prefixes still found on valid numbers (`川`, `贵`, `甘`). */
  readonly icpOld: string;
  /** Every abbreviation a 公安 number may carry for this province (preferred first). */
  readonly psb: string;
  /** Abbreviations seen only in placeholders or fakes (`云`, `秦`, `楚`). */
  readonly placeholder: string;
}

// code name icp icpOld psb placeholder. Kept as one string so the browser bundle stays small.
const TABLE = `11 北京 京 - 京 -|12 天津 津 - 津 -|13 河北 冀 - 冀 -|14 山西 晋 - 晋 -|15 内蒙古 蒙 - 蒙 -|21 辽宁 辽 - 辽 -
|22 吉林 吉 - 吉 -|23 黑龙江 黑 - 黑 -|31 上海 沪 - 沪 -|32 江苏 苏 - 苏 -|33 浙江 浙 - 浙 -|34 安徽 皖 - 皖 -
|35 福建 闽 - 闽 -|36 江西 赣 - 赣 -|37 山东 鲁 - 鲁 -|41 河南 豫 - 豫 -|42 湖北 鄂 - 鄂 楚|43 湖南 湘 - 湘 -
|44 广东 粤 - 粤 -|45 广西 桂 - 桂 -|46 海南 琼 - 琼 -|50 重庆 渝 - 渝 -|51 四川 蜀 川 川蜀 -|52 贵州 黔 贵 贵黔 -
|53 云南 滇 - 滇 云|54 西藏 藏 - 藏 -|61 陕西 陕 - 陕 秦|62 甘肃 陇 甘 甘陇 -|63 青海 青 - 青 -|64 宁夏 宁 - 宁 -
|65 新疆 新 - 新 -`;

/** The 31 mainland provinces that issue filings. Taiwan, Hong Kong and Macao issue none and are absent. */
export const PROVINCES: readonly Province[] = TABLE.split('|').map((row) => {
  const [code, name, icp, icpOld, psb, placeholder] = row.trim().split(' ').map((f) => (f === '-' ? '' : f));
  return { code, name, icp, icpOld, psb, placeholder } as Province;
});

/** The province with this GB/T 2260 code, if it issues filings. */
export function provinceByCode(code: string): Province | undefined {
  return PROVINCES.find((p) => p.code === code);
}

/** How an ICP prefix character relates to the province table. */
export type IcpPrefixStatus = 'preferred' | 'old' | 'placeholder' | 'unknown';

/** Reads an ICP (or licence) prefix character: which province, and whether it is the current form. */
export function icpPrefix(char: string): { province: Province | undefined; status: IcpPrefixStatus } {
  for (const p of PROVINCES) {
    if (p.icp === char) return { province: p, status: 'preferred' };
    if (p.icpOld.includes(char)) return { province: p, status: 'old' };
    if (p.placeholder.includes(char)) return { province: p, status: 'placeholder' };
  }
  return { province: undefined, status: 'unknown' };
}

/** The province a 公安 prefix character stands for (`川` and `蜀` both give 四川). */
export function provinceByPsbPrefix(char: string): Province | undefined {
  return char ? PROVINCES.find((p) => p.psb.includes(char)) : undefined;
}

/** The province whose short name starts `text` (`北京市公安局…` → 北京), for legacy 公安 forms. */
export function provinceByName(text: string): Province | undefined {
  return PROVINCES.find((p) => text.startsWith(p.name));
}
