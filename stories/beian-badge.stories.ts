import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, nothing } from 'lit';
import '../src/beian-badge.js';
import { LookupClient, shareClient } from '../src/client/index.js';
import { AI_APP, APP_ABOUT, BIG_SITE, VANITY_BLOG } from '../demo/footers.js';

// Storybook has no lookup service: the badges' endpoint answers from these, in the contract's shapes.
const STORY_LOOKUP = 'https://lookup.example/v1';
const checkedAt = '2026-11-30T08:00:00Z';
const icpPart = (status: string, authority: string | null, reason: string | null = null) => ({
  status,
  reason,
  checkedAt,
  source: authority && { authority },
  record:
    status === 'valid'
      ? {
          unitName: '示例科技有限公司',
          natureName: '企业',
          siteName: '示例',
          approvedAt: '2026-03-02T10:00:00+08:00',
          domain: 'example.cn',
        }
      : null,
});
const VERIFY: Record<string, object> = {
  'verified.example.cn': { status: 'valid', icp: icpPart('valid', 'official-mirror') },
  'declared.example.cn': { status: 'valid', icp: icpPart('valid', 'self-declared') },
  'elsewhere.example.cn': { status: 'mismatch', icp: icpPart('mismatch', 'official-mirror', 'domain-mismatch') },
  'throttled.example.cn': {
    status: 'unknown',
    reason: 'upstream-throttled',
    icp: icpPart('unknown', null, 'upstream-throttled'),
  },
};
shareClient(
  new LookupClient({
    endpoint: STORY_LOOKUP,
    storage: null,
    fetch: async (input) => {
      const domain = new URL(String(input)).searchParams.get('domain') ?? '';
      const body = { reason: null, checkedAt, expiresAt: null, psb: null, ...VERIFY[domain] };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    },
  }),
);

/** The badge's attributes as story args. */
export interface BadgeArgs {
  icp?: string;
  psb?: string;
  telecom?: string;
  algorithm?: string;
  filings?: string;
  genai?: string;
  vanity?: string;
  contacts?: string;
  /** true for 12377 alone, or the names of the report links. */
  report?: boolean | string;
  layout?: 'inline' | 'stacked' | 'about';
  align?: 'center' | 'start' | 'end';
  lang?: string;
  /** The site's domain, for the stories that verify against the stories' lookup endpoint. */
  verifyAs?: string;
  /** Plain links the badge wraps (progressive enhancement), as [href, text] pairs. */
  fallback?: [string, string][];
  /** Page background and text colour around the badge. */
  page?: { background: string; color: string; width?: string };
}

/** Renders one state; the browser tests render every story through this same function. */
export function render(args: BadgeArgs) {
  const badge = html`<beian-badge icp=${args.icp ?? nothing} psb=${args.psb ?? nothing} telecom=${args.telecom ?? nothing}
    algorithm=${args.algorithm ?? nothing} filings=${args.filings ?? nothing} genai=${args.genai ?? nothing}
    vanity=${args.vanity ?? nothing} contacts=${args.contacts ?? nothing} report=${args.report === true ? '' : args.report || nothing}
    layout=${args.layout ?? nothing} align=${args.align ?? nothing}
    lang=${args.lang ?? nothing} lookup=${args.verifyAs ? STORY_LOOKUP : nothing} domain=${args.verifyAs ?? nothing}>${(args.fallback ?? []).map(([href, text]) => html`<a href=${href}>${text}</a> `)}</beian-badge>`;
  const page = args.page;
  return page
    ? html`<div style="background:${page.background};color:${page.color};max-width:${page.width ?? 'none'};padding:1rem">${badge}</div>`
    : badge;
}

const meta: Meta<BadgeArgs> = {
  title: 'beian-badge',
  component: 'beian-badge',
  render,
  excludeStories: ['render'],
  args: { icp: '京ICP备2026002630号-1', psb: '京公网安备11010602202215号' },
  argTypes: {
    layout: { control: 'inline-radio', options: ['inline', 'stacked', 'about'] },
    align: { control: 'inline-radio', options: ['center', 'start', 'end'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
  },
};
export default meta;

type Story = StoryObj<BadgeArgs>;

/** The ICP number linked to MIIT and the 公安 number with the police icon, linked to its record. */
export const Default: Story = {};

export const LicenceOnly: Story = { args: { icp: '京ICP证080047号', psb: undefined } };

export const PsbOnly: Story = { args: { icp: undefined, psb: '粤公网安备44130202001617号' } };

export const AllItems: Story = {
  args: {
    icp: '浙ICP备2025148805号-1',
    telecom: '浙B2-20080101',
    psb: '浙公网安备33018302001830号',
    algorithm: '网信算备310115124334401240013号',
    report: true,
  },
};

/** Typed with spaces, a full-width hyphen and no 号: shown in canonical form. */
export const Normalised: Story = { args: { icp: '沪ICP备 15045419号－1', psb: '晋公网安备 14010502050691' } };

/** Shown as given and marked invalid (attribute, custom state and `invalid` part), with a console warning and an event. */
export const Invalid: Story = { args: { icp: '京ICP备123号', psb: '黔公网安备33010802007421号' } };

export const Stacked: Story = {
  args: { layout: 'stacked', icp: '蜀ICP备2026033844号-1', psb: '川公网安备51012402001727号' },
};

export const StartAligned: Story = { args: { align: 'start' } };

/** Inherits colour and font from a dark page. */
export const DarkPage: Story = { args: { page: { background: '#16181d', color: '#c9ced6' } } };

export const TraditionalChinese: Story = { args: { lang: 'zh-TW', report: true } };

export const English: Story = { args: { lang: 'en', telecom: '粤B2-20090059-5', report: true } };

export const NarrowWidth: Story = {
  args: { report: true, page: { background: 'transparent', color: 'inherit', width: '14rem' } },
};

/** Wrapping a theme's plain (and outdated) links: the badge reads the numbers and renders the compliant footer. */
export const WrappingPlainLinks: Story = {
  args: {
    icp: undefined,
    psb: undefined,
    fallback: [
      ['http://www.beian.miit.gov.cn/', '粤ICP备17087427号-1'],
      ['http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=44010502001297', '粤公网安备44010502001297号'],
    ],
  },
};

/** Verified against the lookup service: ✓ after the number; hover, focus or tap for the record. */
export const Verified: Story = { args: { psb: undefined, verifyAs: 'verified.example.cn' } };

/** The record is the site's own declaration: a neutral mark, never a ✓. */
export const SelfDeclared: Story = { args: { psb: undefined, verifyAs: 'declared.example.cn' } };

/** The number is on file for another domain: ⚠, with what the site owner should do; the number stays. */
export const Mismatch: Story = { args: { psb: undefined, verifyAs: 'elsewhere.example.cn' } };

/** The service could not tell (a throttled registry): no alarm, only ⓘ "could not verify right now". */
export const CouldNotVerify: Story = { args: { psb: undefined, verifyAs: 'throttled.example.cn' } };

/**
 * A big platform's footer: every licence with its label (legal wording, in Chinese), the site's own links for the
 * business licence and the algorithm's notice, telecom to tsm.miit.gov.cn, report links and contacts.
 */
export const BigSiteFooter: Story = { args: { ...BIG_SITE } };

/** The same footer on a phone: items wrap between them, labels wrap where they must, numbers never break. */
export const BigSiteOnAPhone: Story = {
  args: { ...BIG_SITE, page: { background: 'transparent', color: 'inherit', width: '360px' } },
};

/** Labels stay in Chinese (the legal wording); their titles and the links' accessible names are in English. */
export const BigSiteInEnglish: Story = { args: { ...BIG_SITE, lang: 'en' } };

/** An AI assistant's disclosure: each model's name with its 备案号 or 上线编号. */
export const AiDisclosure: Story = { args: { ...AI_APP } };

/** An app's about page: one number per line, the filing system's address below the ICP number, the MPS app search. */
export const AppAboutPage: Story = { args: { ...APP_ABOUT, layout: 'about' } };

/** A blog with a 萌ICP number: after the legal ones, linked to its registry, never validated as ICP. */
export const BlogWithVanity: Story = { args: { ...VANITY_BLOG } };
