/**
 * Follows a dataset file however it is replaced: an editor's rename over it, a Kubernetes ConfigMap's symlink
 * swap (`records.json → ..data/records.json`, where `..data` is re-pointed), or its whole folder replaced. The
 * folder is watched for speed, and the file's identity (device, inode, size, modification time, through any
 * symlinks) is also polled, because watches miss events on some file systems and die with their folder.
 */
import { watch, type FSWatcher } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../providers/types.js';

export interface WatchOptions {
  /** How often the file's identity is checked, whatever the watch reports. */
  pollMs: number;
  log: Logger;
}

async function identity(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

const realpathOf = (path: string) => realpath(path).catch(() => path);

/** Calls `changed` (one call at a time) whenever the file at `path` is another file or has other content. */
export function watchDataset(
  path: string,
  changed: () => Promise<void>,
  { pollMs, log }: WatchOptions,
): { close(): void } {
  const folder = dirname(path);
  let watcher: FSWatcher | undefined;
  let folderId = '';
  let fileId = '';
  let target = '';
  let debounce: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const follow = async () => {
    watcher?.close();
    watcher = undefined;
    folderId = await identity(folder);
    // Closed while the folder was being read: no watch may outlive the server.
    if (closed) return;
    try {
      // Any event in the folder: the names differ by how the file was replaced (`..data` for a ConfigMap).
      watcher = watch(folder, () => soon());
      watcher.on('error', () => void refollow("the folder's watch failed"));
    } catch (e) {
      log.warn('dataset folder is not watched; polling it', { folder, everyMs: pollMs, error: (e as Error).message });
    }
  };

  const refollow = async (why: string) => {
    if (closed) return;
    await follow();
    log.info('dataset folder followed anew', { folder, why });
    soon();
  };

  const check = async () => {
    if (closed) return;
    if ((await identity(folder)) !== folderId) await refollow('the folder was replaced');
    const id = await identity(path);
    if (id === fileId) return;
    const now = await realpathOf(path);
    const how = id === 'missing' ? 'removed' : now !== target ? 'now points to another file' : 'changed';
    fileId = id;
    target = now;
    if (id === 'missing') {
      log.warn('dataset file is gone; the last good data keeps serving', { file: path });
      return;
    }
    log.info(`dataset file ${how}`, { file: path, ...(how === 'changed' ? {} : { target: now }) });
    await changed();
  };

  // One check at a time; a change during one is checked right after it.
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = check().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        run();
      }
    });
  };

  // Editors and ConfigMaps write in several steps: wait for the folder to settle.
  const soon = () => {
    clearTimeout(debounce);
    debounce = setTimeout(run, 100);
  };

  const poll = setInterval(run, pollMs);
  poll.unref();
  void (async () => {
    fileId = await identity(path);
    target = await realpathOf(path);
    await follow();
  })();

  return {
    close() {
      closed = true;
      clearInterval(poll);
      clearTimeout(debounce);
      watcher?.close();
    },
  };
}
