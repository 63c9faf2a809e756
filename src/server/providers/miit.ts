/**
 * Reading the MIIT query's raw answers (contract E.1, E.3), shared by the `icp-engine` adapter and the `fixture`
 * provider that replays recorded ones: records, empties and every throttling or blocking signal.
 */
import type { IcpRecord } from '../../contract/index.js';
import type { Outcome } from './types.js';

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
  if (status === 403 || /当前访问疑似黑客攻击/.test(body)) return { outcome: 'unavailable', reason: 'upstream-blocked', raw: body.slice(0, 200) };
  if (status === 429) return { outcome: 'unavailable', reason: 'upstream-throttled', retryAfter: 300 };
  let json: { code?: number; msg?: string; success?: boolean; params?: { total?: number; list?: MiitItem[] } };
  try {
    json = JSON.parse(body);
  } catch {
    // An empty or non-JSON 200 is what an exhausted captcha endpoint answers.
    return { outcome: 'unavailable', reason: status >= 500 ? 'upstream-error' : 'upstream-blocked', raw: body.slice(0, 200) };
  }
  if (json === null || typeof json !== 'object') return { outcome: 'unavailable', reason: 'upstream-blocked', raw: json };
  if (json.code === 429) return { outcome: 'unavailable', reason: 'upstream-throttled', retryAfter: 300, raw: json };
  if (json.success === false && /验证码/.test(json.msg ?? '')) return { outcome: 'unavailable', reason: 'captcha-failed', raw: json };
  if (status !== 200 || json.code !== 200) return { outcome: 'unavailable', reason: 'upstream-error', raw: json };
  const list = json.params?.list ?? [];
  if (!Array.isArray(list)) return { outcome: 'unavailable', reason: 'upstream-error', raw: json };
  if (json.params?.total === 0 || list.length === 0) return { outcome: 'empty', fetchedAt: now, raw: json };
  return { outcome: 'found', records: list.map(miitRecord), fetchedAt: now };
}
