// The demo page: core's verdicts on typed numbers and pasted footers, rendered with DOM APIs only (never HTML
// built from what was typed).
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
  li.append(el('span', `${d.severity} ${d.rule}`, `rule ${d.severity === 'info' ? '' : d.severity}`),
    ` ${explain(d, 'zh').message} ${explain(d).message} `, el('em', explain(d, 'zh').fix));
  return li;
}

const numbers = document.querySelector<HTMLTextAreaElement>('#numbers')!;
const verdicts = document.querySelector<HTMLTableSectionElement>('#verdicts tbody')!;
const footer = document.querySelector<HTMLTextAreaElement>('#footer')!;
const findings = document.querySelector<HTMLUListElement>('#findings')!;

function renderVerdicts(): void {
  verdicts.replaceChildren(...numbers.value.split('\n').filter((line) => line.trim()).map((line) => {
    const f = parseFiling(line);
    const row = el('tr');
    const list = el('ul');
    list.append(...f.diagnostics.map(finding));
    const cls = severityClass(f.diagnostics);
    row.append(el('td', f.input), el('td', `${cls === 'ok' ? '✔' : cls === 'warn' ? '!' : '✖'} ${f.kind}`, cls), el('td', f.normalized ?? '—'), el('td'));
    row.lastElementChild!.append(list);
    return row;
  }));
}

function renderFindings(): void {
  const page = new DOMParser().parseFromString(footer.value, 'text/html');
  const report = lintFooter(footerParts<Node>(page, domReader));
  findings.replaceChildren(...(report.findings.length
    ? report.findings.map((f) => { const li = finding(f); li.prepend(el('strong', `${f.text}: `)); return li; })
    : [el('li', report.items.length ? '✔ no findings' : 'no filing numbers found', 'ok')]));
}

numbers.addEventListener('input', renderVerdicts);
footer.addEventListener('input', renderFindings);
renderVerdicts();
renderFindings();
