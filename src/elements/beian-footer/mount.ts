import type { BadgeNumbers, HostMap } from '../beian-badge/beian-badge.js';
import type { BeianFooter } from './beian-footer.js';

/** What `mount()` takes: every option of `<beian-badge>` (as its properties), and where to put the strip. */
export interface FooterOptions extends BadgeNumbers {
  app?: boolean;
  layout?: 'inline' | 'stacked' | 'about';
  align?: 'center' | 'start' | 'end';
  separator?: string;
  iconSrc?: string;
  domain?: string;
  lookup?: string;
  hosts?: HostMap | string;
  /** A CSS selector for the element to append the strip to; default `<body>`. */
  target?: string;
}

const BADGE_OPTIONS = [
  'icp',
  'psb',
  'telecom',
  'algorithm',
  'filings',
  'genai',
  'vanity',
  'contacts',
  'report',
  'app',
  'layout',
  'align',
  'separator',
  'iconSrc',
  'domain',
  'lookup',
  'hosts',
] as const;
const OPTIONS: readonly string[] = [...BADGE_OPTIONS, 'target'];

/** `iconSrc` → `data-icon-src`: how an option is written on a script tag. */
const dataAttribute = (key: string) => `data-${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Shows the filing footer at the end of the page (or of `target`), with no markup to edit: for boxes that take
 * only JavaScript. Returns the strip; its `unmount()` takes it away. Unknown options are named in a warning.
 * Called again (a theme that re-runs the page's scripts on each navigation), it shows the new options in the
 * strip already there, never a second one.
 */
export function mount(options: FooterOptions): BeianFooter {
  const footer =
    [...document.querySelectorAll('beian-footer')].find((f) => f.mounted) ?? document.createElement('beian-footer');
  footer.replaceChildren();
  footer.target = undefined;
  const badge = footer.appendChild(document.createElement('beian-badge'));
  for (const [key, value] of Object.entries(options)) {
    if (key === 'target') footer.target = value as string;
    else if (OPTIONS.includes(key)) Object.assign(badge, { [key]: value });
    else console.warn(`beian.mount(): unknown option "${key}" is ignored; use ${OPTIONS.join(', ')}.`);
  }
  footer.mount();
  return footer;
}

/**
 * The options a `<script data-…>` gives: `data-icp`, `data-filings` (a list, as the badge's attribute),
 * `data-app` (present, or any value but "false"), `data-report` (present for 12377, or the names of the report
 * links)… Unknown attributes are named in a warning, as they were written.
 */
export function optionsFromScript(script: HTMLOrSVGScriptElement): FooterOptions {
  const options: Record<string, unknown> = {};
  for (const [key, value = ''] of Object.entries(script.dataset)) {
    if (!OPTIONS.includes(key)) {
      console.warn(
        `beian-footer.js: unknown attribute ${dataAttribute(key)} is ignored; use ${OPTIONS.map(dataAttribute).join(', ')}.`,
      );
    } else if (key === 'app' || (key === 'report' && (value === '' || value === 'false')))
      options[key] = value !== 'false';
    else options[key] = value;
  }
  return options;
}
