import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Kind } from '../src/contract/values.js';
import { html, nothing } from 'lit';
import { ref } from 'lit/directives/ref.js';
import '../src/beian-query.js';
import type { BeianQuery } from '../src/beian-query.js';
import { LookupClient } from '../src/client/index.js';

// Storybook has no lookup service: the stories' client answers from these, in the contract's shapes.
const XIAOMI = {
  unitName: '小米科技有限责任公司',
  natureName: '企业',
  mainLicence: '京ICP备10046444号',
  serviceLicence: '京ICP备10046444号-9',
  domain: 'mi.cn',
  siteName: '小米科技',
  limitAccess: false,
  approvedAt: '2021-08-16T13:55:56+08:00',
};
const QQ = {
  code: '44030002000001',
  display: '粤公网安备44030002000001号',
  websiteName: '腾讯网',
  mainDomain: 'qq.com',
  domains: ['qq.com'],
  unitName: '深圳市腾讯计算机系统有限公司',
  unitType: '企业单位',
  websiteType: '交互式',
  department: '南山区网安大队',
  filedAt: '2017-07-14',
};
const answer = (status: string, records: unknown[] = [], error: unknown = null) => ({
  status,
  reason: null,
  record: records[0] ?? null,
  records,
  expiresAt: null,
  source: records.length ? { authority: 'official-mirror' } : null,
  error,
});
const ANSWERS: Record<string, unknown> = {
  'unit=小米科技有限责任公司': answer('valid', [
    XIAOMI,
    { ...XIAOMI, serviceLicence: '京ICP备10046444号-10', domain: 'xiaomi.com', siteName: '小米商城' },
  ]),
  'domain=mi.cn': answer('valid', [XIAOMI]),
  'domain=qq.com': answer('valid', [QQ]),
  'code=44030002000001': answer('valid', [QQ]),
  'number=京ICP备2026000001号-1': answer('not-found'),
  'number=京ICP备2026999999号-1': answer('unknown'),
};

/** A client whose transport answers from ANSWERS after `delay` ms. */
function storyClient(delay = 300) {
  return new LookupClient({
    endpoint: 'https://lookup.example/v1',
    storage: null,
    fetch: async (input) => {
      const params = new URL(String(input)).searchParams;
      const key = [...params]
        .filter(([k]) => k !== 'type')
        .map(([k, v]) => `${k}=${v}`)
        .join('&');
      await new Promise((r) => setTimeout(r, delay));
      return new Response(JSON.stringify(ANSWERS[key] ?? answer('not-found')), {
        headers: { 'Content-Type': 'application/json' },
      });
    },
  });
}

export interface QueryArgs {
  value?: string;
  mode?: Kind;
  lang?: string;
  /** Search on render, as if the visitor pressed the button. */
  run?: boolean;
  /** How long the stories' service takes to answer. */
  delay?: number;
  width?: string;
}

/** Renders one state; the browser tests render every story through this same function. */
export function render(args: QueryArgs) {
  const run = (el?: Element) =>
    el && args.run && void (el as BeianQuery).updateComplete.then(() => (el as BeianQuery).submit());
  return html`<div style="max-width:${args.width ?? '48rem'}"><beian-query .client=${storyClient(args.delay)} .value=${args.value ?? ''}
    mode=${args.mode ?? nothing} lang=${args.lang ?? nothing} ${ref(run)}></beian-query></div>`;
}

const meta: Meta<QueryArgs> = {
  title: 'beian-query',
  component: 'beian-query',
  render,
  excludeStories: ['render'],
  argTypes: {
    mode: { control: 'inline-radio', options: ['icp', 'psb'] },
    lang: { control: 'inline-radio', options: ['zh-CN', 'zh-TW', 'en'] },
  },
};
export default meta;

type Story = StoryObj<QueryArgs>;

export const Empty: Story = {};
/** A holder with several sites: every record, MIIT columns. */
export const IcpRecords: Story = { args: { value: '小米科技有限责任公司', run: true } };
/** 公安 records, MPS columns, deep link to the record. */
export const PsbRecords: Story = { args: { value: '44030002000001', mode: 'psb', run: true } };
export const NotFound: Story = { args: { value: '京ICP备2026000001号-1', run: true } };
export const Unavailable: Story = { args: { value: '京ICP备2026999999号-1', run: true } };
/** Inline validation, before any request. */
export const InvalidInput: Story = { args: { value: '1101050201234', run: true } };
export const Searching: Story = { args: { value: 'mi.cn', run: true, delay: 3_600_000 } };
export const English: Story = { args: { value: 'mi.cn', run: true, lang: 'en' } };
export const TraditionalChinese: Story = { args: { value: 'mi.cn', run: true, lang: 'zh-TW' } };
/** Records as cards in a narrow container. */
export const Narrow: Story = { args: { value: '小米科技有限责任公司', run: true, width: '20rem' } };
