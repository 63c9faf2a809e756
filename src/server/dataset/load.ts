/** Loading a dataset file on Node: bounded in size, read without freezing the server (read.ts). */
import { readFile, stat } from 'node:fs/promises';
import { DatasetError, errorsOf, type DatasetProblem } from './file.js';
import { readDataset } from './read.js';
import type { RecordsIndex } from './records-index.js';

/** Far past any real dataset (100,000 records are about 30 MB): a bigger file is a mistake, not records. */
export const MAX_DATASET_BYTES = 512 * 1024 * 1024;

export interface LoadedDataset {
  index: RecordsIndex;
  /** What loads but cannot be found (numbers or domains no query can name). */
  warnings: DatasetProblem[];
  ms: number;
}

/** Loads a dataset file; throws an error that names the file and every problem that stops it loading. */
export async function loadDataset(path: string): Promise<LoadedDataset> {
  const started = performance.now();
  const { size } = await stat(path);
  if (size > MAX_DATASET_BYTES)
    throw new Error(
      `${path}: ${size} bytes, over the ${MAX_DATASET_BYTES}-byte limit of a dataset; split it or trim it`,
    );
  const read = await readDataset(await readFile(path));
  if (!read.index) throw new Error(`${path}: ${new DatasetError(errorsOf(read.problems)).message}`);
  return { index: read.index, warnings: read.problems, ms: Math.round(performance.now() - started) };
}
