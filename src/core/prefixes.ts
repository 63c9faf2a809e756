/** Reading prefix characters and names against the province table (for diagnostics and legacy forms). */
import { CODES, PROVINCES, type Province } from './provinces.js';

const NAMES =
  '北京 天津 河北 山西 内蒙古 辽宁 吉林 黑龙江 上海 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 广西 海南 重庆 四川 贵州 云南 西藏 陕西 甘肃 青海 宁夏 新疆'.split(
    ' ',
  );

/** The short name of a province, e.g. `北京`. */
export function provinceName(province: Province): string {
  return NAMES[CODES.indexOf(province.code)];
}

// Abbreviations seen only in placeholders or fakes, by province code: 湖北 楚, 云南 云, 陕西 秦.
const PLACEHOLDER: Readonly<Record<string, string>> = { 42: '楚', 53: '云', 61: '秦' };

/** True when `char` is the abbreviation only placeholders and fakes give this province. */
export function isPlaceholderPrefix(province: Province, char: string): boolean {
  return PLACEHOLDER[province.code] === char;
}

/** How an ICP prefix character relates to the province table. */
export type IcpPrefixStatus = 'preferred' | 'old' | 'placeholder' | 'unknown';

/** Reads an ICP (or licence) prefix character: which province, and whether it is the current form. */
export function icpPrefix(char: string): { province: Province | undefined; status: IcpPrefixStatus } {
  for (const p of PROVINCES) {
    if (p.icp === char) return { province: p, status: 'preferred' };
    if (p.icpOld.includes(char)) return { province: p, status: 'old' };
    if (isPlaceholderPrefix(p, char)) return { province: p, status: 'placeholder' };
  }
  return { province: undefined, status: 'unknown' };
}

/** The province a 公安 prefix character stands for (`川` and `蜀` both give 四川). */
export function provinceByPsbPrefix(char: string): Province | undefined {
  return char ? PROVINCES.find((p) => p.psb.includes(char)) : undefined;
}

/** The province whose short name starts `text` (`北京市公安局…` → 北京), for legacy 公安 forms. */
export function provinceByName(text: string): Province | undefined {
  return PROVINCES.find((p) => text.startsWith(provinceName(p)));
}
