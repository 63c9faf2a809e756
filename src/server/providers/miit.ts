/**
 * Reading the MIIT query's raw answers (contract E.1, E.3), shared by the `icp-engine` adapter and the `fixture`
 * provider that replays recorded ones: records, empties and every throttling or blocking signal.
 */
import type { IcpRecord } from '../../contract/index.js';
import { unreadable, upstreamWords } from './http.js';
import { unavailable, type Outcome } from './types.js';

interface MiitItem {
  unitName?: string;
  natureName?: string;
  mainLicence?: string;
  serviceLicence?: string;
  domain?: string;
  serviceName?: string;
  updateRecordTime?: string;
  limitAccess?: string;
}

/** `YYYY-MM-DD HH:mm:ss` in Beijing time to RFC 3339. */
function beijingTime(value: string | undefined): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})$/.exec(value ?? '');
  return m ? `${m[1]}T${m[2]}+08:00` : null;
}

function miitRecord(item: MiitItem): IcpRecord {
  return {
    unitName: item.unitName || null,
    natureName: item.natureName || null,
    mainLicence: item.mainLicence || null,
    serviceLicence: item.serviceLicence || null,
    domain: item.domain ? item.domain.toLowerCase() : null,
    siteName: item.serviceName || null,
    limitAccess: item.limitAccess === '是' ? true : item.limitAccess === '否' ? false : null,
    approvedAt: beijingTime(item.updateRecordTime),
  };
}

/** Classifies one HTTP answer of the MIIT query (or an engine relaying it). */
export function classifyMiit(status: number, body: string, now: Date): Outcome {
  const waf = /当前访问疑似黑客攻击/.test(body);
  if (status === 403 || waf) {
    return unavailable(
      'upstream-blocked',
      status === 200 ? 'answer' : 'status',
      `HTTP ${status}${waf ? ', WAF block page' : ''}`,
      { raw: body.slice(0, 200) },
    );
  }
  if (status === 429) return unavailable('upstream-throttled', 'status', 'HTTP 429', { retryAfter: 300 });
  let json: { code?: number; msg?: string; success?: boolean; params?: { total?: number; list?: MiitItem[] } };
  try {
    json = JSON.parse(body);
  } catch {
    // An empty or non-JSON 200 is what an exhausted captcha endpoint answers.
    if (status >= 500) return unavailable('upstream-error', 'status', `HTTP ${status}`, { raw: body.slice(0, 200) });
    return unavailable('upstream-blocked', 'invalid', `${unreadable(body)} (HTTP ${status})`, {
      raw: body.slice(0, 200),
    });
  }
  if (json === null || typeof json !== 'object')
    return unavailable('upstream-blocked', 'invalid', 'JSON, not an object', { raw: json });
  const said = { raw: json, message: upstreamWords(json.msg) };
  if (json.code === 429) return unavailable('upstream-throttled', 'answer', 'code 429', { ...said, retryAfter: 300 });
  if (json.success === false && /验证码/.test(json.msg ?? ''))
    return unavailable('captcha-failed', 'answer', `code ${json.code}, captcha rejected`, said);
  if (status !== 200) return unavailable('upstream-error', 'status', `HTTP ${status}`, said);
  if (json.code !== 200)
    return unavailable('upstream-error', 'answer', json.code === undefined ? 'no code' : `code ${json.code}`, said);
  const list = json.params?.list ?? [];
  if (!Array.isArray(list)) return unavailable('upstream-error', 'invalid', 'params.list is not a list', said);
  if (json.params?.total === 0 || list.length === 0) return { outcome: 'empty', fetchedAt: now, raw: json };
  return { outcome: 'found', records: list.map(miitRecord), fetchedAt: now };
}
