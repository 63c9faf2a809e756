/**
 * What `beian watch` knows of a site, and what changed: each check's answers (and, with --pages, its home page)
 * folded into the site's last known state. Only what a lookup could decide moves the state: an answer that could
 * not tell (a timeout, a blocked registry) leaves it as it was, so a flaky upstream raises no alert. A record that
 * comes back empty without the registry confirming it (`unconfirmed-empty`: what a record removed from a dataset
 * gives) counts as missing only when two checks in a row say so.
 */
import type { IcpRecord, PsbRecord } from '../../contract/records.js';
import { KINDS, type Kind } from '../../contract/values.js';

/** A registry's part of a site's state: the status, and the record on file (null fields when there is none). */
export interface PartState {
  /** A v1 status, or `missing`: empty twice running, unconfirmed. */
  readonly status: string;
  readonly number: string | null;
  readonly holder: string | null;
  readonly siteName: string | null;
  readonly limitAccess: boolean | null;
}

export interface SiteState {
  readonly icp?: PartState;
  readonly psb?: PartState;
  /** With --pages: whether the home page shows the number the site should show. */
  readonly footer?: { readonly icp?: boolean; readonly psb?: boolean };
  /** Unconfirmed empties in a row, by registry (not compared: it only delays `missing`). */
  readonly unconfirmed?: { readonly icp?: number; readonly psb?: number };
}

/** What one check saw of a registry: a decided part, an unconfirmed empty, or nothing it could tell. */
export type PartObservation =
  { readonly kind: 'decided'; readonly part: PartState } | { readonly kind: 'empty' } | { readonly kind: 'unknown' };

export interface Observation {
  readonly icp?: PartObservation;
  readonly psb?: PartObservation;
  /** Null: the page could not be read this time. */
  readonly footer?: { readonly icp?: boolean; readonly psb?: boolean } | null;
}

export type Field = `${Kind}.${'status' | 'number' | 'holder' | 'siteName' | 'limitAccess'}` | `footer.${Kind}`;
export type Value = string | boolean | null;

export interface Change {
  readonly field: Field;
  readonly before: Value;
  readonly after: Value;
}

/** How many unconfirmed empties in a row make a record missing. */
export const MISSING_AFTER = 2;

const RECORD_FIELDS = ['number', 'holder', 'siteName', 'limitAccess'] as const;

/** A registry's answer part as a state: its status and what its record says. */
export function partOf(status: string, record: IcpRecord | PsbRecord | null): PartState {
  if (!record) return { status, number: null, holder: null, siteName: null, limitAccess: null };
  if ('serviceLicence' in record) {
    return {
      status,
      number: record.serviceLicence ?? record.mainLicence,
      holder: record.unitName,
      siteName: record.siteName,
      limitAccess: record.limitAccess,
    };
  }
  return { status, number: record.display, holder: record.unitName, siteName: record.websiteName, limitAccess: null };
}

/** The state after a check, and the changes from the state before (none on a site's first check: that is its baseline). */
export function fold(before: SiteState | undefined, seen: Observation): { state: SiteState; changes: Change[] } {
  const changes: Change[] = [];
  const unconfirmed: { icp?: number; psb?: number } = {};
  const parts: { icp?: PartState; psb?: PartState } = {};
  for (const kind of KINDS) {
    const [part, runs] = foldPart(before?.[kind], before?.unconfirmed?.[kind] ?? 0, seen[kind]);
    if (part) parts[kind] = part;
    if (runs) unconfirmed[kind] = runs;
    if (before?.[kind] && part) changes.push(...partChanges(kind, before[kind], part));
  }
  const footer = seen.footer === null || seen.footer === undefined ? before?.footer : seen.footer;
  for (const kind of KINDS) {
    const [was, is] = [before?.footer?.[kind], footer?.[kind]];
    if (was !== undefined && is !== undefined && was !== is)
      changes.push({ field: `footer.${kind}`, before: was, after: is });
  }
  const state: SiteState = {
    ...parts,
    ...(footer ? { footer } : {}),
    ...(Object.keys(unconfirmed).length ? { unconfirmed } : {}),
  };
  return { state, changes };
}

function foldPart(
  before: PartState | undefined,
  runs: number,
  seen: PartObservation | undefined,
): [PartState | undefined, number] {
  if (!seen || seen.kind === 'unknown') return [before, runs];
  if (seen.kind === 'decided') return [seen.part, 0];
  // An empty: missing once it has been seen often enough in a row, and only of a record once on file.
  if (runs + 1 < MISSING_AFTER || !before) return [before, runs + 1];
  return [{ ...before, status: 'missing' }, runs + 1];
}

/** The status always; the record's fields only when both states have a record (a missing one has no holder). */
function partChanges(kind: Kind, was: PartState, is: PartState): Change[] {
  const changes: Change[] = [];
  if (was.status !== is.status) changes.push({ field: `${kind}.status`, before: was.status, after: is.status });
  if (!hasRecord(was) || !hasRecord(is)) return changes;
  for (const name of RECORD_FIELDS) {
    if (was[name] !== is[name]) changes.push({ field: `${kind}.${name}`, before: was[name], after: is[name] });
  }
  return changes;
}

function hasRecord(part: PartState): boolean {
  return part.status !== 'missing' && part.number !== null;
}

/** Whether a site is as it should be: every registry valid (and not 限制接入), every footer number shown. */
export function isHealthy(state: SiteState): boolean {
  const parts = [state.icp, state.psb].filter((p) => p !== undefined);
  return (
    parts.every((p) => p.status === 'valid' && p.limitAccess !== true) &&
    Object.values(state.footer ?? {}).every(Boolean)
  );
}
