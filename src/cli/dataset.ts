/**
 * `beian dataset check FILE`: every problem of a lookup dataset, each with where it is and how to fix it, read as
 * the server reads it (dataset/read.ts). `beian dataset schema`: the format as a JSON Schema.
 */
import { readFile, stat } from 'node:fs/promises';
import type { DatasetProblem } from '../server/dataset/file.js';
import { datasetJsonSchema, errorsOf } from '../server/dataset/file.js';
import { MAX_DATASET_BYTES } from '../server/dataset/load.js';
import { readDataset } from '../server/dataset/read.js';
import { UsageError } from './errors.js';
import { printable, type Style } from './terminal.js';

export async function datasetVerb(
  inputs: readonly string[],
  json: boolean,
  out: (text: string) => void,
  style: Style,
): Promise<number> {
  const [action, file, ...rest] = inputs;
  if (action === 'schema' && !file) {
    out(JSON.stringify(datasetJsonSchema(), null, 2));
    return 0;
  }
  if (action !== 'check' || !file || rest.length)
    throw new UsageError(
      'beian dataset takes check FILE (its problems) or schema (its JSON Schema), e.g. beian dataset check records.json',
    );
  const read = await readDataset(await readBytes(file));
  const errors = errorsOf(read.problems).length;
  if (json) {
    out(
      JSON.stringify(
        {
          file,
          loads: !!read.index,
          records: read.index && { icp: read.index.icp, psb: read.index.psb },
          problems: read.problems,
        },
        null,
        2,
      ),
    );
  } else {
    out(summary(file, read.index, read.problems, errors, style));
  }
  return errors ? 1 : 0;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    const { size } = await stat(file);
    if (size > MAX_DATASET_BYTES)
      throw new UsageError(`${file}: ${size} bytes, over the ${MAX_DATASET_BYTES}-byte limit of a dataset`, false);
    return await readFile(file);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`, false);
  }
}

function summary(
  file: string,
  index: { icp: number; psb: number } | undefined,
  problems: readonly DatasetProblem[],
  errors: number,
  style: Style,
): string {
  const warnings = problems.length - errors;
  const head = index
    ? `${style(32, '✔')} ${file}: loads, ${index.icp} ICP and ${index.psb} 公安 records${warnings ? `; ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`
    : `${style(31, '✖')} ${file}: does not load: ${errors} error${errors > 1 ? 's' : ''}${warnings ? `, ${warnings} warning${warnings > 1 ? 's' : ''}` : ''}`;
  const lines = problems.map(
    (p) =>
      `  ${p.severity === 'error' ? style(31, '✖') : style(33, '!')} ${style(1, p.path)}: ${printable(p.message)}\n      ${style(2, `fix: ${p.fix}`)}`,
  );
  return [head, ...lines].join('\n');
}
