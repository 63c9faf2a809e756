/**
 * Where `beian watch` says what changed: a generic JSON webhook, or the group robots of DingTalk (钉钉), Feishu
 * (飞书) and WeCom (企业微信), each in its own message format. A robot answers 200 even when it refuses a message,
 * so its own error code decides whether the alert was taken.
 */
import { createHmac } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { Change, Value } from './state.js';

export const FORMATS = ['json', 'dingtalk', 'feishu', 'wecom'] as const;
export type Format = (typeof FORMATS)[number];

export interface Webhook {
  readonly format: Format;
  readonly url: string;
  /** DingTalk's and Feishu's signing secret (加签), given after the URL as `#secret`. */
  readonly secret?: string;
}

/** A site's changes, as one alert. */
export interface Alert {
  readonly domain: string;
  readonly at: string;
  readonly numbers: { readonly icp?: string; readonly psb?: string };
  readonly changes: readonly Change[];
}

/** The robots' hosts: a URL on one of them is in its format unless another is named. */
const ROBOT_HOSTS: Record<string, Format> = {
  'oapi.dingtalk.com': 'dingtalk',
  'open.feishu.cn': 'feishu',
  'open.larksuite.com': 'feishu',
  'qyapi.weixin.qq.com': 'wecom',
};

/** `[format=]url[#secret]` as given to --webhook; plain http only to this machine. */
export function readWebhook(spec: string): Webhook {
  const named = /^([a-z]+)=(.*)$/.exec(spec);
  const [format, rest] =
    named && (FORMATS as readonly string[]).includes(named[1]) ? [named[1] as Format, named[2]] : [undefined, spec];
  if (named && !format)
    throw new UsageError(
      `--webhook ${spec}: "${named[1]}" is no format; give json, dingtalk, feishu or wecom (or none, to tell it from the host).`,
    );
  const [address, secret] = rest.split('#', 2);
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new UsageError(`--webhook "${spec}" is not a URL; give [json|dingtalk|feishu|wecom=]https://…`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
    throw new UsageError(`--webhook ${url.origin}: alerts go over https (plain http only to this machine)`);
  }
  return { format: format ?? ROBOT_HOSTS[url.hostname] ?? 'json', url: url.href, ...(secret ? { secret } : {}) };
}

/** How a webhook is named in the history: its format and host, never its token. */
export function hookName(hook: Webhook): string {
  return `${hook.format} ${new URL(hook.url).host}`;
}

/** The hook as stored with each alert, to be sent again after a restart. */
export function hookKey(hook: Webhook): string {
  return JSON.stringify(hook);
}

export function hookOfKey(key: string): Webhook {
  return JSON.parse(key) as Webhook;
}

/** Posts an alert; resolves when the hook took it, else throws with why. */
export async function deliver(hook: Webhook, alert: Alert, timeoutMs = 10_000): Promise<void> {
  const url = signedUrl(hook);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body(hook, alert)),
    signal: AbortSignal.timeout(timeoutMs),
    redirect: 'error',
  });
  const text = (await res.text()).slice(0, 2000);
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  const refusal = robotRefusal(hook.format, text);
  if (refusal) throw new Error(refusal);
}

interface RobotAnswer {
  errcode?: number;
  errmsg?: string;
  code?: number;
  msg?: string;
  StatusCode?: number;
}

/** A robot's own error in a 200 answer: DingTalk and WeCom `errcode`, Feishu `code` (older bots: `StatusCode`). */
function robotRefusal(format: Format, text: string): string | null {
  if (format === 'json') return null;
  let answer: RobotAnswer | null;
  try {
    answer = JSON.parse(text) as RobotAnswer | null;
  } catch {
    return `the ${format} robot's answer is not JSON: ${text.slice(0, 200)}`;
  }
  const code = answer?.errcode ?? answer?.code ?? answer?.StatusCode;
  return code === 0
    ? null
    : `the ${format} robot refused it: ${code ?? '?'} ${answer?.errmsg ?? answer?.msg ?? ''}`.trim();
}

/** DingTalk's 加签: the URL carries a timestamp and its HMAC-SHA256 under the secret. */
function signedUrl(hook: Webhook): string {
  if (hook.format !== 'dingtalk' || !hook.secret) return hook.url;
  const timestamp = Date.now();
  const sign = createHmac('sha256', hook.secret).update(`${timestamp}\n${hook.secret}`).digest('base64');
  const url = new URL(hook.url);
  url.searchParams.set('timestamp', String(timestamp));
  url.searchParams.set('sign', sign);
  return url.href;
}

function body(hook: Webhook, alert: Alert): object {
  switch (hook.format) {
    case 'json':
      return { event: 'beian.changed', ...alert };
    // Text, not markdown: a holder's name is someone else's text, and must not become a link in the group.
    case 'dingtalk':
    case 'wecom':
      return { msgtype: 'text', text: { content: message(alert) } };
    case 'feishu':
      return { ...feishuSignature(hook.secret), msg_type: 'text', content: { text: message(alert) } };
  }
}

/** Feishu's 签名校验: the body carries a timestamp (seconds) and the HMAC-SHA256 of nothing, keyed by it and the secret. */
function feishuSignature(secret: string | undefined): object {
  if (!secret) return {};
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    timestamp: String(timestamp),
    sign: createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64'),
  };
}

// The robots' messages are in Chinese: the group they go to reads it; "备案" is in every title, the keyword a
// robot's 自定义关键词 security setting is most likely set to.
const FIELD_NAMES: Record<Change['field'], string> = {
  'icp.status': 'ICP备案状态',
  'icp.number': 'ICP备案号',
  'icp.holder': 'ICP备案主体',
  'icp.siteName': 'ICP备案网站名称',
  'icp.limitAccess': '限制接入',
  'psb.status': '公安备案状态',
  'psb.number': '公安备案号',
  'psb.holder': '公安备案主体',
  'psb.siteName': '公安备案网站名称',
  'psb.limitAccess': '公安限制接入',
  'footer.icp': '首页底部显示ICP备案号',
  'footer.psb': '首页底部显示公安备案号',
};

const STATUS_NAMES: Record<string, string> = {
  valid: '正常',
  'not-found': '未查到',
  mismatch: '与域名不符',
  cancelled: '已注销',
  missing: '记录消失',
  unknown: '无法确认',
  error: '错误',
};

function said(field: Change['field'], value: Value): string {
  if (value === null) return '（无）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  return field.endsWith('.status') ? `${STATUS_NAMES[value] ?? value}（${value}）` : value;
}

function changeLine(c: Change): string {
  return `${FIELD_NAMES[c.field]}：${said(c.field, c.before)} → ${said(c.field, c.after)}`;
}

/** `备案变更：example.cn`, a line per change, the numbers the site shows, and when it was checked. */
export function message(alert: Alert): string {
  const numbers = [alert.numbers.icp, alert.numbers.psb].filter(Boolean).join(' · ');
  return [`备案变更：${alert.domain}`, ...alert.changes.map(changeLine), numbers, `检查时间：${alert.at}`]
    .filter(Boolean)
    .join('\n');
}
