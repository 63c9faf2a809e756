/**
 * The lint rules of `domain-spec.md` §7 and the diagnostics they produce. L14/L15 need a lookup and are
 * produced by the verification layer, not here.
 */
export type Severity = 'error' | 'warn' | 'info';

export type RuleId =
  | 'L01' | 'L02' | 'L03' | 'L04' | 'L05' | 'L06' | 'L07' | 'L08' | 'L09' | 'L10' | 'L11'
  | 'L12' | 'L13' | 'L14' | 'L15' | 'L16' | 'L17' | 'L18' | 'L19' | 'L20' | 'L21'
  /** Text that is not any filing number we know. */
  | 'unrecognized';

/** One finding about a number or a footer: what is wrong and how to fix it, in Chinese and English. */
export interface Diagnostic {
  readonly rule: RuleId;
  readonly severity: Severity;
  readonly message: string;
  readonly messageZh: string;
  readonly fix: string;
  readonly fixZh: string;
}

type Rule = readonly [severity: Severity, fix: string, fixZh: string];

const RULES: Record<RuleId, Rule> = {
  L01: ['error', 'Link the ICP number to https://beian.miit.gov.cn/.', '将ICP备案号链接到 https://beian.miit.gov.cn/ 。'],
  L02: ['error', 'Replace the dead link with https://beian.miit.gov.cn/.', '将失效链接替换为 https://beian.miit.gov.cn/ 。'],
  L03: ['error', 'Link ICP numbers to beian.miit.gov.cn and 公安 numbers to beian.mps.gov.cn.', 'ICP备案号链接工信部网站，公安备案号链接全国互联网安全管理平台。'],
  L04: ['error', 'Link the 公安 number to https://beian.mps.gov.cn/#/query/webSearch?code=<14 digits>.', '公安备案号应链接到 https://beian.mps.gov.cn/#/query/webSearch?code=<14位编号>。'],
  L05: ['error', 'Use the displayed 14-digit code in the link.', '链接中的编号应与显示的公安备案号一致。'],
  L06: ['warn', 'Add 号 at the end of the number.', '在编号末尾加上“号”。'],
  L07: ['error', 'Copy the number exactly as issued: ICP 8 or 10 digits, ICP证 6 digits, 公安 14 digits.', '请按备案系统中的编号填写：ICP备案8或10位，ICP证6位，公安备案14位。'],
  L08: ['error', 'Use the abbreviation of the province the code belongs to (its first two digits).', '前缀应为编号前两位所对应省份的简称。'],
  L09: ['error', 'Use the province abbreviation shown in the filing record (e.g. 京, 粤, 蜀).', '使用备案记录中的省份简称（如 京、粤、蜀）。'],
  L10: ['error', 'Write the site number after 号, e.g. 京ICP备2021012345号-1.', '网站序号应写在“号”之后，例如 京ICP备2021012345号-1。'],
  L11: ['error', 'Show your own number from the filing record, not a placeholder or another site’s.', '请展示本网站自己的备案号，而非占位符或他人的编号。'],
  L12: ['warn', 'Show the police icon from your own site next to the 公安 number.', '在公安备案号旁显示本站托管的公安备案图标。'],
  L13: ['info', 'Use the label that matches the number (ICP备 for filings, ICP证 / B2 for licences).', '标签应与编号类型一致（备案用“ICP备”，许可证用“ICP证”或“B2”）。'],
  L14: ['error', 'Show the number filed for this domain.', '请展示本域名对应的备案号。'],
  L15: ['error', 'File the site again or remove the number; it is not on record.', '该编号查询不到有效记录，请重新备案或更正。'],
  L16: ['warn', 'Show the website filing (…号-N), not the App or mini-program number.', '网站应展示网站备案号（…号-N），而非App或小程序备案号。'],
  L17: ['info', 'Show the site number (…号-N) filed for this domain.', '建议展示本网站的网站备案号（…号-N）。'],
  L18: ['warn', 'Check the serial: its year part is implausible.', '请核对编号：其中的年份不合理。'],
  L19: ['warn', 'Re-file on the national platform and show the 14-digit 公安 number.', '请在全国互联网安全管理平台备案，并展示14位公安备案号。'],
  L20: ['info', 'Show the numbers visibly at the bottom centre of the home page.', '在首页底部居中位置显著展示备案号。'],
  L21: ['info', 'Write the number without spaces or full-width characters.', '编号中不应包含空格或全角字符。'],
  unrecognized: ['error', 'Give a number such as 京ICP备2021012345号-1 or 京公网安备11010502030143号.', '请填写如 京ICP备2021012345号-1 或 京公网安备11010502030143号 的编号。'],
};

/** Builds the diagnostic for `rule`; `severity` overrides the rule's default for its documented variants. */
export function diagnose(rule: RuleId, message: string, messageZh: string, severity?: Severity): Diagnostic {
  const [defaultSeverity, fix, fixZh] = RULES[rule];
  return { rule, severity: severity ?? defaultSeverity, message, messageZh, fix, fixZh };
}

/** True when a list holds a finding that makes the number or footer non-compliant (error or warn). */
export function hasProblems(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity !== 'info');
}
