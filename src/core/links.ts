/**
 * Official link targets (`domain-spec.md` §4.3): built only from validated numbers, and recognised in pages.
 */
import type { Filing } from './parse.js';

export const MIIT_URL = 'https://beian.miit.gov.cn/';
export const MPS_URL = 'https://beian.mps.gov.cn/';
export const CAC_URL = 'https://beian.cac.gov.cn/#/index';
/** 电信业务市场综合管理信息系统, where telecom licences are published (§5.1). */
export const TSM_URL = 'https://tsm.miit.gov.cn/dxxzsp/';
export const REPORT_12377_URL = 'https://www.12377.cn/';
/** The official query pages: MIIT's ICP record search and the MPS website search (domain-spec §6). */
export const MIIT_QUERY_URL = 'https://beian.miit.gov.cn/#/Integrated/recordQuery';
export const MPS_QUERY_URL = 'https://beian.mps.gov.cn/#/query/webSearch';

/**
 * The official page for a filing. A 公安 number deep-links to its record only when it validates (links are never
 * built from unvalidated text); otherwise, like every ICP number, it gets its system's home page, which carries
 * nothing of the number. `app` selects the MPS app search. Null for text that is no filing number.
 */
export function officialLink(filing: Filing, options: { app?: boolean } = {}): string | null {
  switch (filing.kind) {
    case 'psb':
      return filing.normalized === null ? MPS_URL : mpsRecordUrl(filing.psbCode!, options);
    case 'algorithm':
      return CAC_URL;
    case 'icp-filing':
    case 'icp-licence':
      return MIIT_URL;
    case 'telecom-licence':
      return TSM_URL;
    default:
      // Vanity numbers, unknown text, and the licences that have no public query (§5.1).
      return null;
  }
}

/** The MPS record page of a validated 14-digit code (web or app search). */
export function mpsRecordUrl(code: string, options: { app?: boolean } = {}): string {
  return `${MPS_URL}#/query/${options.app ? 'app' : 'web'}Search?code=${code}`;
}

/** What a link in a page points at. */
export type LinkTarget = 'miit' | 'miit-licences' | 'miit-dead' | 'mps' | 'mps-legacy' | 'cac' | 'other' | 'none';

export interface LinkInfo {
  readonly target: LinkTarget;
  /** The record code the link carries (`code=` on MPS, `recordcode=` on the legacy host), as written. */
  readonly code: string | null;
  /** Names of the query parameters, to tell a misspelt `recordcode` from a missing one. */
  readonly params: readonly string[];
}

const DEAD_MIIT_HOSTS = [
  'www.miibeian.gov.cn',
  'miibeian.gov.cn',
  'www.miitbeian.gov.cn',
  'miitbeian.gov.cn',
  'www.beian.miit.gov.cn',
];
const DEAD_MIIT_PATH = '/publish/query/indexFirst.action';

/** Classifies an `href` as written in a page (null when the element has none). */
export function classifyLink(href: string | null): LinkInfo {
  const none: LinkInfo = { target: 'none', code: null, params: [] };
  const raw = href?.trim() ?? '';
  if (raw === '' || raw.startsWith('#')) return none;
  let url: URL;
  try {
    url = absolute(raw);
  } catch {
    return { ...none, target: 'other' };
  }
  if (url.protocol === 'javascript:') return none;
  const host = hostOf(url);
  if (DEAD_MIIT_HOSTS.includes(host) || url.pathname === DEAD_MIIT_PATH) return { ...none, target: 'miit-dead' };
  if (host === 'beian.miit.gov.cn') return { ...none, target: 'miit' };
  if (host === 'tsm.miit.gov.cn') return { ...none, target: 'miit-licences' };
  if (host === 'beian.cac.gov.cn') return { ...none, target: 'cac' };
  if (host === 'beian.mps.gov.cn') {
    // The record query lives in the hash route: #/query/webSearch?code=…
    const query = new URLSearchParams(url.hash.split('?')[1] ?? '');
    return { target: 'mps', code: query.get('code'), params: [...query.keys()] };
  }
  if (host === 'www.beian.gov.cn' || host === 'beian.gov.cn') {
    return { target: 'mps-legacy', code: url.searchParams.get('recordcode'), params: [...url.searchParams.keys()] };
  }
  return { ...none, target: 'other' };
}

/** The host name as DNS reads it: lower case, without the trailing dot of a fully qualified name (§7.1). */
function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/\.$/, '');
}

/** An absolute or protocol-relative (`//beian.miit.gov.cn/`, common in themes) URL; throws for anything else. */
function absolute(href: string): URL {
  return new URL(href.startsWith('//') ? `https:${href}` : href);
}

// URL lower-cases the host names of http(s) URLs; a fully qualified name's trailing dot is the same host (§7.1).
const HOTLINKED_ICON_HOSTS = /^(beian\.mps|www\.beian)\.gov\.cn\.?$/;

/** True for image URLs that hotlink the MPS platform's hashed build assets (they break on every redeploy). */
export function isHotlinkedIcon(src: string): boolean {
  try {
    return HOTLINKED_ICON_HOSTS.test(absolute(src).hostname);
  } catch {
    return false;
  }
}
