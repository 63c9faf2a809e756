/**
 * `beian lint --lookup`: the page's numbers checked against a v1 lookup service (`/v1/verify`, contract B.5) for
 * the page's host, and the answers turned into L14/L15 (domain-spec §7). A lookup that cannot tell is `info`,
 * never an error: a throttled registry must not fail a site's build.
 */
// The client is browser code (it may keep answers in localStorage, which the CLI turns off): its types need the DOM's.
/// <reference lib="dom" />
import { LookupClient, type Reader } from '../client/index.js';
import { VerifyAnswer } from '../contract/client.js';
import { IcpRecord } from '../contract/records.js';
import type { Kind } from '../contract/values.js';
import { diagnose, type Diagnostic } from '../core/rules.js';
import type { FooterFinding, FooterItem } from '../core/index.js';

/** A verify answer, plus the ICP record's 限制接入 flag, which the badge's lean schema does not read. */
type Verified = VerifyAnswer & { limitAccess?: boolean };

const ICP_KINDS = new Set(['icp-filing', 'icp-licence']);

// Lenient like the badge (contract B.1); the record's flag is read with the contract's own record schema.
const readVerified: Reader<Verified> = (json) => {
  const answer = VerifyAnswer.safeParse(json);
  if (!answer.success) return answer;
  const record = IcpRecord.safeParse((json as { icp?: { record?: unknown } }).icp?.record);
  return { success: true, data: { ...answer.data, limitAccess: record.success && record.data.limitAccess === true } };
};

/** A client for the CLI: no storage (each run asks afresh), the command's time limit. */
export function lookupClient(endpoint: string, timeoutMs: number): LookupClient {
  return new LookupClient({ endpoint, storage: null, timeoutMs });
}

/**
 * The lookup findings of a page's numbers, by item. Numbers that normalise (none with an error does) are asked,
 * an ICP and a 公安 number per request (a footer has one of each, so one request per page), each distinct number
 * once.
 */
export async function lookupFindings(
  items: readonly FooterItem[],
  host: string,
  client: LookupClient,
): Promise<Map<FooterItem, FooterFinding[]>> {
  const icps = askable(items, (kind) => ICP_KINDS.has(kind));
  const psbs = askable(items, (kind) => kind === 'psb');
  const verdicts = new Map<string, Diagnostic | null>();
  const asks = Array.from({ length: Math.max(icps.length, psbs.length) }, async (_, k) => {
    const [icp, psb] = [icps[k], psbs[k]];
    const answer = await client.ask('verify', { domain: host, icp, psb }, readVerified);
    if (icp) verdicts.set(icp, lookupVerdict('icp', answer, icp, host));
    if (psb) verdicts.set(psb, lookupVerdict('psb', answer, psb, host));
  });
  await Promise.all(asks);
  const found = new Map<FooterItem, FooterFinding[]>();
  for (const item of items) {
    const verdict = verdicts.get(item.filing.normalized ?? '');
    if (verdict)
      found.set(item, [
        {
          ...verdict,
          args: { ...verdict.args, shown: item.filing.display },
          line: item.line,
          text: item.filing.display,
        },
      ]);
  }
  return found;
}

/** The distinct numbers of the kinds asked for that normalise (a number with an error never does). */
function askable(items: readonly FooterItem[], asked: (kind: string) => boolean): string[] {
  return [...new Set(items.flatMap(({ filing: f }) => (asked(f.kind) && f.normalized !== null ? [f.normalized] : [])))];
}

/**
 * What one number's part of a verify answer means for the page: nothing when it is on record for the host,
 * else L14 (on record, but not for this host) or L15 (not on record, cancelled, access restricted, or could not
 * tell: `info`). With no part (the whole answer failed, or the service refused the query), the answer's own
 * status and reason decide.
 */
export function lookupVerdict(kind: Kind, answer: Verified, shown: string, host: string): Diagnostic | null {
  const { status, reason } = answer[kind] ?? answer;
  switch (status) {
    case 'valid':
      return kind === 'icp' && answer.limitAccess ? diagnose('L15', 'restricted', { shown }) : null;
    case 'mismatch':
      return diagnose('L14', reason === 'number-mismatch' ? 'number' : '', { shown, host });
    case 'not-found':
      return diagnose('L15', '', { shown });
    case 'cancelled':
      return diagnose('L15', 'cancelled', { shown });
    default:
      return diagnose('L15', 'unknown', { shown, reason: reason ?? status }, 'info');
  }
}
