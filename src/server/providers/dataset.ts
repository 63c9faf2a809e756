/**
 * `dataset`: records from a JSON file the operator keeps (contract C.4): `{version: 1, icp: [], psb: []}`. The
 * default provider. Its empties are never taken as "not filed" (a dataset is not the registry).
 */
import * as z from 'zod/mini';
import { IcpRecord, IcpType, PsbRecord } from '../../contract/index.js';
import { parseFiling } from '../../core/index.js';
import { normalizeDomain } from '../normalize.js';
import type { LookupProvider, Outcome, ProviderQuery, Rec } from './types.js';

// What a dataset adds to a record: its app type, how it is known, and whether it was cancelled.
const extra = {
  type: z.optional(IcpType),
  authority: z.optional(z.enum(['dataset', 'self-declared'])),
  verifiedAt: z.optional(z.nullable(z.string().check(z.refine((v) => !Number.isNaN(Date.parse(v)), 'not a date (use RFC 3339)')))),
  cancelled: z.optional(z.boolean()),
  cancelledAt: z.optional(z.nullable(z.string())),
};

export const DatasetFile = z.object({
  version: z.literal(1),
  icp: z.array(z.extend(IcpRecord, extra)),
  psb: z.array(z.extend(PsbRecord, extra)),
});

export type DatasetFile = z.infer<typeof DatasetFile>;
type Entry = DatasetFile['icp'][number] | DatasetFile['psb'][number];

/** Reads a dataset, or says precisely what is wrong with it. */
export function parseDataset(json: unknown): { ok: true; data: DatasetFile } | { ok: false; error: string } {
  const result = DatasetFile.safeParse(json);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, error: issues.join('; ') };
}

export class DatasetProvider implements LookupProvider {
  readonly id = 'dataset';
  readonly kinds = ['icp', 'psb'] as const;
  readonly authority = 'dataset' as const;
  readonly upstream = 'dataset';
  readonly capabilities = { byNumber: true, byDomain: true, byUnit: true, types: IcpType.options };
  #data: DatasetFile;
  #loadedAt: Date;
  #revision = 0;

  constructor(data: DatasetFile = { version: 1, icp: [], psb: [] }) {
    this.#data = canonical(data);
    this.#loadedAt = new Date();
  }

  /** Swaps in new data at once: lookups see the old data or the new, never a mix. */
  replace(data: DatasetFile): void {
    this.#data = canonical(data);
    this.#loadedAt = new Date();
    this.#revision++;
  }

  revision(): number {
    return this.#revision;
  }

  get size(): { icp: number; psb: number } {
    return { icp: this.#data.icp.length, psb: this.#data.psb.length };
  }

  async lookup(q: ProviderQuery): Promise<Outcome> {
    const matches: Entry[] = q.kind === 'icp'
      ? this.#data.icp.filter((r) => (r.type ?? 'web') === (q.type ?? 'web') && (
        q.by === 'number' ? r.serviceLicence === q.value || r.mainLicence === q.value
          : q.by === 'domain' ? r.domain === q.value
            : r.unitName === q.value))
      : this.#data.psb.filter((r) => q.by === 'number' ? r.code === q.value
        : q.by === 'domain' ? r.mainDomain === q.value || r.domains.includes(q.value)
          : r.unitName === q.value);
    const active = matches.filter((r) => !r.cancelled);
    const chosen = active.length ? active : matches;
    if (!chosen.length) return { outcome: 'empty', fetchedAt: this.#loadedAt };
    const verified = chosen.map((r) => r.verifiedAt).filter((t): t is string => !!t).sort().at(-1);
    return {
      outcome: active.length ? 'found' : 'cancelled',
      records: chosen.map(toRecord),
      fetchedAt: verified ? new Date(verified) : this.#loadedAt,
      authority: chosen.every((r) => r.authority === 'self-declared') ? 'self-declared' : 'dataset',
    };
  }
}

/** A domain as queries are normalised (registrable, punycode), or as typed when it is not one. */
function domainOf(domain: string): string {
  const normalized = normalizeDomain(domain);
  return typeof normalized === 'string' ? normalized : domain;
}

/** Records as operators typed them, normalised like the queries they are matched against. */
function canonical(data: DatasetFile): DatasetFile {
  return {
    ...data,
    icp: data.icp.map((r) => {
      const filing = r.serviceLicence ? parseFiling(r.serviceLicence) : undefined;
      return {
        ...r,
        serviceLicence: filing?.normalized ?? r.serviceLicence,
        mainLicence: r.mainLicence ?? filing?.mainLicence ?? null,
        domain: r.domain && domainOf(r.domain),
      };
    }),
    psb: data.psb.map((r) => ({ ...r, mainDomain: r.mainDomain && domainOf(r.mainDomain), domains: r.domains.map(domainOf) })),
  };
}

/** The record without what only the dataset knows (parsing with the record schema drops the extra fields). */
function toRecord(entry: Entry): Rec {
  return 'code' in entry ? PsbRecord.parse(entry) : IcpRecord.parse(entry);
}
