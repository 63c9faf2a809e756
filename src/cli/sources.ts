/** What `beian lint` was given, as the pages to lint: files, every HTML file of a folder, or URLs. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from './errors.js';

export type Source =
  | { readonly kind: 'file'; readonly input: string; readonly path: string; readonly home: boolean }
  | { readonly kind: 'url'; readonly input: string; readonly url: string; readonly home: boolean };

const HTML_FILE = /\.html?$/i;

export const isUrl = (input: string) => /^https?:\/\//i.test(input);

/**
 * The pages of one input. A folder is a built site: its HTML files, sorted, and its root `index.html` is the home
 * page (domain-spec §7.1). `home` marks every page as one (`--home`). A URL's home-ness is known once fetched.
 */
export async function expandInput(input: string, home: boolean): Promise<Source[]> {
  if (isUrl(input)) return [{ kind: 'url', input, url: input, home }];
  let info;
  try {
    info = await stat(input);
  } catch (e) {
    throw new InputError(input, `cannot read ${input}: ${(e as Error).message}`);
  }
  if (!info.isDirectory()) return [{ kind: 'file', input, path: input, home }];
  const files = await htmlFiles(input);
  if (!files.length)
    throw new InputError(
      input,
      `${input} holds no .html or .htm file; give the folder of the built site (public/, dist/…)`,
    );
  return files.map((file) => ({ kind: 'file', input, path: join(input, file), home: home || file === 'index.html' }));
}

/**
 * The HTML files under a folder, as sorted paths relative to it. Walked without recursion; node_modules and
 * dot-folders are skipped, and so are symbolic links to folders (they can loop).
 */
async function htmlFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  while (pending.length) {
    const dir = pending.pop()!;
    let entries;
    try {
      entries = await readdir(join(root, dir), { withFileTypes: true });
    } catch (e) {
      throw new InputError(root, `cannot read ${join(root, dir)}: ${(e as Error).message}`);
    }
    for (const entry of entries) {
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) pending.push(path);
      } else if (HTML_FILE.test(entry.name) && (entry.isFile() || (await isFileLink(join(root, path))))) {
        found.push(path);
      }
    }
  }
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

async function isFileLink(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
