/**
 * Parsing, validation and canonical form of one filing number (`domain-spec.md` §1, §2, §5). With its fast path for
 * canonical numbers (quick.ts) and the finder of numbers in text (find.ts), the only code in the package that knows
 * what a filing number looks like.
 */
import { famousOwner, isPlaceholder } from './denylist.js';
import { normalizeText, type NormalizedText } from './normalize.js';
import { LICENCES, licenceOfLabel, licenceOfShape, PINYIN_PROVINCES, type LicenceKind } from './licences.js';
import { icpPrefix, isPlaceholderPrefix, provinceByName, provinceByPsbPrefix, provinceName } from './prefixes.js';
import { provinceByCode, type Province } from './provinces.js';
import { diagnose, hasProblems, type Diagnostic, type RuleId, type Severity } from './rules.js';

export type FilingKind =
  'icp-filing' | 'icp-licence' | 'telecom-licence' | 'psb' | 'algorithm' | 'vanity' | LicenceKind | 'unknown';
export type SuffixKind = 'app' | 'miniapp';

/** The verdict on one filing number. Parsing never throws: bad input yields diagnostics. */
export interface Filing {
  /** The text as given. */
  readonly input: string;
  /** The number as it stands in the input, without a label or surrounding whitespace. */
  readonly display: string;
  readonly kind: FilingKind;
  /** No error- or warn-level diagnostic. */
  readonly valid: boolean;
  /** Canonical form when the number is valid or needs only normalisation (a missing 号, spacing); else null. */
  readonly normalized: string | null;
  /** GB/T 2260 province code, or null when it cannot be told. */
  readonly province: string | null;
  /** The 14-digit code of a 公安 number, else null. */
  readonly psbCode: string | null;
  /** The `-N` site sequence, else null. */
  readonly site: number | null;
  readonly suffixKind: SuffixKind | null;
  /** Subject (主体) number of an ICP filing or licence (the number without `-N`) when normalisable; else null. */
  readonly mainLicence: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

export interface ParseOptions {
  /** Reference date for the serial's year check (L18). Default: now. */
  readonly now?: Date;
  /**
   * Host the number is shown on. Famous numbers (Baidu's, CSDN's) copied into templates are errors on other
   * hosts; without a host they are only noted.
   */
  readonly host?: string;
  /** The text is known to be a 公安 number (a form field for one): bare digits are read as its code. */
  readonly psb?: boolean;
}

// Labels that precede numbers in footers (after normalisation and with whitespace removed): these, with or
// without a colon, and any other short label ending in one (domain-spec §7.1), unless it is the head of a number
// itself (`京ICP备:2021012345号`). `ICP证` only counts as a label before a colon or another character, so a bare
// `ICP证030173号` stays a number.
export const LABEL =
  /^(?:ICP备案号|ICP备案|ICP许可证号|ICP经营许可证|ICP证(?=:|\p{sc=Han})|工信部备案号|网站备案号|网站备案|公安备案号|公安备案|备案号|增值电信业务经营许可证|经营许可证|许可证号):?/u;
/** Any label (§7.1): up to 12 letters or characters, or `/`, then a colon. */
export const ANY_LABEL = /^[\p{sc=Han}A-Z/]{1,12}:/u;
/** The head of an ICP number or licence: its province (or the two-character 沪交, 云教), ICP, 备 or 证. */
export const ICP_HEAD = '(?:沪交|云教|\\p{sc=Han})?ICP[备证]';
const NUMBER_HEAD = new RegExp(
  `^(?:${ICP_HEAD}|\\p{sc=Han}?公网安备号?|网信算备|\\p{sc=Han}*(?:公网监备案证号?|分局备案编号|文保网安备案号)):$`,
  'u',
);
// The names of the other licences (§5), some longer than any other label: `医疗器械网络交易服务第三方平台备案：`.
export const LICENCE_LABEL = new RegExp(
  `^(?:${Object.values(LICENCES)
    .flatMap((l) => l.labels)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?:备案号|编号|证号|号)?:?`,
  'u',
);
const NUMBER_START = new RegExp(`^(?:${ICP_HEAD}|\\p{sc=Han}?公网安备|网信算备)`, 'u');
/** A label that names the 公安 system: digits after it are a 公安 code. */
export const PSB_LABEL = /公安|公网安/u;

/** The labels that begin a normalised text ('' when none): `备案号：ICP号：…` loses both. */
export function labelOf(text: string): string {
  let length = 0;
  for (let next = oneLabel(text); next; next = oneLabel(text.slice(length))) length += next.length;
  return text.slice(0, length);
}

function oneLabel(text: string): string {
  const label = LABEL.exec(text)?.[0] || LICENCE_LABEL.exec(text)?.[0] || ANY_LABEL.exec(text)?.[0] || '';
  // A label labels something: text that is nothing but one is shown as it is. What reads as a number's own head
  // (`京ICP备:`, `公网安备号:`) is that head, unless another number's head follows it (`公网安备号：京公网安备…`).
  if (label.length === text.length) return '';
  return NUMBER_HEAD.test(label) && !NUMBER_START.test(text.slice(label.length)) ? '' : label;
}

/**
 * Misspellings of a number's fixed words (L25), each the length of its correction, so offsets into the text stay
 * right when it is respelt: the number is read as meant, and the slip reported.
 */
const MISSPELT: Readonly<Record<string, string>> = {
  公安网备: '公网安备',
  公网案备: '公网安备',
  公網安備: '公网安备',
  公网安備: '公网安备',
  公網安备: '公网安备',
  ICP備: 'ICP备',
  ICP證: 'ICP证',
  網信算備: '网信算备',
  网信算備: '网信算备',
  號: '号',
};
// 號 only where a number's 号 stands, after its digits: a label's 备案號 is no number's word.
export const MISSPELLING = new RegExp(Object.keys(MISSPELT).join('|').replace('號', '(?<=[\\dX*])號'), 'gu');

/** A corrected slip: the word as written, its right spelling, and where it was in the text. */
export interface Slip {
  readonly wrong: string;
  readonly right: string;
  readonly at: number;
}

/** The text with its misspelt fixed words corrected, and what was corrected. */
export function respell(text: string): { text: string; slips: Slip[] } {
  const slips: Slip[] = [];
  const fixed = text.replace(MISSPELLING, (wrong: string, at: number) => {
    slips.push({ wrong, right: MISSPELT[wrong], at });
    return MISSPELT[wrong];
  });
  return { text: fixed, slips };
}

/** A number shown as pending (`备案中`, `申请中`, `京ICP备-号`): a placeholder (L11, §7.1). */
const PENDING =
  /^(?:((?:沪交|云教|\p{sc=Han})?ICP([备证]))|(\p{sc=Han}?公网安备))?(?::?\(?(?:备案中|申请中|申请ING)\)?|(?<=ICP备)案中|(?<=[备证])-号)$/u;
const PSB = /^(\p{sc=Han})?公网安备号?:?([0-9X*]*)(号)?$/u;
const PSB_LEGACY = /^(\p{sc=Han}*?)(?:公网监备案证号?|分局备案编号|文保网安备案号):?第?(\d+)号?$/u;
const ICP = /^(沪交|云教|\p{sc=Han})?ICP([备证])(.*)$/u;
// A colon after 备/证 (`京ICP备：2021012345号`) is a label's habit, like the 公安 form's, and drops out.
const ICP_REST = /^:?([0-9X*]+)(号)?(?:-(\d+)([A-Z]*))?$/u;
/** A `-N` site number: 1–999, never 0 or a leading 0. */
const SITE = /^[1-9]\d{0,2}$/;
// Categories may be joined (`A2.B1.B2-…`); `合字` marks a foreign-invested licensee (`合字B2-…`).
const TELECOM = /^(\p{sc=Han})?(合字)?([A-Z]\d{0,2}(?:\.[A-Z]\d{0,2})*)-([0-9X*]{4,})(?:-(\d{1,3}))?号?$/u;
/** Registries of fun numbers (萌ICP, 喵ICP) that themes show beside the real one (L24). */
const VANITY = /^([萌喵])ICP备:?(\d+)号?$/u;
const ALGORITHM = /^网信算备:?([0-9X*]*)(号)?$/u;
const LEGACY_PSB_PROVINCE: Record<string, string> = { 穗: '44' };

/** Parses one filing number as an author typed it, label and all. */
export function parseFiling(input: string, options: ParseOptions = {}): Filing {
  const n = normalizeText(input);
  const { text, slips } = respell(n.text);
  const label = labelOf(text);
  const body = text.slice(label.length);
  const first = n.tokens[n.tokenAt[label.length]];
  const display = first ? input.slice(first.start, n.tokens[n.tokens.length - 1].end) : '';
  const ctx = new Context(input, display, n, label.length, options);
  // A misspelt label (`公網安備：`) is only a label: the number's own words are what L25 is about.
  for (const { wrong, right, at } of slips) if (at >= label.length) ctx.add('L25', '', { wrong, right });
  const psbLabel = PSB_LABEL.test(label);
  let m: RegExpExecArray | null;
  if ((m = PENDING.exec(body)))
    return pending(ctx, m[3] || psbLabel ? 'psb' : m[2] === '证' ? 'icp-licence' : 'icp-filing');
  if ((m = PSB.exec(body))) return psb(ctx, m[1] ?? '', m[2], !!m[3]);
  if ((psbLabel || options.psb) && (m = /^([0-9X*]+)(号)?$/u.exec(body))) return psb(ctx, '', m[1], !!m[2]);
  if ((m = PSB_LEGACY.exec(body))) return psbLegacy(ctx, m[1]);
  if ((m = VANITY.exec(body))) return vanity(ctx, m[1], m[2]);
  if ((m = ICP.exec(body))) return icp(ctx, m[1] ?? '', m[2] === '证', m[3], /证/u.test(label));
  if ((m = TELECOM.exec(body))) return telecom(ctx, (m[1] ?? '') + (m[2] ?? ''), m[3], m[4], m[5]);
  if ((m = ALGORITHM.exec(body))) return algorithm(ctx, m[1], !!m[2]);
  const named = licenceOfLabel(label);
  const shaped = licenceOfShape(body);
  if (named || shaped) return licence(ctx, named, shaped, body);
  ctx.add('unrecognized');
  return ctx.result('unknown', null);
}

/** Collects what one parse finds; `result()` derives validity and the canonical form from it. */
class Context {
  readonly diagnostics: Diagnostic[] = [];
  province: Province | undefined;
  psbCode: string | null = null;
  site: number | null = null;
  suffixKind: SuffixKind | null = null;
  mainLicence: string | null = null;

  constructor(
    readonly input: string,
    readonly display: string,
    readonly n: NormalizedText,
    readonly offset: number,
    readonly options: ParseOptions,
  ) {}

  /** Records a diagnostic; every message may name the number as shown. */
  add(rule: RuleId, detail = '', args: Diagnostic['args'] = {}, severity?: Severity): void {
    this.diagnostics.push(diagnose(rule, detail, { shown: this.display, ...args }, severity));
  }

  /**
   * L21: whitespace or a full-width character inside the number. `allowSpaceAt` lists body indices where one
   * plain space is the old official 公安 snippet's style and is fine.
   */
  checkSpacing(allowSpaceAt: readonly number[] = []): void {
    const { tokens, tokenAt, text } = this.n;
    const first = tokenAt[this.offset];
    if (first === undefined) return;
    const allowed = new Set(allowSpaceAt.map((i) => tokenAt[this.offset + i]));
    const odd = tokens.slice(first).some((t, k) => {
      const i = first + k;
      if (t.ch === ':') return false;
      const spaced = k > 0 && t.space !== '' && tokens[i - 1].ch !== ':' && !(allowed.has(i) && t.space === ' ');
      return spaced || t.changed;
    });
    if (odd) this.add('L21', '', { normalized: text.slice(this.offset) });
  }

  famous(number: string): void {
    const owner = famousOwner(number);
    if (!owner) return;
    const host = this.options.host?.toLowerCase();
    if (host && owner.domain && (host === owner.domain || host.endsWith(`.${owner.domain}`))) return;
    this.add('L11', 'famous', { owner: owner.name }, host && owner.domain ? 'error' : 'info');
  }

  result(kind: FilingKind, canonical: string | null): Filing {
    // A missing 号 or a misspelt word is still normalisable: the canonical form always renders it right.
    const blocking = this.diagnostics.filter((d) => d.rule !== 'L06' && d.rule !== 'L25');
    const normalized = canonical !== null && !hasProblems(blocking) ? canonical : null;
    return {
      input: this.input,
      display: this.display,
      kind,
      valid: !hasProblems(this.diagnostics),
      normalized,
      province: this.province?.code ?? null,
      psbCode: this.psbCode,
      site: this.site,
      suffixKind: this.suffixKind,
      mainLicence: normalized === null ? null : this.mainLicence,
      diagnostics: this.diagnostics,
    };
  }
}

function missingHao(ctx: Context, hasHao: boolean): void {
  if (!hasHao) ctx.add('L06');
}

function psb(ctx: Context, prefix: string, digits: string, hasHao: boolean): Filing {
  const at = ctx.n.text.indexOf('公网安备', ctx.offset) - ctx.offset + 4;
  ctx.checkSpacing(prefix ? [at, at + digits.length] : []);
  const placeholder = isPlaceholder(digits);
  if (placeholder) ctx.add('L11');
  if (digits === '') {
    ctx.add('L07', 'empty');
    return ctx.result('psb', null);
  }
  // 12-digit Beijing numbers predate the national platform (2016): legacy, province from the prefix. Any other
  // length, 12 included, is simply wrong (domain-spec L19 vs L07).
  const legacy = digits.length === 12 && !placeholder && digits.startsWith('11');
  if (legacy) {
    ctx.province = provinceByPsbPrefix(prefix);
    ctx.add('L19');
  } else if (!placeholder && !/^\d+$/.test(digits)) {
    ctx.add('L07', 'digits', { digits });
  } else if (digits.length !== 14 && /^\d+$/.test(digits)) {
    ctx.add('L07', 'psb', { digits, count: digits.length });
  }
  if (/^\d+$/.test(digits) && (digits.length === 14 || legacy)) {
    const code = digits.slice(0, 2);
    const owner = provinceByCode(code);
    if (digits.length === 14 && !placeholder) {
      ctx.province = owner;
      ctx.psbCode = digits;
    }
    if (!owner) {
      // 71, 81, 82 (Taiwan, Hong Kong, Macao) and codes of no province: no filing is ever issued there.
      ctx.add('L08', 'none', { prefix, code });
    } else if (!prefix && !ctx.options.psb) {
      // Shown without its province character: an error, and the prefix is never invented (§7.1). A text known to
      // be a 公安 code (a lookup box) is the exception: there the code alone says which province.
      ctx.add('L08', 'missing', { code, province: provinceName(owner), expected: owner.psb[0] });
    } else if (prefix && !owner.psb.includes(prefix)) {
      const args = { prefix, code, province: provinceName(owner), expected: owner.psb[0] };
      if (isPlaceholderPrefix(owner, prefix)) ctx.add('L08', 'placeholder', args, 'warn');
      else ctx.add('L08', '', args);
    }
    if (digits.length === 14) ctx.famous(digits);
  }
  missingHao(ctx, hasHao);
  const shownPrefix = prefix || (ctx.options.psb ? ctx.province?.psb[0] : '') || '';
  return ctx.result('psb', ctx.psbCode && shownPrefix ? `${shownPrefix}公网安备${ctx.psbCode}号` : null);
}

function psbLegacy(ctx: Context, head: string): Filing {
  const code = LEGACY_PSB_PROVINCE[head[0]];
  ctx.province = code ? provinceByCode(code) : (provinceByName(head) ?? provinceByPsbPrefix(head[0]));
  ctx.add('L19', 'legacy');
  return ctx.result('psb', null);
}

function icp(ctx: Context, prefix: string, licence: boolean, rest: string, licenceLabel: boolean): Filing {
  const kind = licence ? 'icp-licence' : 'icp-filing';
  const hybrid = licence ? /^:?([A-Z]\d{0,2})-([0-9X*]{4,})(?:-(\d{1,3}))?号?$/u.exec(rest) : null;
  if (hybrid) {
    ctx.add('L13', 'hybrid');
    return telecom(ctx, prefix, hybrid[1], hybrid[2], hybrid[3]);
  }
  ctx.checkSpacing();
  if (licenceLabel && !licence) ctx.add('L13');
  checkPrefix(ctx, prefix);
  const type = licence ? '证' : '备';
  const m = ICP_REST.exec(rest);
  if (!m) {
    // Malformed: still report what can be read, so the author sees every problem at once.
    const site = /号-(\d{1,3})([AX])?(?!\d)/u.exec(rest);
    if (site) setSite(ctx, site[1], site[2] ?? '');
    const digits = /[0-9X*]+/u.exec(rest)?.[0] ?? '';
    if (isPlaceholder(digits)) ctx.add('L11');
    // The common slip is the site number before 号 (`2021012345-1号`); anything else is just not the shape.
    ctx.add('L10', /\d-\d+号/u.test(rest) ? '' : 'shape');
    missingHao(ctx, rest.includes('号'));
    return ctx.result(kind, null);
  }
  const [, main, hao, seq, letter] = m;
  if (isPlaceholder(main)) {
    ctx.add('L11');
  } else if (!/^\d+$/.test(main)) {
    ctx.add('L07', 'digits', { digits: main });
  } else if (licence ? main.length !== 6 : main.length !== 8 && main.length !== 10) {
    ctx.add('L07', licence ? 'licence' : '', { digits: main, count: main.length });
  } else if (!licence) {
    checkYear(ctx, main);
  }
  if (seq !== undefined) {
    const okSeq = SITE.test(seq) && (letter === '' || (!licence && /^[AX]$/.test(letter)));
    if (okSeq) setSite(ctx, seq, letter);
    else ctx.add('L10', 'seq', { seq: seq + letter });
  }
  missingHao(ctx, !!hao);
  const mainLicence = `${prefix}ICP${type}${main}号`;
  ctx.mainLicence = mainLicence;
  ctx.famous(mainLicence);
  return ctx.result(kind, mainLicence + (ctx.site ? `-${ctx.site}${letter}` : ''));
}

function setSite(ctx: Context, seq: string, letter: string): void {
  ctx.site = Number(seq);
  ctx.suffixKind = letter === 'A' ? 'app' : letter === 'X' ? 'miniapp' : null;
}

function checkPrefix(ctx: Context, prefix: string): void {
  if (!prefix) {
    ctx.add('L09', 'missing');
    return;
  }
  if (prefix === '沪交' || prefix === '云教') {
    // 沪交, 云教: extended prefixes seen on real footers, meaning unconfirmed.
    ctx.province = icpPrefix(prefix[0]).province;
    ctx.add('L09', 'extended', { prefix }, 'info');
    return;
  }
  const { province, status } = icpPrefix(prefix);
  if (status === 'preferred' || status === 'old') ctx.province = province;
  if (status === 'unknown') ctx.add('L09', '', { prefix });
  else if (status !== 'preferred') {
    ctx.add(
      'L09',
      status,
      { prefix, province: provinceName(province!), expected: province!.icp },
      status === 'old' ? 'info' : 'warn',
    );
  }
}

function checkYear(ctx: Context, main: string): void {
  const now = (ctx.options.now ?? new Date()).getFullYear();
  const year = main.length === 10 ? Number(main.slice(0, 4)) : 2000 + Number(main.slice(0, 2));
  const ok = main.length === 10 ? year >= 2019 && year <= now : year <= 2020;
  if (!ok) ctx.add('L18', '', { digits: main, year });
}

function telecom(ctx: Context, head: string, categories: string, num: string, sub: string | undefined): Filing {
  ctx.checkSpacing();
  // The province is optional on telecom licences (`B2-20090492`); when present it follows the ICP prefix rules.
  const prefix = head.replace('合字', '');
  if (prefix) checkPrefix(ctx, prefix);
  const category = categories.split('.').find((c) => !/^[A-D]\d{1,2}$/.test(c));
  if (category !== undefined) ctx.add('L07', 'category', { category });
  if (isPlaceholder(num)) ctx.add('L11');
  else if (!/^\d+$/.test(num)) ctx.add('L07', 'digits', { digits: num });
  else if (num.length !== 8) ctx.add('L07', 'telecom', { digits: num, count: num.length });
  if (sub !== undefined) {
    if (SITE.test(sub)) ctx.site = Number(sub);
    else ctx.add('L10', 'seq', { seq: sub });
  }
  return ctx.result('telecom-licence', `${head}${categories}-${num}${sub ? `-${sub}` : ''}`);
}

function algorithm(ctx: Context, digits: string, hasHao: boolean): Filing {
  ctx.checkSpacing();
  if (isPlaceholder(digits)) ctx.add('L11');
  else if (!/^\d+$/.test(digits)) ctx.add('L07', 'digits', { digits });
  else if (digits.length !== 21) ctx.add('L07', 'algorithm', { digits, count: digits.length });
  else ctx.province = provinceByCode(digits.slice(0, 2));
  missingHao(ctx, hasHao);
  return ctx.result('algorithm', `网信算备${digits}号`);
}

function pending(ctx: Context, kind: FilingKind): Filing {
  ctx.add('L11', 'pending');
  return ctx.result(kind, null);
}

/**
 * One of the other licences (§5): the kind its label names (a free-form kind has nothing more to check), else
 * the kind its shape shows. Brackets and widths vary in real footers and are normalised, not reported.
 */
function licence(
  ctx: Context,
  named: LicenceKind | undefined,
  shaped: [LicenceKind, string[]] | undefined,
  body: string,
): Filing {
  const info = named && LICENCES[named];
  const own = info?.shape?.exec(body);
  const [kind, groups] = own ? [named!, own.slice(1)] : (shaped ?? [named!, null]);
  const asWritten = ctx.display.normalize('NFKC').replace(/\s+/gu, '');
  if (named && info?.shape && !own) {
    if (!shaped) {
      ctx.add('L10', 'licence', { label: info.label['zh-CN'] });
      return ctx.result(named, null);
    }
    ctx.add('L13', 'licence', { label: info.label['zh-CN'], kind: LICENCES[shaped[0]].label['zh-CN'] });
  }
  // The province character, where the kind has one: the first group that is a single Chinese character.
  const prefix = groups?.find((g) => g !== undefined && /^\p{sc=Han}$/u.test(g));
  if (prefix) {
    ctx.province = icpPrefix(prefix).province;
    if (!ctx.province) ctx.add('L09', '', { prefix });
  }
  if (kind === 'genai' && groups && !PINYIN_PROVINCES.some((p) => p.toUpperCase() === groups[0])) {
    ctx.add('L09', 'genai', { segment: asWritten.split('-')[0] }, 'warn');
  }
  const { canonical, shape } = LICENCES[kind];
  // A free-form number has no canonical form: it is shown as written, without its spaces.
  return ctx.result(
    kind,
    canonical && groups ? canonical(groups) : shape ? asWritten : ctx.display.replace(/\s+/gu, ''),
  );
}

function vanity(ctx: Context, prefix: string, digits: string): Filing {
  ctx.checkSpacing();
  ctx.add('L24', '', { registry: `${prefix}ICP` });
  return ctx.result('vanity', `${prefix}ICP备${digits}号`);
}
