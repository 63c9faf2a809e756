// The demo page: each card's HTML with a copy button, and core's verdicts on typed numbers and pasted footers,
// rendered with DOM APIs only (never HTML built from what was typed).
import '../src/beian-badge.js';
import '../src/beian-query.js';
import { explain, footerParts, lintFooter, parseFiling, type Diagnostic } from '../src/core/index.js';
import { domReader } from '../src/elements/internal/dom-reader.js';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', className = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (className) node.className = className;
  return node;
}

function severityClass(ds: readonly Diagnostic[]): string {
  return ds.some((d) => d.severity === 'error') ? 'error' : ds.some((d) => d.severity === 'warn') ? 'warn' : 'ok';
}

function finding(d: Diagnostic): HTMLLIElement {
  const li = el('li');
  li.append(
    el('span', `${d.severity} ${d.rule}`, `rule ${d.severity === 'info' ? '' : d.severity}`),
    ` ${explain(d, 'zh').message} ${explain(d).message} `,
    el('em', explain(d, 'zh').fix),
  );
  return li;
}

/** A badge's markup as the page's source wrote it: its attributes (bare when empty) and its dedented content. */
function sourceOf(badge: Element): string {
  const attrs = [...badge.attributes].map((a) =>
    a.value === '' ? ` ${a.name}` : ` ${a.name}="${a.value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`,
  );
  const lines = badge.innerHTML.split('\n').filter((line) => line.trim());
  const indent = Math.min(...lines.map((line) => line.length - line.trimStart().length));
  const inner = lines.length ? `\n${lines.map((line) => `  ${line.slice(indent).trimEnd()}`).join('\n')}\n` : '';
  return `<beian-badge${attrs.join('')}>${inner}</beian-badge>`;
}

// Read before the elements' first update (a microtask after this module runs) reflects layout, align and invalid
// onto the hosts: the snippets are the markup that made each card, not what the element made of it.
const cards = [...document.querySelectorAll<HTMLElement>('.gallery > figure')].map((figure) => ({
  figure,
  html: sourceOf(figure.querySelector('beian-badge')!),
}));
const copyStatus = document.querySelector<HTMLElement>('#copy-status')!;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

/** Says `text` once in the polite live region, cleared afterwards so the next copy is announced again. */
function announce(text: string): void {
  clearTimeout(statusTimer);
  copyStatus.textContent = text;
  statusTimer = setTimeout(() => {
    copyStatus.textContent = '';
  }, 3000);
}

async function copy(code: HTMLElement, button: HTMLButtonElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(code.textContent ?? '');
  } catch {
    // No clipboard (an insecure origin, a denied permission): select the snippet for the keyboard's copy instead.
    getSelection()?.selectAllChildren(code);
    announce('已选中，请按 Ctrl+C 复制. Selected: press Ctrl+C to copy.');
    return;
  }
  announce('已复制 Copied');
  button.textContent = 'Copied ✓';
  setTimeout(() => {
    button.textContent = 'Copy';
  }, 2000);
}

for (const { figure, html } of cards) {
  const code = el('code', html);
  const pre = el('pre');
  pre.append(code);
  const button = el('button', 'Copy', 'copy');
  button.type = 'button';
  button.setAttribute(
    'aria-label',
    `Copy the HTML of “${figure.querySelector('figcaption')?.textContent ?? 'this badge'}”`,
  );
  button.addEventListener('click', () => void copy(code, button));
  const snippet = el('div', '', 'snippet');
  snippet.append(pre, button);
  figure.append(snippet);
}

const numbers = document.querySelector<HTMLTextAreaElement>('#numbers')!;
const verdicts = document.querySelector<HTMLTableSectionElement>('#verdicts tbody')!;
const footer = document.querySelector<HTMLTextAreaElement>('#footer')!;
const findings = document.querySelector<HTMLUListElement>('#findings')!;

function renderVerdicts(): void {
  verdicts.replaceChildren(
    ...numbers.value
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => {
        const f = parseFiling(line);
        const row = el('tr');
        const list = el('ul');
        list.append(...f.diagnostics.map(finding));
        const cls = severityClass(f.diagnostics);
        row.append(
          el('td', f.input),
          el('td', `${cls === 'ok' ? '✔' : cls === 'warn' ? '!' : '✖'} ${f.kind}`, cls),
          el('td', f.normalized ?? '—'),
          el('td'),
        );
        row.lastElementChild!.append(list);
        return row;
      }),
  );
}

function renderFindings(): void {
  const page = new DOMParser().parseFromString(footer.value, 'text/html');
  const report = lintFooter(footerParts<Node>(page, domReader));
  findings.replaceChildren(
    ...(report.findings.length
      ? report.findings.map((f) => {
          const li = finding(f);
          li.prepend(el('strong', `${f.text}: `));
          return li;
        })
      : [el('li', report.items.length ? '✔ no findings' : 'no filing numbers found', 'ok')]),
  );
}

numbers.addEventListener('input', renderVerdicts);
footer.addEventListener('input', renderFindings);
renderVerdicts();
renderFindings();
