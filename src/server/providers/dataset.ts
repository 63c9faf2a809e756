/**
 * `dataset`: records from the JSON file the operator keeps (contract C.4; format in ../dataset/file.ts). The
 * default provider. Its empties are never taken as "not filed" (a dataset is not the registry).
 */
import { IcpType } from '../../contract/index.js';
import { KINDS } from '../../contract/values.js';
import { checkDataset, DatasetError, errorsOf, type DatasetFile } from '../dataset/file.js';
import { RecordsIndex, toRecord } from '../dataset/records-index.js';
import type { LookupProvider, Outcome, ProviderQuery } from './types.js';

/**
 * Records indexed from a dataset already parsed (tests, the edge's bundled data); throws a DatasetError naming
 * every problem that stops it loading. A file is read a slice at a time instead (dataset/read.ts).
 */
export function indexDataset(data: DatasetFile | unknown): RecordsIndex {
  const checked = checkDataset(data);
  if (!checked.data) throw new DatasetError(errorsOf(checked.problems));
  const index = new RecordsIndex();
  for (const r of checked.data.icp) index.add(r);
  for (const r of checked.data.psb) index.add(r);
  return index;
}

const asIndex = (data: DatasetFile | RecordsIndex) => (data instanceof RecordsIndex ? data : indexDataset(data));

export class DatasetProvider implements LookupProvider {
  readonly id = 'dataset';
  readonly kinds = KINDS;
  readonly authority = 'dataset' as const;
  readonly upstream = 'dataset';
  readonly capabilities = { byNumber: true, byDomain: true, byUnit: true, types: IcpType.options };
  #index: RecordsIndex;
  #loadedAt: Date;
  #revision = 0;
  /** The demo's records (famous sites'), served because no dataset was given: /v1/meta says so. */
  readonly demo: boolean;

  constructor(data: DatasetFile | RecordsIndex = { version: 1, icp: [], psb: [] }, options: { demo?: boolean } = {}) {
    this.demo = !!options.demo;
    this.#index = asIndex(data);
    this.#loadedAt = new Date();
  }

  /** Swaps in new records at once: lookups see the old records or the new, never a mix. */
  replace(data: DatasetFile | RecordsIndex): void {
    this.#index = asIndex(data);
    this.#loadedAt = new Date();
    this.#revision++;
  }

  revision(): number {
    return this.#revision;
  }

  get size(): { icp: number; psb: number } {
    return { icp: this.#index.icp, psb: this.#index.psb };
  }

  async lookup(q: ProviderQuery): Promise<Outcome> {
    const matches = this.#index.find(q);
    const active = matches.filter((r) => !r.cancelled);
    const chosen = active.length ? active : matches;
    if (!chosen.length) return { outcome: 'empty', fetchedAt: this.#loadedAt };
    const verified = chosen
      .map((r) => r.verifiedAt)
      .filter((t): t is string => !!t)
      .sort()
      .at(-1);
    return {
      outcome: active.length ? 'found' : 'cancelled',
      records: chosen.map(toRecord),
      fetchedAt: verified ? new Date(verified) : this.#loadedAt,
      authority: chosen.every((r) => r.authority === 'self-declared') ? 'self-declared' : 'dataset',
    };
  }
}
