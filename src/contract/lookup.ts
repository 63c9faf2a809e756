/**
 * What the query form reads of `/v1/icp` and `/v1/psb` answers (zod/mini): the records in full, the status, who
 * vouches for them and the error message. As B.1 asks, unknown fields are ignored and an unknown status reads as `unknown`.
 */
import * as z from 'zod/mini';
import { known } from './client.js';
import { IcpRecord, PsbRecord } from './records.js';

const text = z.nullable(z.string());

const answer = <R extends typeof IcpRecord | typeof PsbRecord>(record: R) => z.object({
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

/** Reads a `/v1/meta` body; null when it does not fit (then the form offers everything). */
export function readCapabilities(json: unknown): Capabilities | null {
  const parsed = MetaSchema.safeParse(json);
  if (!parsed.success) return null;
  const { icp: icpCaps, psb: psbCaps } = parsed.data.capabilities;
  return { psb: psbCaps.byCode || psbCaps.byDomain, types: icpCaps.types };
}
