/** The record shapes of the v1 contract (B.4), shared by the full contract and the query form's answers. */
import * as z from 'zod/mini';

const text = z.nullable(z.string());

export const IcpRecord = z.object({
  /** Null only in self-declared dataset records that do not name the holder. */
  unitName: text,
  natureName: text,
  mainLicence: text,
  serviceLicence: text,
  /** Registrable domain; null for apps. */
  domain: text,
  siteName: text,
  /** 是否限制接入: a flag, not a status. */
  limitAccess: z.nullable(z.boolean()),
  approvedAt: text,
});

export const PsbRecord = z.object({
  code: z.string(),
  display: z.string(),
  websiteName: text,
  mainDomain: text,
  domains: z.array(z.string()),
  unitName: text,
  unitType: text,
  websiteType: text,
  department: text,
  filedAt: text,
});

export type IcpRecord = z.infer<typeof IcpRecord>;
export type PsbRecord = z.infer<typeof PsbRecord>;
