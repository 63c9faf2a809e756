/**
 * One search of `<beian-query>`, loaded on first use (focus or submit): reading what was typed (core), saying why it
 * cannot be searched (core's messages), and asking the lookup service (client and contract schemas).
 */
import { clientFor, type LookupClient } from '../../client/index.js';
import { icp, meta, psb } from '../../client/records.js';
import type { IcpQuery } from '../../contract/queries.js';
import type { Capabilities, IcpAnswer, PsbAnswer } from '../../contract/record-answers.js';
import { MIIT_URL, MPS_URL, officialLink } from '../../core/links.js';
import { explain } from '../../core/messages.js';
import { readLookupInput } from '../../core/query.js';
import type { Kind } from '../../contract/values.js';

export interface SearchRequest {
  /** The element's own transport, if it has one; else the page's shared client for `endpoint`. */
  client?: LookupClient;
  endpoint: string;
  value: string;
  /** Where a domain is searched; numbers choose for themselves. */
  mode: Kind;
  type: NonNullable<IcpQuery['type']>;
}

/** The records a search found, by which records it looked in. */
export type Found = { kind: 'icp'; answer: IcpAnswer } | { kind: 'psb'; answer: PsbAnswer };

export type SearchResult =
  | { problem: 'empty' | 'unrecognized' | 'psb-by-unit' }
  /** What is wrong with the number typed, worded when shown, so it follows a language switch. */
  | { problem: 'diagnostic'; message: (lang: 'zh' | 'en') => string }
  | (Found & {
      problem?: undefined;
      by: string;
      value: string;
      type: SearchRequest['type'];
      /** Where to check on the official site: core's link for a number typed, else the system's home page. */
      official: string;
    });

/**
 * What the service can search (contract D: the form hides what `/v1/meta` lacks), asked through the same client as
 * the searches, which asks once and keeps the answer. When the service cannot say, null: the form offers everything.
 */
export function capabilities(r: Pick<SearchRequest, 'client' | 'endpoint'>): Promise<Capabilities | null> {
  return meta(r.client ?? clientFor(r.endpoint));
}

export async function search(r: SearchRequest, signal: AbortSignal): Promise<SearchResult> {
  const input = readLookupInput(r.value, { psb: r.mode === 'psb' });
  if (input.kind === 'invalid') {
    const d = input.filing?.diagnostics.find((x) => x.severity !== 'info');
    if (!input.value) return { problem: 'empty' };
    return d ? { problem: 'diagnostic', message: (lang) => explain(d, lang).message } : { problem: 'unrecognized' };
  }
  if (input.kind === 'unit' && r.mode === 'psb') return { problem: 'psb-by-unit' };
  // A number decides which records it is searched in; a domain follows the mode; a name is an ICP search.
  const kind: Kind = input.kind === 'psb' || (input.kind === 'domain' && r.mode === 'psb') ? 'psb' : 'icp';
  const by = input.kind === 'icp' ? 'number' : input.kind === 'psb' ? 'code' : input.kind;
  const type = input.kind === 'icp' && input.filing.suffixKind ? input.filing.suffixKind : r.type;
  const client = r.client ?? clientFor(r.endpoint);
  const found: Found =
    kind === 'icp'
      ? { kind, answer: await icp(client, { [by]: input.value, type: by === 'domain' ? undefined : type }, { signal }) }
      : { kind, answer: await psb(client, { [by]: input.value }, { signal }) };
  const official =
    input.kind === 'icp' || input.kind === 'psb' ? officialLink(input.filing)! : kind === 'psb' ? MPS_URL : MIIT_URL;
  return { ...found, by, value: input.value, type, official };
}
