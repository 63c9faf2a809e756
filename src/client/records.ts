/**
 * The query form's lookups over a LookupClient: records from `/v1/icp` and `/v1/psb`, and what the service can
 * search from `/v1/meta`, each read with its schema. Kept apart from the client so the badge's verification chunk
 * does not carry the query form's schemas.
 */
import {
  readCapabilities,
  readIcpAnswer,
  readPsbAnswer,
  type Capabilities,
  type IcpAnswer,
  type PsbAnswer,
} from '../contract/record-answers.js';
import type { IcpQuery, PsbQuery } from '../contract/queries.js';
import type { LookupClient } from './index.js';

/** ICP records by number, domain or unit name. Never throws: failures answer `unknown`. */
export function icp(client: LookupClient, query: IcpQuery, options: { signal?: AbortSignal } = {}): Promise<IcpAnswer> {
  return client.ask('icp', { ...query }, readIcpAnswer, options);
}

/** 公安 records by code or domain. Never throws: failures answer `unknown`. */
export function psb(client: LookupClient, query: PsbQuery, options: { signal?: AbortSignal } = {}): Promise<PsbAnswer> {
  return client.ask('psb', { ...query }, readPsbAnswer, options);
}

/** What the service can search (`/v1/meta`), or null when it cannot say: failures do not throw. */
export async function meta(client: LookupClient, options: { signal?: AbortSignal } = {}): Promise<Capabilities | null> {
  const answer = await client.ask('meta', {}, readCapabilities, options);
  // Only the neutral `unknown` lacks the capabilities: it is shaped as a lookup's answer.
  return 'types' in answer ? answer : null;
}
