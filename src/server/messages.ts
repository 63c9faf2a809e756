/**
 * Every message the v1 API sends people, in English and Chinese, keyed by its error code (contract B.6) and, where
 * a code has several causes, a detail: `invalid-query.repeated`; an unknown answer's by its reason:
 * `unknown.timeout`. `{name}` is filled from the message's values.
 */
import type { ErrorCode } from '../contract/index.js';

type Text = readonly [en: string, zh: string];

const MESSAGES = {
  'no-route': ['No such endpoint; see /v1/meta.', '没有该接口，请参阅 /v1/meta。'],
  'method-not-allowed': ['Only GET, HEAD and OPTIONS are supported.', '仅支持 GET、HEAD 和 OPTIONS 请求。'],
  'rate-limited': ['Too many requests; retry later.', '请求过于频繁，请稍后重试。'],
  internal: ['Internal error; retry later.', '服务器内部错误，请稍后重试。'],
  'internal.dataset': ['The bundled dataset is invalid: {error}', '内置数据集无效。'],
  'internal.settings': ['The worker is misconfigured: {error}', '服务配置有误。'],
  'invalid-query': ['Invalid request.', '请求无效。'],
  'invalid-query.repeated': ['Parameter "{name}" is repeated.', '参数“{name}”重复。'],
  'invalid-query.too-long': ['Parameter "{name}" is longer than {max} characters.', '参数“{name}”超过 {max} 个字符。'],
  'invalid-query.unit-alone': ['unit is asked alone, without number or domain.', 'unit 参数须单独使用。'],
  'invalid-query.icp': ['Give number, domain or unit.', '请提供 number、domain 或 unit 参数。'],
  'invalid-query.psb': ['Give code or domain.', '请提供 code 或 domain 参数。'],
  'invalid-query.verify': ['Give domain, and icp and/or psb.', '请提供 domain，以及 icp 和/或 psb 参数。'],
  'invalid-query.type': ['type must be one of {types}.', 'type 应为 {typesZh} 之一。'],
  'invalid-query.type-mismatch': ['{number} is an {type} number, not {asked}.', '{number} 的类型与 type 参数不符。'],
  'invalid-query.domain-web': ['domain applies to websites (type=web) only.', '仅网站（type=web）可按域名查询。'],
  'invalid-query.unit': ['A unit name has 2 to 100 characters.', '单位名称应为2至100个字符。'],
  'invalid-domain': ['"{raw}" is not a domain or URL.', '“{raw}”不是有效的域名或网址。'],
  'domain-not-fileable.ip': ['{host} cannot be filed: it is an IP address.', '{host} 无法备案：这是IP地址。'],
  'domain-not-fileable.private': [
    '{host} cannot be filed: it is not a public domain name.',
    '{host} 无法备案：这不是公网域名。',
  ],
  'domain-not-fileable.suffix': [
    '{host} cannot be filed: it is a public suffix, not a domain.',
    '{host} 无法备案：这是公共后缀而非域名。',
  ],
  'domain-not-fileable.tld': [
    '{host} cannot be filed: .{tld} is not a TLD that can be filed in China.',
    '{host} 无法备案：.{tld} 不是可在中国备案的顶级域。',
  ],
  'unsupported-number': ['{raw} is not a number the registries can be queried by.', '{raw} 不是可查询的备案号。'],
  'unsupported-number.legacy-psb': [
    '{raw} is a legacy 公安 number, which cannot be queried.',
    '{raw} 是旧版公安备案编号，无法查询。',
  ],
  'invalid-number': ['Not an ICP filing number.', '备案号格式不正确。'],
  'invalid-code': ['公安 numbers have 14 digits.', '公安备案号应为14位数字。'],
  // The `error` of an `unknown` answer (a 200, not an error code): keyed by its reason (contract B.5).
  'unknown.unconfirmed-empty': [
    'No record found, but the registry did not confirm it; retry later.',
    '未查到记录，但无法确认未备案，请稍后重试。',
  ],
  'unknown.upstream-blocked': [
    'The registry is blocking queries; retry later.',
    '备案查询系统暂时拒绝查询，请稍后重试。',
  ],
  'unknown.upstream-throttled': ['Registry is rate-limiting; retry later.', '查询频率受限，请稍后重试。'],
  'unknown.captcha-failed': ['The registry rejected the query; retry later.', '备案查询系统拒绝了查询，请稍后重试。'],
  'unknown.timeout': ['The registry did not answer in time; retry later.', '备案查询系统响应超时，请稍后重试。'],
  'unknown.upstream-error': ['The registry answered with an error; retry later.', '备案查询系统出错，请稍后重试。'],
  'unknown.no-provider': ['This server has no source for this kind of lookup.', '本服务没有可用于此类查询的数据源。'],
} as const satisfies Record<string, Text>;

export type MessageKey = keyof typeof MESSAGES;
type Values = Readonly<Record<string, string | number>>;

/** A message in both languages, its `{name}`s filled. */
export function words(key: MessageKey, values: Values = {}): { message: string; messageZh: string } {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? `{${name}}`));
  const [en, zh] = MESSAGES[key];
  return { message: fill(en), messageZh: fill(zh) };
}

/** The error code a message belongs to: its key before the detail. */
export function codeOf(key: MessageKey): ErrorCode {
  return key.split('.')[0] as ErrorCode;
}

/** A request the API cannot answer (a 400): what is wrong, in both languages. Thrown where found, caught once. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  readonly code: ErrorCode;
  readonly messageZh: string;

  constructor(key: MessageKey, values: Values = {}) {
    const { message, messageZh } = words(key, values);
    super(message);
    this.code = codeOf(key);
    this.messageZh = messageZh;
  }
}
