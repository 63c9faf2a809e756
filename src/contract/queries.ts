/**
 * The questions of the v1 endpoints (B.2), as a client sends them: the query parameters of `/v1/icp`, `/v1/psb` and
 * `/v1/verify`, before the server reads and normalises them (B.3). Types only: no byte reaches a bundle.
 */
import type { IcpType } from './values.js';

/** `/v1/icp`: `number` and/or `domain`, or `unit` alone; `type` narrows the records searched. */
export interface IcpQuery {
  number?: string;
  domain?: string;
  unit?: string;
  type?: IcpType;
}

/** `/v1/psb`: `code` and/or `domain`. */
export interface PsbQuery {
  code?: string;
  domain?: string;
}

/** `/v1/verify`: a site's domain with its ICP number, its 公安 number, or both. */
export interface VerifyQuery {
  domain: string;
  icp?: string;
  psb?: string;
}
