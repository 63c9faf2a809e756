/**
 * Record lookups over a LookupClient: `/v1/icp` and `/v1/psb`, read with their schemas. Kept apart from the client
 * so the badge's verification chunk does not carry the query form's record schemas.
 */
import { readIcpAnswer, readPsbAnswer, type IcpAnswer, type PsbAnswer } from '../contract/lookup.js';
import type { IcpType } from '../contract/values.js';
import type { LookupClient } from './index.js';

export interface IcpQuery {
  number?: string;
  domain?: string;
  unit?: string;
  type?: IcpType;
}

export interface PsbQuery {
  code?: string;
  domain?: string;
}

/** ICP records by number, domain or unit name. Never throws: failures answer `unknown`. */
export function icp(client: LookupClient, query: IcpQuery, options: { signal?: AbortSignal } = {}): Promise<IcpAnswer> {
  return client.ask('icp', { ...query }, readIcpAnswer, options);
}

/** 公安 records by code or domain. Never throws: failures answer `unknown`. */
export function psb(client: LookupClient, query: PsbQuery, options: { signal?: AbortSignal } = {}): Promise<PsbAnswer> {
  return client.ask('psb', { ...query }, readPsbAnswer, options);
}
