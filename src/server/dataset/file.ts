/**
 * The dataset file an operator keeps (contract C.4): `{version: 1, icp: [], psb: []}`, records of the contract's
 * shapes plus what only a dataset knows. Its one definition: the server reads it, `beian dataset check` reports
 * on it, and the JSON Schema shipped in the package (`beian-elements/dataset.schema.json`) is generated from it.
 */
import * as z from 'zod/mini';
import { toJSONSchema } from 'zod/v4/core';
import { IcpRecord, IcpType, PsbRecord } from '../../contract/index.js';
import type { Kind } from '../../contract/values.js';
import { parseFiling } from '../../core/index.js';
import { normalizeDomain } from '../normalize.js';

const isDate = (v: string) => !Number.isNaN(Date.parse(v));
const date = z
  .string()
  .check(z.refine(isDate, { message: 'not a date', params: { fix: 'use RFC 3339, as 2026-08-01T00:00:00+08:00' } }));

// What a dataset adds to a record: its app type, how it is known, and whether it was cancelled.
const extra = {
  type: z.optional(IcpType),
  authority: z.optional(z.enum(['dataset', 'self-declared'])),
  verifiedAt: z.optional(z.nullable(date)),
  cancelled: z.optional(z.boolean()),
  cancelledAt: z.optional(z.nullable(date)),
};

/** A record schema whose nullable fields may be left out (they read as null), with nothing else allowed. */
function lenient<S extends Record<string, z.ZodMiniType>>(shape: S) {
  const fields = Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodMiniNullable ? z.optional(field) : field]),
  );
  return z.strictObject({
    ...(fields as { [K in keyof S]: S[K] extends z.ZodMiniNullable ? z.ZodMiniOptional<S[K]> : S[K] }),
    ...extra,
  });
}

export const IcpEntry = lenient(IcpRecord.shape);
export const PsbEntry = lenient(PsbRecord.shape);

// The file's own fields besides its two lists. `$schema`: where editors find the JSON Schema; read by nothing else.
const head = { $schema: z.optional(z.string()), version: z.literal(1) };

export const DatasetFile = z.strictObject({ ...head, icp: z.array(IcpEntry), psb: z.array(PsbEntry) });

export type DatasetFile = z.input<typeof DatasetFile>;
export type IcpEntry = z.output<typeof IcpEntry>;
export type PsbEntry = z.output<typeof PsbEntry>;

/** One thing wrong with a dataset: where (`icp[3].serviceLicence`), what, and how to fix it. */
export interface DatasetProblem {
  path: string;
  message: string;
  fix: string;
  /** `error`: the file is refused. `warning`: it loads, but the record cannot be found by that field. */
  severity: 'error' | 'warning';
}

/** A record as served: every contract field present (null where the file left it out), keys normalised as queries are. */
export type StoredIcp = IcpRecord & IcpEntry;
export type StoredPsb = PsbRecord & PsbEntry;
export type Stored = StoredIcp | StoredPsb;

export interface DatasetCheck {
  /** The records, normalised, when nothing stops the file from loading. */
  data?: { icp: StoredIcp[]; psb: StoredPsb[] };
  problems: DatasetProblem[];
}

// The file's outline: its records are checked one by one (checkEntry), so a reader can check them as it goes.
const Outline = z.strictObject({ ...head, icp: z.array(z.unknown()), psb: z.array(z.unknown()) });

/** What is wrong with a dataset's outline (its version, its two lists, fields that are not its own). */
export function checkOutline(json: unknown): DatasetProblem[] {
  const parsed = Outline.safeParse(json, { reportInput: true });
  return parsed.success ? [] : parsed.error.issues.map((issue) => schemaProblem(issue, []));
}

type StoredOf<K extends Kind> = K extends 'icp' ? StoredIcp : StoredPsb;

/**
 * One record of the `icp` or `psb` list, checked and normalised in one pass: the record when it loads, and every
 * problem of it (a number or domain no query can name is a warning: the record loads, but is not found by it).
 */
export function checkEntry<K extends Kind>(
  kind: K,
  json: unknown,
  i: number,
): { record?: StoredOf<K>; problems: DatasetProblem[] } {
  const schema = kind === 'icp' ? IcpEntry : PsbEntry;
  const parsed = schema.safeParse(json);
  // Asked again for what was given, only when it failed: reporting inputs triples the cost of every record.
  if (!parsed.success)
    return {
      problems: schema
        .safeParse(json, { reportInput: true })
        .error!.issues.map((issue) => schemaProblem(issue, [kind, i])),
    };
  const problems: DatasetProblem[] = [];
  const record =
    kind === 'icp' ? icpRecord(parsed.data as IcpEntry, i, problems) : psbRecord(parsed.data as PsbEntry, i, problems);
  return { record: record as StoredOf<K>, problems };
}

/** Every problem of a dataset already parsed from JSON, each with its path and its fix, and its records. */
export function checkDataset(json: unknown): DatasetCheck {
  const problems = checkOutline(json);
  const file = json as { icp?: unknown; psb?: unknown };
  const list = (value: unknown) => (Array.isArray(value) ? value : []);
  const icp: StoredIcp[] = [];
  const psb: StoredPsb[] = [];
  list(file?.icp).forEach((r, i) => collect(checkEntry('icp', r, i), icp, problems));
  list(file?.psb).forEach((r, i) => collect(checkEntry('psb', r, i), psb, problems));
  const refused = problems.some((p) => p.severity === 'error');
  return refused ? { problems } : { data: { icp, psb }, problems };
}

function collect<T>(
  checked: { record?: T; problems: DatasetProblem[] },
  records: T[],
  problems: DatasetProblem[],
): void {
  if (checked.record) records.push(checked.record);
  for (const p of checked.problems) problems.push(p);
}

/** The problems as one line each, for logs and errors; past `max`, how many more. */
export function describeProblems(problems: readonly DatasetProblem[], max = 20): string {
  const shown = problems.slice(0, max).map((p) => `${p.path}: ${p.message} (${p.fix})`);
  return [
    ...shown,
    ...(problems.length > max ? [`and ${problems.length - max} more (beian dataset check FILE lists them all)`] : []),
  ].join('; ');
}

/** A dataset that does not load, with every problem that stops it. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
  constructor(readonly problems: readonly DatasetProblem[]) {
    super(`not a v1 dataset: ${describeProblems(problems)}`);
  }
}

export const errorsOf = (problems: readonly DatasetProblem[]) => problems.filter((p) => p.severity === 'error');

const pathOf = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (s, key) => (typeof key === 'number' ? `${s}[${key}]` : s ? `${s}.${String(key)}` : String(key)),
    '',
  ) || '(root)';

const FIELDS = [...Object.keys(IcpEntry.shape), ...Object.keys(PsbEntry.shape), 'version', 'icp', 'psb'];

/** The field a typo most likely meant (one or two letters off), for the fix of an unknown field. */
function nearest(key: string): string | undefined {
  const distance = (a: string, b: string) => {
    let row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++)
        next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    return row[b.length];
  };
  return FIELDS.map((f) => ({ f, d: distance(key.toLowerCase(), f.toLowerCase()) }))
    .filter((x) => x.d <= 2)
    .sort((a, b) => a.d - b.d)[0]?.f;
}

function schemaProblem(issue: z.core.$ZodIssue, at: PropertyKey[]): DatasetProblem {
  const path = pathOf([...at, ...issue.path]);
  const error = (message: string, fix: string): DatasetProblem => ({ path, message, fix, severity: 'error' });
  switch (issue.code) {
    case 'unrecognized_keys':
      return error(
        `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`,
        issue.keys.map((k) => (nearest(k) ? `did you mean "${nearest(k)}"?` : `remove "${k}"`)).join('; ') +
          ' (fields are listed in the README and dataset.schema.json)',
      );
    case 'invalid_type':
      return issue.input === undefined
        ? error('missing', `add "${String(issue.path.at(-1) ?? '')}" (${issue.expected})`)
        : error(
            `is ${issue.input === null ? 'null' : Array.isArray(issue.input) ? 'an array' : typeof issue.input}, not ${issue.expected}`,
            `give ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`,
          );
    case 'invalid_value':
      return error(
        `is ${JSON.stringify(issue.input)}`,
        `use ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`,
      );
    default:
      return error(
        issue.message,
        (issue.code === 'custom' && issue.params?.fix) || 'see the field table in the README',
      );
  }
}

// Records are normalised as queries are (numbers through core, domains to registrable punycode), so they match;
// what cannot be is kept as typed, and said.

const NO_ICP: IcpRecord = {
  unitName: null,
  natureName: null,
  mainLicence: null,
  serviceLicence: null,
  domain: null,
  siteName: null,
  limitAccess: null,
  approvedAt: null,
};
const NO_PSB = {
  websiteName: null,
  mainDomain: null,
  unitName: null,
  unitType: null,
  websiteType: null,
  department: null,
  filedAt: null,
};

const warning = (path: string, message: string, fix: string): DatasetProblem => ({
  path,
  message,
  fix,
  severity: 'warning',
});

function icpRecord(r: IcpEntry, i: number, problems: DatasetProblem[]): StoredIcp {
  const number = (field: 'serviceLicence' | 'mainLicence') => {
    const value = r[field];
    if (value == null) return undefined;
    const filing = parseFiling(value);
    // The registry lists some sites under their operator's telecom licence (粤B2-20090059-5): found by domain.
    if ((filing.kind.startsWith('icp') || filing.kind === 'telecom-licence') && filing.normalized !== null)
      return filing;
    problems.push(
      warning(
        `icp[${i}].${field}`,
        `"${value}" is not an ICP number or telecom licence core can read, so no query finds the record by it`,
        'write it as on the registry, as 京ICP备2021012345号-1',
      ),
    );
    return undefined;
  };
  const service = number('serviceLicence');
  number('mainLicence');
  return {
    ...NO_ICP,
    ...r,
    serviceLicence: service?.normalized ?? r.serviceLicence ?? null,
    mainLicence: r.mainLicence ?? service?.mainLicence ?? null,
    domain: r.domain ? domainOf(r.domain, `icp[${i}].domain`, problems) : null,
  };
}

function psbRecord(r: PsbEntry, i: number, problems: DatasetProblem[]): StoredPsb {
  // The contract's form of a code; whether it is a 公安 number at all, core says of the display, just below.
  if (!/^\d{14}$/.test(r.code)) {
    problems.push(
      warning(
        `psb[${i}].code`,
        `"${r.code}" is not 14 digits`,
        'give the 14 digits of the 公安 number, as 11010502012345',
      ),
    );
  } else if (parseFiling(r.display, { psb: true }).psbCode !== r.code) {
    problems.push(
      warning(
        `psb[${i}].display`,
        `"${r.display}" does not read as the 公安 number of code ${r.code}`,
        `write it as the number is shown, as 京公网安备${r.code}号`,
      ),
    );
  }
  return {
    ...NO_PSB,
    ...r,
    mainDomain: r.mainDomain ? domainOf(r.mainDomain, `psb[${i}].mainDomain`, problems) : null,
    domains: r.domains.map((d, j) => domainOf(d, `psb[${i}].domains[${j}]`, problems)),
  };
}

/** A domain as queries are normalised (registrable, punycode), or as typed when it is not one (with a warning). */
function domainOf(domain: string, path: string, problems: DatasetProblem[]): string {
  try {
    return normalizeDomain(domain);
  } catch (e) {
    problems.push(
      warning(
        path,
        `"${domain}" is no domain a query can name: ${(e as Error).message}`,
        "give the site's registrable domain, as example.cn",
      ),
    );
    return domain;
  }
}

/** The format as a JSON Schema (draft 2020-12), for editors and CI; shipped as `beian-elements/dataset.schema.json`. */
export function datasetJsonSchema(): Record<string, unknown> {
  return {
    ...toJSONSchema(DatasetFile, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://unpkg.com/beian-elements/dist/dataset.schema.json',
    title: 'beian-elements lookup dataset, version 1',
    description:
      'The records a `beian serve` lookup service answers from. Fields are described in the README (Datasets); `beian dataset check FILE` checks a file.',
  };
}
