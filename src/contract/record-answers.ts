/**
 * What the query form (and the CLI) reads of `/v1/icp` and `/v1/psb` answers (zod/mini): the records in full, the
 * status, who vouches for them and the error message; and of `/v1/meta`, what the service can search. As B.1 asks,
 * unknown fields are ignored and an unknown status reads as `unknown`.
 */
import * as z from 'zod/mini';
import { known } from './client.js';
import { IcpRecord, PsbRecord } from './records.js';

const text = z.nullable(z.string());

const answer = <R extends typeof IcpRecord | typeof PsbRecord>(record: R) =>
  z.object({
    status: z.string(),
    reason: text,
    record: z.nullable(record),
    records: z.nullable(z.array(record)),
    expiresAt: text,
    source: z.nullable(z.object({ authority: z.string() })),
    error: z.nullable(z.object({ message: z.string(), messageZh: z.string() })),
  });

const IcpSchema = answer(IcpRecord);
const PsbSchema = answer(PsbRecord);

export type IcpAnswer = z.infer<typeof IcpSchema> & { retryAfter?: number };
export type PsbAnswer = z.infer<typeof PsbSchema> & { retryAfter?: number };

function reader<T extends { status: string }>(schema: { safeParse(json: unknown): { success: boolean; data?: T } }) {
  return (json: unknown): { success: true; data: T } | { success: false } => {
    const parsed = schema.safeParse(json);
    if (!parsed.success) return { success: false };
    return { success: true, data: known(parsed.data!) };
  };
}

export const readIcpAnswer = reader<IcpAnswer>(IcpSchema);
export const readPsbAnswer = reader<PsbAnswer>(PsbSchema);

const MetaSchema = z.object({
  capabilities: z.object({
    icp: z.object({ types: z.array(z.string()) }),
    psb: z.object({ byCode: z.boolean(), byDomain: z.boolean() }),
  }),
});

/** What a service can search, from `/v1/meta`: whether it has 公安 records, and which ICP types. */
export interface Capabilities {
  psb: boolean;
  types: readonly string[];
}

/**
 * A `/v1/meta` answer as the client keeps it: the capabilities, with the answer's Retry-After. No status: the B.5
 * statuses are a lookup's, and only the client's neutral `unknown` says the service could not tell.
 */
export type MetaAnswer = Capabilities & { retryAfter?: number };

/** Reads a `/v1/meta` body; a body that does not fit fails (the client answers `unknown`). */
export function readCapabilities(json: unknown): { success: true; data: MetaAnswer } | { success: false } {
  const parsed = MetaSchema.safeParse(json);
  if (!parsed.success) return { success: false };
  const { icp: icpCaps, psb: psbCaps } = parsed.data.capabilities;
  return { success: true, data: { psb: psbCaps.byCode || psbCaps.byDomain, types: icpCaps.types } };
}
