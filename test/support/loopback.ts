// The real lookup server on loopback for the Node tests of its clients (lookup, watch, mcp): a dataset, no
// upstream, nothing logged unless asked, the dataset file reloaded within 50 ms of a change.
import type { DatasetFile } from '../../src/server/dataset/file.js';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/node.js';
import { tempFile } from './temp-files.js';

/** Serves `data`: a dataset file's path, or records written to a fresh one. */
export async function loopbackServer(data: string | DatasetFile, more: ServerOptions = {}): Promise<RunningServer> {
  const file = typeof data === 'string' ? data : await tempFile('records.json', data);
  return startServer({
    port: 0,
    host: '127.0.0.1',
    upstreams: [],
    log: { info() {}, warn() {}, error() {} },
    datasetPollMs: 50,
    ...more,
    data: file,
  });
}
