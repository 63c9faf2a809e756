/**
 * A dataset's records, normalised as queries are and indexed by every key a query can use, so one lookup costs
 * the same at 100,000 records as at 10.
 */
import { IcpRecord, PsbRecord } from '../../contract/index.js';
import type { ProviderQuery } from '../providers/types.js';
import type { Stored } from './file.js';

/** The record of the contract, without what only the dataset knows. */
export function toRecord(entry: Stored): IcpRecord | PsbRecord {
  return 'code' in entry ? PsbRecord.parse(entry) : IcpRecord.parse(entry);
}

// The keys are spread over many small maps: one map of 450,000 keys (100,000 records) stops the server for tens of
// milliseconds each time it grows and rehashes; a map of a sixty-fourth of that, for under one.
const SHARDS = 64;

/** FNV-1a over the key's characters: which map holds it. */
function shardOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 0) % SHARDS;
}

export class RecordsIndex {
  readonly #shards = Array.from({ length: SHARDS }, () => new Map<string, Stored[]>());
  icp = 0;
  psb = 0;

  /** Adds a record; records are added in file order, which lookups list their matches in. */
  add(r: Stored): void {
    if ('code' in r) {
      this.#add(r, 'psb::number:', r.code);
      this.#add(r, 'psb::domain:', r.mainDomain, ...r.domains);
      this.#add(r, 'psb::unit:', r.unitName);
      this.psb++;
      return;
    }
    const type = r.type ?? 'web';
    this.#add(r, `icp:${type}:number:`, r.serviceLicence, r.mainLicence);
    this.#add(r, `icp:${type}:domain:`, r.domain);
    this.#add(r, `icp:${type}:unit:`, r.unitName);
    this.icp++;
  }

  /** The records a query names, in file order. */
  find(q: ProviderQuery): readonly Stored[] {
    const type = q.kind === 'icp' ? (q.type ?? 'web') : '';
    const key = `${q.kind}:${type}:${q.by}:${q.value}`;
    return this.#shards[shardOf(key)].get(key) ?? [];
  }

  /** Files a record under each distinct value (a record listing a domain twice is found once). */
  #add(record: Stored, prefix: string, ...values: (string | null)[]): void {
    for (const value of new Set(values)) {
      if (value == null) continue;
      const key = prefix + value;
      const shard = this.#shards[shardOf(key)];
      const list = shard.get(key);
      if (list) list.push(record);
      else shard.set(key, [record]);
    }
  }
}
