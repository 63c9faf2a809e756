/**
 * What browser code reads of a v1 answer, as zod/mini schemas: the fields the widgets show, nothing more, so the
 * verification chunk stays small (the full contract, in index.ts, is for the server and the tests, which check
 * that every answer the server gives also reads here). As B.1 asks, unknown fields are ignored and an unknown
 * status reads as `unknown`.
 */
import * as z from 'zod/mini';

import { STATUSES } from './values.js';

const text = z.nullable(z.string());

// The record fields the badge shows.
const IcpSummary = z.object({ unitName: text, natureName: text, siteName: text, approvedAt: text, domain: text });
const PsbSummary = z.object({
  unitName: text,
  unitType: text,
  websiteName: text,
  department: text,
  filedAt: text,
  mainDomain: text,
});

const part = <R extends typeof IcpSummary | typeof PsbSummary>(record: R) =>
  z.object({
    status: z.string(),
    reason: text,
    record: z.nullable(record),
    source: z.nullable(z.object({ authority: z.string() })),
    checkedAt: z.string(),
  });

const Schema = z.object({
  status: z.string(),
  reason: text,
  checkedAt: text,
  expiresAt: text,
  icp: z.nullable(part(IcpSummary)),
  psb: z.nullable(part(PsbSummary)),
});

/** A `/v1/verify` answer as the badge reads it; `retryAfter` comes from the answer's Retry-After header. */
export type VerifyAnswer = z.infer<typeof Schema> & { retryAfter?: number };
export type VerifyPart = NonNullable<VerifyAnswer['icp']> | NonNullable<VerifyAnswer['psb']>;

/** B.1: a status this version does not know reads as `unknown`. */
export const known = <T extends { status: string }>(part: T): T =>
  (STATUSES as readonly string[]).includes(part.status) ? part : { ...part, status: 'unknown' };

/** Reads a `/v1/verify` body; a body that does not fit fails, which the client turns into `unknown`. */
export const VerifyAnswer = {
  safeParse(json: unknown): { success: true; data: VerifyAnswer } | { success: false } {
    const parsed = Schema.safeParse(json);
    if (!parsed.success) return { success: false };
    const { icp, psb, ...top } = parsed.data;
    return { success: true, data: { ...known(top), icp: icp && known(icp), psb: psb && known(psb) } };
  },
};
