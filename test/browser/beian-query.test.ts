// <beian-query> against the real reference server (started by the test runner): each input kind, each status,
// validation before any request, cancel on resubmit, URL state, languages, and axe in every state.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { BeianQuery } from '../../src/beian-query.js';
import { LookupClient } from '../../src/client/index.js';
import type { BeianQueryResultEvent } from '../../src/index.js';

const { server } = (await (await fetch('/__lookup')).json()) as { server: string };
const endpoint = `${server}/v1`;
const count = async (path: string) => (await (await fetch(`${server}/__count?path=${path}`)).json()).count as number;

beforeEach(async () => {
  await fetch(`${server}/__reset`);
  localStorage.clear();
});

async function form(template: TemplateResult = html`<beian-query lookup=${endpoint}></beian-query>`) {
  const el = await fixture<BeianQuery>(template);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: BeianQuery, selector: string) =>
  el.shadowRoot!.querySelector<T>(selector)!;

/** Types like a visitor and presses Enter. */
async function search(el: BeianQuery, text: string) {
  const input = $<HTMLInputElement>(el, 'input[type="search"]');
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  $<HTMLFormElement>(el, 'form').requestSubmit();
  await el.updateComplete;
  await waitUntil(
    () =>
      $(el, '[part~="results"]').getAttribute('aria-busy') === 'false' &&
      ($(el, '[part~="results"]').textContent!.trim() !== '' || $(el, '[part~="error"]').textContent !== ''),
    'search finished',
    { timeout: 4000 },
  );
  await el.updateComplete;
}

const headers = (el: BeianQuery) => [...el.shadowRoot!.querySelectorAll('th')].map((th) => th.textContent);
const rows = (el: BeianQuery) =>
  [...el.shadowRoot!.querySelectorAll('tbody tr')].map((tr) =>
    [...tr.querySelectorAll('td')].map((td) => td.textContent),
  );

describe('<beian-query>', () => {
  it('is an accessible search form with a type selector, defined once', async () => {
    const el = await form();
    expect(customElements.get('beian-query')).to.equal(BeianQuery);
    expect($(el, 'form').getAttribute('role')).to.equal('search');
    expect([...el.shadowRoot!.querySelectorAll('option')].map((o) => o.textContent)).to.deep.equal([
      '网站',
      'App',
      '小程序',
      '快应用',
    ]);
    expect($(el, 'label.query').textContent).to.equal('单位名称、域名或备案号');
    await expect(el).to.be.accessible();
  });

  it('an ICP number → the MIIT columns of the record', async () => {
    const events: BeianQueryResultEvent[] = [];
    const el = await form();
    el.addEventListener('beian-query-result', (e) => events.push(e));
    await search(el, '京ICP备 2021012345号－1');
    expect(headers(el)).to.deep.equal([
      '主办单位名称',
      '主办单位性质',
      '网站备案号',
      '网站名称',
      '网站首页网址',
      '审核日期',
      '是否限制接入',
    ]);
    expect(rows(el)).to.deep.equal([
      ['示例科技有限公司', '企业', '京ICP备2021012345号-1', '示例', 'example.cn', '2023/5/29', '否'],
    ]);
    expect($(el, 'caption').textContent).to.equal('共 1 条记录');
    expect($<HTMLAnchorElement>(el, '[part~="link"]').href).to.equal('https://beian.miit.gov.cn/');
    // Who vouches for the record (contract D): here the operator's dataset, not the registry.
    expect($(el, '.source').textContent).to.equal('来源：站点维护的数据集');
    await search(el, 'blog.cn');
    expect($(el, '.source').textContent).to.equal('来源：网站自行声明');
    expect(events).to.have.length(2);
    expect(events[0].query).to.deep.equal({ kind: 'icp', by: 'number', value: '京ICP备2021012345号-1' });
    expect([events[0].bubbles, events[0].composed]).to.deep.equal([true, true]);
    await expect(el).to.be.accessible();
  });

  it('a URL → its domain; a unit name → every site of the holder', async () => {
    const el = await form();
    await search(el, 'https://www.example.cn/about?x=1');
    expect(rows(el).map((r) => r[2])).to.deep.equal(['京ICP备2021012345号-1']);
    await search(el, '示例科技有限公司');
    expect(rows(el).map((r) => r[2])).to.deep.equal(['京ICP备2021012345号-1', '京ICP备2021012345号-2']);
    expect($(el, 'caption').textContent).to.equal('共 2 条记录');
  });

  it('a 公安 number → the MPS columns, deep-linked to the record; 公安 records by domain too', async () => {
    const el = await form();
    await search(el, '京公网安备 11010502012345号');
    expect(el.mode, "a number chooses its records; the mode stays the visitor's").to.equal('icp');
    expect(headers(el)).to.deep.equal([
      '网站名称',
      '主域名',
      '开办者名称',
      '开办主体',
      '网站类别',
      '公安备案号',
      '备案地公安机关',
      '联网备案时间',
    ]);
    expect(rows(el)[0]).to.deep.equal([
      '示例',
      'example.cn',
      '示例科技有限公司',
      '企业单位',
      '非交互式',
      '京公网安备11010502012345号',
      '北京市公安局朝阳分局',
      '2021/6/18',
    ]);
    expect($<HTMLAnchorElement>(el, '[part~="link"]').href).to.equal(
      'https://beian.mps.gov.cn/#/query/webSearch?code=11010502012345',
    );
    $<HTMLInputElement>(el, 'input[value="psb"]').click();
    await search(el, 'www.example.com.cn');
    expect(rows(el).map((r) => r[5])).to.deep.equal(['京公网安备11010502012345号']);
    await expect(el).to.be.accessible();
  });

  it('offers only what the service can search (its /v1/meta), once focused', async () => {
    const el = await form(html`<beian-query lookup="${server}/websites-only/v1" mode="psb" type="app"></beian-query>`);
    expect(el.shadowRoot!.querySelectorAll('input[name="mode"]')).to.have.length(
      2,
      'everything until the service has said',
    );
    $<HTMLInputElement>(el, 'input[type="search"]').focus();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('input[name="mode"]').length === 1, 'the 公安 mode hidden');
    expect([el.mode, el.type]).to.deep.equal(['icp', 'web']);
    expect([...el.shadowRoot!.querySelectorAll('option')].map((o) => o.value)).to.deep.equal(['web']);
    await expect(el).to.be.accessible();
  });

  it('an app number searches the App records', async () => {
    const el = await form();
    await search(el, '鄂ICP备2024036893号-1A');
    expect(rows(el)[0][3]).to.equal('示例App');
  });

  for (const [text, message] of [
    ['京ICP备2026000012号-1', '未查到备案记录。'],
    ['京ICP备2026000022号-1', '查询暂不可用，请稍后重试。'],
    ['粤ICP备19087654号-2', '该备案已注销。'],
    ['printer.local', 'printer.local 无法备案：这不是公网域名。'],
  ]) {
    it(`"${text}" → "${message}" with a link to the official site`, async () => {
      const el = await form();
      await search(el, text);
      expect($(el, '[part~="message"]').textContent).to.contain(message);
      expect($<HTMLAnchorElement>(el, '[part~="message"] a').href).to.equal('https://beian.miit.gov.cn/');
      await expect(el).to.be.accessible();
    });
  }

  for (const [text, mode, message] of [
    ['1101050201234', 'icp', '公安备案号应为14位数字，“1101050201234”为13位。'],
    ['京ICP备123号', 'icp', 'ICP备案编号应为8或10位数字，“123”为3位。'],
    ['', 'icp', '请输入查询条件。'],
    ['小米科技有限责任公司', 'psb', '公安备案只能按域名或备案号查询。'],
  ] as const) {
    it(`validates "${text}" (${mode}) before any request`, async () => {
      const el = await form(html`<beian-query lookup=${endpoint} mode=${mode}></beian-query>`);
      await search(el, text);
      const error = $(el, '[part~="error"]');
      expect(error.textContent).to.equal(message);
      expect(error.getAttribute('role'), 'announced').to.equal('alert');
      expect($(el, 'input[type="search"]').getAttribute('aria-invalid')).to.equal('true');
      expect($(el, 'input[type="search"]').getAttribute('aria-describedby')).to.equal(error.id);
      expect((await count('/v1/icp')) + (await count('/v1/psb'))).to.equal(0);
      await expect(el).to.be.accessible();
      $<HTMLInputElement>(el, 'input[type="search"]').dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      expect(error.textContent, 'typing clears the message').to.equal('');
    });
  }

  it("draws at most the contract's 20 records, however many a service sends", async () => {
    const el = await form(html`<beian-query lookup="${server}/hostile/many/v1"></beian-query>`);
    await search(el, '示例科技有限公司');
    expect(rows(el)).to.have.length(20);
    expect(rows(el)[19]).to.include('站点19');
  });

  for (const [lang, message] of [
    ['zh-CN', '本服务未收录该记录（不代表未备案），请在官方网站核对。'],
    ['en', 'This service has no such record, which does not mean it is not filed; check on the official site.'],
  ]) {
    it(`a record a dataset-only service does not have is no "try again later" (${lang})`, async () => {
      const el = await form(html`<beian-query lang=${lang} lookup="${server}/websites-only/v1"></beian-query>`);
      await search(el, 'not-listed.cn');
      expect($(el, '[part~="message"]').textContent).to.contain(message);
      expect($(el, '[part~="message"]').textContent).not.to.match(/稍后重试|try again/);
      await expect(el).to.be.accessible();
    });
  }

  it('says so when its transport fails outright (a custom client that throws), and searches again on the next submit', async () => {
    const el = await form();
    const calls: string[] = [];
    el.client = Object.assign(new LookupClient({ endpoint, storage: null }), {
      ask: (path: string) => (calls.push(path), Promise.reject(new TypeError('proxy down'))),
    });
    await search(el, 'example.cn');
    expect($(el, '[part~="results"]').textContent).to.contain('查询暂不可用');
    await search(el, 'example.cn');
    // Both searches asked (the form also asked the service's capabilities on focus, through the same client).
    expect(calls.filter((path) => path === 'icp')).to.have.length(2);
  });

  it('words what is wrong with the input in the current language, after a switch too', async () => {
    const el = await form();
    await search(el, '1101050201234');
    expect($(el, '[part~="error"]').textContent).to.equal('公安备案号应为14位数字，“1101050201234”为13位。');
    el.lang = 'en';
    await waitUntil(() => $(el, '[part~="error"]').textContent!.includes('14 digits'), 'now in English');
  });

  it('says when no lookup service is configured', async () => {
    const el = await form(html`<beian-query></beian-query>`);
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await el.updateComplete;
    expect($(el, '[part~="error"]').textContent).to.contain('未配置查询服务');
    el.lang = 'zh-TW';
    await waitUntil(
      () => $(el, '[part~="error"]').textContent!.includes('未設定查詢服務'),
      'the message follows a language switch',
    );
  });

  it('shows progress while searching, and a new search cancels the one in flight', async function () {
    this.timeout(5000);
    const events: BeianQueryResultEvent[] = [];
    const el = await form();
    el.addEventListener('beian-query-result', (e) => events.push(e));
    const input = $<HTMLInputElement>(el, 'input[type="search"]');
    input.value = '京ICP备2026000034号-1'; // answers after 1.5 s
    input.dispatchEvent(new InputEvent('input'));
    $<HTMLFormElement>(el, 'form').requestSubmit();
    await waitUntil(() => el.matches(':state(loading)'), 'loading');
    expect($(el, '[part~="results"]').getAttribute('aria-busy')).to.equal('true');
    const status = $(el, '[part~="status"]');
    expect(status.textContent).to.contain('查询中');
    // Announced from its own live region: the results region is busy (held back) until the answer is in.
    expect(status.getAttribute('role')).to.equal('status');
    expect($(el, '[part~="results"]').contains(status)).to.be.false;
    await expect(el).to.be.accessible();
    await search(el, '京ICP备2021012345号-2');
    expect(rows(el).map((r) => r[2])).to.deep.equal(['京ICP备2021012345号-2']);
    await new Promise((r) => setTimeout(r, 1800));
    await el.updateComplete;
    expect(
      rows(el).map((r) => r[2]),
      'the cancelled search never shows',
    ).to.deep.equal(['京ICP备2021012345号-2']);
    expect(events.map((e) => e.query.value)).to.deep.equal(['京ICP备2021012345号-2']);
  });

  it('keeps the chosen mode: a 公安 code searched in the ICP mode does not turn the next name search into a refusal', async () => {
    const el = await form();
    await search(el, '11010502012345');
    expect(headers(el)).to.include('公安备案号');
    expect(el.mode).to.equal('icp');
    await search(el, '示例科技有限公司');
    expect(rows(el)[0][0]).to.equal('示例科技有限公司');
  });

  it("takes a shared link without a type in the page's own mode", async () => {
    const before = location.href;
    try {
      history.replaceState(null, '', `${location.pathname}?q=example.cn`);
      const el = await form(html`<beian-query url-state mode="psb" lookup=${endpoint}></beian-query>`);
      await waitUntil(() => rows(el).length === 1, 'ran from the URL');
      expect(el.mode).to.equal('psb');
      expect(headers(el)[0]).to.equal('网站名称');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('keeps the search in the URL when asked, and runs it from the URL', async () => {
    const before = location.href;
    try {
      history.replaceState(null, '', `${location.pathname}?q=${encodeURIComponent('11010502012345')}&type=psb`);
      const el = await form(html`<beian-query url-state lookup=${endpoint}></beian-query>`);
      await waitUntil(() => rows(el).length === 1, 'ran from the URL');
      expect(el.mode).to.equal('psb');
      await search(el, '京ICP备2021012345号-1');
      const params = new URLSearchParams(location.search);
      expect([params.get('q'), params.get('type')]).to.deep.equal(['京ICP备2021012345号-1', 'web']);
      const plain = await form();
      await search(plain, 'example.cn');
      expect(new URLSearchParams(location.search).get('q'), 'only with url-state').to.equal('京ICP备2021012345号-1');
      // Typing while a search runs: the URL keeps what was searched, so a shared link shows these results.
      const input = $<HTMLInputElement>(el, 'input[type="search"]');
      input.value = '京ICP备2026000035号-1'; // answers after 1.5 s
      input.dispatchEvent(new InputEvent('input'));
      el.submit();
      await waitUntil(() => el.matches(':state(loading)'), 'searching');
      input.value = 'typed later';
      input.dispatchEvent(new InputEvent('input'));
      await waitUntil(() => !el.matches(':state(loading)'), 'answered', { timeout: 4000 });
      expect(new URLSearchParams(location.search).get('q')).to.equal('京ICP备2026000035号-1');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  for (const [lang, label, column, search_] of [
    ['en', 'Company name, domain or filing number', 'Holder', 'Search'],
    ['zh-TW', '單位名稱、網域或備案號', '主辦單位名稱', '查詢'],
  ] as const) {
    it(`speaks ${lang}`, async () => {
      const el = await form(html`<beian-query lang=${lang} lookup=${endpoint}></beian-query>`);
      expect($(el, 'label.query').textContent).to.equal(label);
      expect($(el, 'button').textContent).to.equal(search_);
      await search(el, 'example.cn');
      expect(headers(el)[0]).to.equal(column);
      expect(rows(el)[0][0]).to.equal('示例科技有限公司', 'record values are never translated');
      await expect(el).to.be.accessible();
    });
  }

  it('follows a language switch on its page', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div lang="zh-CN"><beian-query lookup=${endpoint}></beian-query></div>`,
    );
    const el = wrapper.querySelector('beian-query')!;
    await el.updateComplete;
    wrapper.lang = 'en';
    await waitUntil(() => $(el, 'button').textContent === 'Search', 'switched to English');
  });

  it('lays records out as cards on narrow screens', async () => {
    const wrapper = await fixture<HTMLDivElement>(
      html`<div style="width: 320px"><beian-query lookup=${endpoint}></beian-query></div>`,
    );
    const el = wrapper.querySelector('beian-query')!;
    await search(el, '示例科技有限公司');
    const cell = el.shadowRoot!.querySelector('td')!;
    expect(getComputedStyle(cell).display).to.equal('block');
    // Each value under its column's name: the cell carries it, its ::before shows it (Chromium and WebKit compute
    // that content to the text, Firefox keeps attr(data-label)) and the value starts after it.
    expect(cell.dataset.label).to.equal('主办单位名称');
    const before = getComputedStyle(cell, '::before');
    expect(before.content).to.be.oneOf(['"主办单位名称"', 'attr(data-label)']);
    expect(before.display).to.equal('inline-block');
    const value = document.createRange();
    value.selectNodeContents(cell);
    const text = [...value.getClientRects()].at(-1)!;
    expect(text.left - cell.getBoundingClientRect().left, 'the value after its label').to.be.at.least(
      8 * parseFloat(getComputedStyle(cell).fontSize),
    );
    expect(getComputedStyle($(el, 'thead')).display).to.equal('none');
    await expect(el).to.be.accessible();
  });

  it('puts the 查询类别 legend on the row of its radios, naming their group', async () => {
    const el = await form();
    const group = $(el, '[part~="mode"]');
    const title = group.querySelector('legend')!;
    const radio = group.querySelector('label')!;
    const [a, b] = [title.getBoundingClientRect(), radio.getBoundingClientRect()];
    expect(a.height).to.be.greaterThan(0);
    expect(a.right, 'before the first radio').to.be.at.most(b.left + 0.5);
    expect(a.top < b.bottom && b.top < a.bottom, 'on the same row').to.be.true;
    expect(b.top - group.getBoundingClientRect().top, 'no row above the radios').to.be.below(b.height);
    expect(title.textContent).to.equal('查询类别');
    await expect(el).to.be.accessible();
  });

  it('routes searches through its own client when given one', async () => {
    const asked: string[] = [];
    const client = new LookupClient({
      endpoint,
      storage: null,
      fetch: (input, init) => (asked.push(String(input)), fetch(input, init)),
    });
    const el = await form(html`<beian-query .client=${client}></beian-query>`);
    await search(el, 'shop-example.cn');
    // The search, and on focus what the service can search: both through it, nothing else.
    expect(asked.map((url) => url.slice(endpoint.length))).to.have.members(['/meta?', '/icp?domain=shop-example.cn']);
  });
});
