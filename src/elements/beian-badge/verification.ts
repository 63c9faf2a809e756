/**
 * The verifying half of `<beian-badge>`, loaded only when a lookup endpoint is configured: a @lit/task that asks
 * the lookup service about the badge's numbers, and the mark it adds after each one. The numbers and their links
 * are on screen before this loads and stay whatever it answers.
 */
import { initialState, Task, TaskStatus } from '@lit/task';
import { nothing, type ReactiveController, type TemplateResult } from 'lit';
import type { LookupClient } from '../../client/index.js';
import type { VerifyAnswer, VerifyPart } from '../../contract/client.js';
import { unfileable } from '../../core/domains.js';
import type { Filing } from '../../core/parse.js';
import type { Lang } from '../internal/i18n.js';
import type { BeianBadge } from './beian-badge.js';
import { BeianBadgeVerifiedEvent } from './events.js';
import { DetailsPopover, type MarkKey } from './verification/details-popover.js';
import { renderMark } from './verification/mark.js';
import { styles } from './verification/mark.styles.js';

/** What the badge hands over: the lookup endpoint, the site's domain and the numbers it shows. */
export type VerifyInput = readonly [endpoint: string, domain: string, filings: readonly Filing[]];

/**
 * What the task asks: primitives, and the badge's own client (one object, unchanged between updates), so an
 * unchanged question never re-runs it (lit/lit#3142).
 */
type VerifyArgs = readonly [endpoint: string, domain: string, icp: string, psb: string, client?: LookupClient];

/** The answer, with the numbers it is about (so a mark never lands on numbers that were not checked). */
interface Checked {
  icp: string;
  psb: string;
  answer: VerifyAnswer;
}

/**
 * The question for the first valid ICP number and the first valid 公安 number; none for a host no site can be
 * filed under (`*.test`, `*.local`, an intranet name): asking would only tell the service the name.
 */
function question([endpoint, domain, filings]: VerifyInput, client: LookupClient | undefined): VerifyArgs {
  const find = (kind: string) => filings.find((f) => f.kind.startsWith(kind) && f.normalized);
  return [
    endpoint,
    domain && fileable(domain) ? domain : '',
    find('icp')?.normalized ?? '',
    find('psb')?.psbCode ?? '',
    client,
  ];
}

// The task asks for its question at every update: each bad domain is reported once.
const warned = new Set<string>();

function fileable(domain: string): boolean {
  let host = '';
  try {
    host = new URL(`http://${domain}`).hostname;
  } catch {
    // Not a URL's host: refused below.
  }
  // Browsers differ on what they let through (Chrome keeps a space, escaped): letters, digits, dots and hyphens.
  if (!/^[a-z\d.-]+$/.test(host)) {
    if (!warned.has(domain)) {
      warned.add(domain);
      console.warn(
        `<beian-badge>: domain="${domain}" is not a host name, so the numbers are not verified; give the site's host, as "www.example.cn".`,
      );
    }
    return false;
  }
  return !unfileable(host);
}

// The lookup client is a chunk of its own: fetched as soon as this one runs, while the badge sets up its task.
void import('../../client/index.js');

const verifiers = new WeakMap<BeianBadge, Verifier>();

/** Starts verifying a badge's numbers (once per badge): from now on, each update asks about its latest input. */
export function verify(host: BeianBadge, input: () => VerifyInput): void {
  if (!verifiers.has(host)) verifiers.set(host, new Verifier(host, input));
}

/** The mark after an ICP or 公安 number of a badge, once the service has answered about it; nothing before. */
export function mark(host: BeianBadge, filing: Filing, lang: Lang): TemplateResult | typeof nothing {
  return verifiers.get(host)?.mark(filing, lang) ?? nothing;
}

/** Asks the lookup service about one badge's numbers, and renders their marks. */
class Verifier implements ReactiveController {
  readonly task: Task<VerifyArgs, Checked>;
  readonly #popover: DetailsPopover;

  constructor(host: BeianBadge, input: () => VerifyInput) {
    adoptStyles(host);
    this.task = new Task(host, {
      args: () => question(input(), host.client),
      // The signal is forwarded: a superseded check stops waiting, and only the latest one completes.
      task: async ([endpoint, domain, icp, psb, client], { signal }) => {
        if (!endpoint || !domain || !(icp || psb)) return initialState;
        // Its own chunk (client + contract schemas), fetched in parallel with this one by the badge.
        const { clientFor } = await import('../../client/index.js');
        const query = { domain, icp: icp || undefined, psb: psb || undefined };
        return { icp, psb, answer: await (client ?? clientFor(endpoint)).verify(query, { signal }) };
      },
      onComplete: ({ answer }) => host.dispatchEvent(new BeianBadgeVerifiedEvent(answer)),
    });
    this.#popover = new DetailsPopover(host);
    // After the task's own: by the time this hostUpdate runs, a new check has begun.
    host.addController(this);
    host.requestUpdate();
  }

  mark(filing: Filing, lang: Lang): TemplateResult | typeof nothing {
    const key: MarkKey | undefined = filing.kind === 'psb' ? 'psb' : filing.kind.startsWith('icp') ? 'icp' : undefined;
    const part = key && this.#part(filing, key);
    return part ? renderMark(filing, part, key, this.#popover, lang) : nothing;
  }

  /** A new check: no details stay open. */
  hostUpdate(): void {
    if (this.task.status !== TaskStatus.COMPLETE) this.#popover.closeAll();
  }

  /** What the latest answer says about this number: none while a newer check runs, or if it did not ask about it. */
  #part(filing: Filing, key: MarkKey): VerifyPart | null | undefined {
    const value = this.task.value;
    if (this.task.status !== TaskStatus.COMPLETE || !value || filing.normalized === null) return undefined;
    if (key === 'icp' ? value.icp !== filing.normalized : value.psb !== filing.psbCode) return undefined;
    const answer = value.answer;
    // A failed lookup (timeout, network, malformed answer) has no parts: it is unknown for every number.
    const failed =
      answer.status === 'unknown'
        ? { status: 'unknown', reason: answer.reason, record: null, source: null, checkedAt: '' }
        : null;
    return answer[key] ?? failed;
  }
}

/** Adds the marks' styles to the badge's own. */
function adoptStyles(host: BeianBadge): void {
  const root = host.shadowRoot;
  const sheet = styles.styleSheet;
  // Where constructable stylesheets are missing, Lit's own styles fall back to <style>; the marks stay unstyled.
  if (root && sheet && !root.adoptedStyleSheets.includes(sheet))
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}
