// The Hexo example's footer filter (demo/integrations/hexo/scripts/beian.js) on pages of growing size: it parses
// every generated page, so its time must grow with the page, no faster.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

type Filter = (html: string, locals: { path: string }) => string;

const SCRIPT = new URL('../../demo/integrations/hexo/scripts/beian.js', import.meta.url);

/**
 * The filter the script registers, taken from it as Hexo runs it: a function of `hexo` and `require`, here with
 * the site's config and a registry that keeps what it is given. Its require() starts from this package's root, so
 * `beian-elements` is this package (after `npm run build`), as a site's node_modules would give it.
 */
async function loadFilter(): Promise<Filter> {
  const filters: Filter[] = [];
  const hexo = {
    config: {
      beian: { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' },
      language: 'zh-CN',
      root: '/',
    },
    log: {
      warn: (message: string) => {
        throw new Error(`the filter warned: ${message}`);
      },
    },
    extend: {
      filter: { register: (_: string, fn: Filter) => filters.push(fn) },
      generator: { register: () => {} },
      tag: { register: () => {} },
    },
  };
  new Function('hexo', 'require', await readFile(SCRIPT, 'utf8'))(
    hexo,
    createRequire(new URL('../../package.json', import.meta.url)),
  );
  return filters[0];
}

/** A theme's page of about `bytes`: posts in articles (each with its own footer), then the page's footer. */
function page(bytes: number): string {
  const post =
    '<article class="post"><h2>标题</h2><p>' +
    '正文，'.repeat(60) +
    '</p><footer class="meta">2026-12-01</footer></article>\n';
  const posts = post.repeat(Math.ceil(bytes / Buffer.byteLength(post)));
  return `<!doctype html><html><head><title>站点</title></head><body><div id="wrap"><main>${posts}</main><footer id="footer">© 2026</footer></div></body></html>`;
}

export interface FilterTime {
  readonly kB: number;
  readonly ms: number;
}

/** Milliseconds per page (best of five) at each page size, in kB of UTF-8. */
export async function hexoFilterTimes(sizes: readonly number[]): Promise<FilterTime[]> {
  const filter = await loadFilter();
  return sizes.map((bytes) => {
    const html = page(bytes);
    if (!filter(html, { path: 'index.html' }).includes('<div class="beian"'))
      throw new Error('the footer was not placed');
    let best = Infinity;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      filter(html, { path: 'index.html' });
      best = Math.min(best, performance.now() - start);
    }
    return { kB: Buffer.byteLength(html) / 1000, ms: best };
  });
}
