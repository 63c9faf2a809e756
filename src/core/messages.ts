/**
 * The words for diagnostics, in English and Chinese: what is wrong (`message`) and how to fix it (`fix`).
 * Kept apart from the parser so that code which only needs verdicts does not carry this text.
 */
import type { Diagnostic, RuleId } from './rules.js';

export type MessageLang = 'en' | 'zh';

type Text = readonly [en: string, zh: string];

// Keyed by rule, or `rule.detail` for a rule's other messages. {name} is replaced from the diagnostic's args.
const MESSAGES: Record<string, Text> = {
  unrecognized: ['"{shown}" is not a filing number.', '“{shown}”不是备案号。'],
  L02: ['{shown} links to a dead MIIT address.', '{shown} 链接到已停用的工信部旧地址。'],
  L01: ['{shown} is not linked to beian.miit.gov.cn.', '{shown} 未链接到 beian.miit.gov.cn。'],
  'L03.icp': ['{shown} is an ICP number linked to the 公安 platform.', '{shown} 是ICP备案号，却链接到公安备案平台。'],
  'L03.other': ['{shown} is linked to the 公安 platform.', '{shown} 被链接到公安备案平台。'],
  'L03.psb': ['{shown} is a 公安 number linked to the MIIT site.', '{shown} 是公安备案号，却链接到工信部网站。'],
  L04: [
    '{shown} is not linked to its record on beian.mps.gov.cn.',
    '{shown} 未链接到全国互联网安全管理平台的备案记录。',
  ],
  'L04.param': [
    '{shown}: the link uses "{param}=" instead of "code=".',
    '{shown}：链接参数应为“code=”，而非“{param}=”。',
  ],
  'L04.nocode': ['{shown}: the link does not carry the code.', '{shown}：链接缺少备案编号。'],
  'L04.malformed': [
    '{shown}: the link\'s code "{code}" is not 14 digits.',
    '{shown}：链接中的编号“{code}”不是14位数字。',
  ],
  'L04.legacy': [
    '{shown} links to the retired www.beian.gov.cn; use beian.mps.gov.cn.',
    '{shown} 链接到已停用的 www.beian.gov.cn，应改为 beian.mps.gov.cn。',
  ],
  'L04.legacy-nocode': [
    '{shown} links to the retired www.beian.gov.cn without a record code.',
    '{shown} 链接到已停用的 www.beian.gov.cn，且缺少备案编号。',
  ],
  L05: [
    "{shown}: the link's code {code} differs from the number shown.",
    '{shown}：链接中的编号 {code} 与显示的编号不一致。',
  ],
  L06: ['"{shown}" lacks the final 号.', '“{shown}”缺少结尾的“号”。'],
  L07: [
    'ICP备 serials have 8 or 10 digits; "{digits}" has {count}.',
    'ICP备案编号应为8或10位数字，“{digits}”为{count}位。',
  ],
  'L07.licence': [
    'ICP证 serials have 6 digits; "{digits}" has {count}.',
    'ICP证编号应为6位数字，“{digits}”为{count}位。',
  ],
  'L07.psb': [
    '公安 numbers have 14 digits; "{digits}" has {count}.',
    '公安备案号应为14位数字，“{digits}”为{count}位。',
  ],
  'L07.telecom': [
    'Telecom licence numbers have 8 digits; "{digits}" has {count}.',
    '增值电信许可证编号应为8位数字，“{digits}”为{count}位。',
  ],
  'L07.algorithm': [
    'Algorithm filings have 21 digits; "{digits}" has {count}.',
    '算法备案编号应为21位数字，“{digits}”为{count}位。',
  ],
  'L07.empty': ['The 公安 number has no digits.', '公安备案号缺少编号。'],
  'L07.digits': ['"{digits}" must be digits only.', '“{digits}”中只能有数字。'],
  'L07.category': [
    'Telecom licence categories are a letter A–D and a number (A2, B1, B25…); "{category}" is not one.',
    '增值电信业务类别应为字母A–D加数字（如A2、B1、B25），“{category}”不是。',
  ],
  L08: [
    'Prefix {prefix} does not match code {code} ({province}, {expected}).',
    '前缀“{prefix}”与编号前两位 {code}（{province}，{expected}）不符。',
  ],
  'L08.none': [
    'The code starts {code}, which is no province that issues filings.',
    '编号前两位 {code} 不是办理备案的省份代码。',
  ],
  'L08.missing': [
    "The 公安 number has no province character: code {code} is {province}'s, so it is written {expected}公网安备….",
    '公安备案号缺少省份简称：编号 {code} 属于{province}，应写作“{expected}公网安备…”。',
  ],
  'L08.placeholder': [
    'Prefix {prefix} is only seen in placeholders: 公安 numbers of {province} use {expected}.',
    '前缀“{prefix}”只见于占位示例，{province}的公安备案号使用“{expected}”。',
  ],
  L09: ['{prefix} is not a province abbreviation.', '“{prefix}”不是省份简称。'],
  'L09.missing': ['The number has no province prefix.', '编号缺少省份简称前缀。'],
  'L09.extended': [
    '{prefix} is an extended prefix; check it against the filing record.',
    '“{prefix}”是扩展前缀，请与备案记录核对。',
  ],
  'L09.old': [
    '{prefix} is the older prefix of {province}; new numbers use {expected}.',
    '“{prefix}”是{province}的旧前缀，新编号使用“{expected}”。',
  ],
  'L09.genai': [
    '{segment} is not a province-level name in pinyin (Beijing, Shanghai, Guangdong…); check the filing.',
    '“{segment}”不是省级行政区的拼音名称（如 Beijing、Shanghai、Guangdong），请核对备案号。',
  ],
  'L10.licence': ['"{shown}" is not in the form of a {label} number.', '“{shown}”不符合{label}编号的格式。'],
  'L13.licence': [
    'The label says {label}, but "{shown}" is a {kind} number.',
    '标注为{label}，但“{shown}”是{kind}编号。',
  ],
  'L09.placeholder': [
    '{prefix} appears only in placeholder numbers; {province} uses {expected}.',
    '“{prefix}”只见于占位编号，{province}应为“{expected}”。',
  ],
  L10: ['"{shown}" is malformed: the -N site number goes after 号.', '“{shown}”格式错误：网站序号“-N”应在“号”之后。'],
  'L10.shape': [
    '"{shown}" is malformed: an ICP number is the prefix, ICP备 (or ICP证), its digits and 号, then -N for a site.',
    '“{shown}”格式错误：ICP备案号由省份简称、“ICP备”（或“ICP证”）、数字和“号”组成，网站再加“-N”。',
  ],
  'L10.seq': [
    '"-{seq}" is not a valid site number (1–999, then A for apps or X for mini-programs).',
    '“-{seq}”不是有效的序号（1–999，App加A，小程序加X）。',
  ],
  L11: ['"{shown}" is a placeholder, not a real number.', '“{shown}”是占位符，不是真实编号。'],
  'L11.pending': ['"{shown}" is no number: the filing is shown as pending.', '“{shown}”不是编号：备案尚未完成。'],
  'L11.famous': [
    "{shown} is {owner}'s number, often copied into templates.",
    '{shown} 是{owner}的编号，常被模板照抄。',
  ],
  L12: ['No police icon next to the 公安 number.', '公安备案号旁没有公安备案图标。'],
  'L12.empty': ['The police icon has an empty src.', '公安备案图标的 src 为空。'],
  'L12.hotlink': [
    "The police icon hotlinks {src}, which breaks on the platform's next release.",
    '公安备案图标盗链 {src}，平台更新后会失效。',
  ],
  L13: ['"{shown}" is an ICP filing labelled as a licence (证).', '“{shown}”是ICP备案号，却标为许可证。'],
  'L13.hybrid': [
    '"{shown}" mixes an ICP证 label with a telecom licence.',
    '“{shown}”混用了“ICP证”与增值电信许可证编号。',
  ],
  L14: ['{shown}: its filing record does not cover {host}.', '{shown}：备案记录不包含 {host}。'],
  'L14.number': ['{shown}: {host} is filed under another number.', '{shown}：{host} 备案的是另一个编号。'],
  L15: ['{shown} is not on record: the lookup service found no filing.', '{shown} 查询不到备案记录。'],
  'L15.cancelled': [
    '{shown} has been cancelled (注销): it is no longer on record.',
    '{shown} 已被注销，不再有备案记录。',
  ],
  'L15.restricted': [
    '{shown} is on record but marked 限制接入 (access restricted).',
    '{shown} 有备案记录，但被标记为“限制接入”。',
  ],
  'L15.unknown': [
    '{shown} could not be verified now ({reason}); it is not a finding.',
    '{shown} 暂时无法核验（{reason}），这不算问题。',
  ],
  L16: ['{shown} is an App number, shown in a website footer.', '{shown} 是App备案号，却展示在网站页脚。'],
  'L16.miniapp': [
    '{shown} is a mini-program number, shown in a website footer.',
    '{shown} 是小程序备案号，却展示在网站页脚。',
  ],
  L17: [
    '{shown} is the subject number; most provinces expect the site number (…号-N).',
    '{shown} 是主体备案号，多数地区要求展示网站备案号（…号-N）。',
  ],
  L18: ['Serial {digits} implies the year {year}, which is implausible.', '编号 {digits} 中的年份 {year} 不合理。'],
  L19: ['"{shown}" is a legacy 12-digit 公安 number.', '“{shown}”是旧版12位公安备案号。'],
  'L19.legacy': ['"{shown}" is a pre-2016 public-security filing.', '“{shown}”是2016年前的旧版公安备案编号。'],
  L20: ['{shown} is hidden from view.', '{shown} 被隐藏，访客看不到。'],
  L22: [
    '<beian-badge> shows {shown} only through JavaScript: crawlers and checks that run no script see no number and no link.',
    '<beian-badge> 只通过 JavaScript 显示 {shown}：不运行脚本的爬虫和检查看不到编号和链接。',
  ],
  L23: ['{shown} is shown without a link to its record.', '{shown} 没有链接到其备案记录。'],
  L24: [
    '{shown} is a vanity registry number ({registry}), not a legal filing.',
    '{shown} 是{registry}的趣味编号，不是法定备案号。',
  ],
  L25: ['"{shown}" misspells {right} as {wrong}.', '“{shown}”把“{right}”误写为“{wrong}”。'],
  L26: ['The home page shows no filing number (neither ICP nor 公安).', '首页没有展示任何备案号（ICP或公安）。'],
  'L26.icp': ['The page shows no ICP number, which it must show.', '页面没有展示必需的ICP备案号。'],
  'L26.psb': ['The page shows no 公安 number, which it must show.', '页面没有展示必需的公安备案号。'],
  L21: [
    '"{shown}" has spaces or full-width characters inside; normalised to {normalized}.',
    '“{shown}”中含有空格或全角字符，规范写法为 {normalized}。',
  ],
};

const FIXES: Record<RuleId, Text> = {
  L01: ['Link the ICP number to https://beian.miit.gov.cn/.', '将ICP备案号链接到 https://beian.miit.gov.cn/ 。'],
  L02: [
    'Replace the dead link with the current address: https://beian.miit.gov.cn/ (licences may use https://tsm.miit.gov.cn/dxxzsp/).',
    '将失效链接替换为现行地址 https://beian.miit.gov.cn/ （许可证也可链接 https://tsm.miit.gov.cn/dxxzsp/ ）。',
  ],
  L03: [
    'Link ICP numbers to beian.miit.gov.cn and 公安 numbers to beian.mps.gov.cn.',
    'ICP备案号链接工信部网站，公安备案号链接全国互联网安全管理平台。',
  ],
  L04: [
    'Link the 公安 number to https://beian.mps.gov.cn/#/query/webSearch?code=<14 digits>.',
    '公安备案号应链接到 https://beian.mps.gov.cn/#/query/webSearch?code=<14位编号>。',
  ],
  L05: ['Use the displayed 14-digit code in the link.', '链接中的编号应与显示的公安备案号一致。'],
  L06: ['Add 号 at the end of the number.', '在编号末尾加上“号”。'],
  L07: [
    'Copy the number exactly as issued: ICP 8 or 10 digits, ICP证 6 digits, 公安 14 digits.',
    '请按备案系统中的编号填写：ICP备案8或10位，ICP证6位，公安备案14位。',
  ],
  L08: [
    'Use the abbreviation of the province the code belongs to (its first two digits).',
    '前缀应为编号前两位所对应省份的简称。',
  ],
  L09: [
    'Use the province abbreviation shown in the filing record (e.g. 京, 粤, 蜀).',
    '使用备案记录中的省份简称（如 京、粤、蜀）。',
  ],
  L10: [
    'Write it as issued, the site number after 号: e.g. 京ICP备2021012345号-1.',
    '请按备案系统中的写法填写，网站序号在“号”之后，例如 京ICP备2021012345号-1。',
  ],
  L11: [
    'Show your own number from the filing record, not a placeholder or another site’s.',
    '请展示本网站自己的备案号，而非占位符或他人的编号。',
  ],
  L12: [
    'Show the police icon from your own site next to the 公安 number.',
    '在公安备案号旁显示本站托管的公安备案图标。',
  ],
  L13: [
    'Use the label that matches the number (ICP备 for filings, ICP证 / B2 for licences).',
    '标签应与编号类型一致（备案用“ICP备”，许可证用“ICP证”或“B2”）。',
  ],
  L14: ['Show the number filed for this domain.', '请展示本域名对应的备案号。'],
  L15: ['File the site again or remove the number; it is not on record.', '该编号查询不到有效记录，请重新备案或更正。'],
  L16: [
    'Show the website filing (…号-N), not the App or mini-program number.',
    '网站应展示网站备案号（…号-N），而非App或小程序备案号。',
  ],
  L17: ['Show the site number (…号-N) filed for this domain.', '建议展示本网站的网站备案号（…号-N）。'],
  L18: ['Check the serial: its year part is implausible.', '请核对编号：其中的年份不合理。'],
  L19: [
    'Re-file on the national platform and show the 14-digit 公安 number.',
    '请在全国互联网安全管理平台备案，并展示14位公安备案号。',
  ],
  L20: ['Show the numbers visibly at the bottom centre of the home page.', '在首页底部居中位置显著展示备案号。'],
  L21: ['Write the number without spaces or full-width characters.', '编号中不应包含空格或全角字符。'],
  L22: [
    'Wrap the plain links in the badge (`beian snippet` prints them), so the numbers are in the HTML.',
    '在 beian-badge 内放入纯链接（beian snippet 可生成），让编号出现在 HTML 中。',
  ],
  L23: [
    'Link the 公安 number to https://beian.mps.gov.cn/#/query/webSearch?code=<14 digits>.',
    '公安备案号应链接到 https://beian.mps.gov.cn/#/query/webSearch?code=<14位编号>。',
  ],
  L24: [
    'Keep it if you like, after your real ICP number: it does not replace it.',
    '可以保留，但须放在真实的ICP备案号之后，不能代替它。',
  ],
  L25: [
    'Write the fixed words exactly: ICP备, ICP证, 公网安备, 网信算备.',
    '固定用语须准确：ICP备、ICP证、公网安备、网信算备。',
  ],
  L26: [
    'Show your ICP number (and your 公安 number) at the bottom of the home page.',
    '在首页底部展示本网站的ICP备案号（及公安备案号）。',
  ],
  unrecognized: [
    'Give a number such as 京ICP备2021012345号-1 or 京公网安备11010502030143号.',
    '请填写如 京ICP备2021012345号-1 或 京公网安备11010502030143号 的编号。',
  ],
};

/** Words a diagnostic: what is wrong and how to fix it. */
export function explain(d: Diagnostic, lang: MessageLang = 'en'): { message: string; fix: string } {
  const i = lang === 'zh' ? 1 : 0;
  const template = (MESSAGES[d.detail ? `${d.rule}.${d.detail}` : d.rule] ?? MESSAGES[d.rule] ?? [d.rule, d.rule])[i];
  return {
    message: template.replace(/\{(\w+)\}/g, (_, key: string) => String(d.args[key] ?? '')),
    fix: FIXES[d.rule][i],
  };
}
