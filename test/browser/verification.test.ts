// Verification against the real reference server (src/server, started by the test runner on another origin with
// the test dataset and a scripted registry): the client's coalescing, caching and failure handling, and the
// badge's marks in every status. No mock of our own code.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import type { BeianBadge } from '../../src/beian-badge.js';
import '../../src/beian-badge.js';
import { clientFor, LookupClient, shareClient } from '../../src/client/index.js';
import { executeServerCommand, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { BeianBadgeVerifiedEvent } from '../../src/index.js';

const { server } = (await (await fetch('/__lookup')).json()) as { server: string };
const endpoint = `${server}/v1`;
const count = async (path = '/v1/verify') =>
  (await (await fetch(`${server}/__count?path=${path}`)).json()).count as number;
const reset = () => fetch(`${server}/__reset`);

const ICP = '京ICP备2021012345号-1';
const PSB = '京公网安备11010502012345号';
const MINUTE = 60_000;

/** A client that remembers nothing from earlier tests: its own memory, and a storage object per test. */
function freshClient(options: Partial<ConstructorParameters<typeof LookupClient>[0]> = {}) {
  const store = new Map<string, string>();
  const storage = {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
    key: (i: number) => [...store.keys()][i] ?? null,
    get length() {
      return store.size;
    },
  };
  return { client: new LookupClient({ endpoint, storage, ...options }), storage, store };
}

beforeEach(async () => {
  await reset();
  localStorage.clear();
});

describe('LookupClient against the reference server', () => {
  it('validates the answer and reads each status', async () => {
    const { client } = freshClient();
    const cases = [
      [{ domain: 'example.cn', icp: ICP, psb: '11010502012345' }, 'valid', 'valid', 'valid'],
      [{ domain: 'other-site.com', icp: ICP }, 'mismatch', 'mismatch', null],
      [{ domain: 'gone.cn', icp: '粤ICP备19087654号-2' }, 'cancelled', 'cancelled', null],
      [{ domain: 'notfound.cn', icp: '京ICP备2026000010号-1' }, 'not-found', 'not-found', null],
      [{ domain: 'throttled.cn', icp: '京ICP备2026000020号-1' }, 'unknown', 'unknown', null],
    ] as const;
    for (const [query, status, icp, psb] of cases) {
      const answer = await client.verify(query);
      expect(answer.status, query.domain).to.equal(status);
      expect(answer.icp?.status).to.equal(icp);
      expect(answer.psb?.status ?? null).to.equal(psb);
    }
    const valid = await client.verify({ domain: 'example.cn', icp: ICP, psb: '11010502012345' });
    expect(valid.icp?.record).to.deep.include({ unitName: '示例科技有限公司', siteName: '示例' });
    expect(valid.psb?.record).to.deep.include({ department: '北京市公安局朝阳分局' });
    expect((await client.verify({ domain: 'throttled.cn', icp: '京ICP备2026000020号-1' })).retryAfter).to.equal(300);
  });

  it('coalesces identical questions into one request, and answers repeats from its cache', async () => {
    const { client } = freshClient();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => client.verify({ domain: 'c1.example.cn', icp: ICP })),
    );
    expect(answers.every((a) => a.status === 'valid')).to.be.true;
    expect(await count()).to.equal(1);
    await client.verify({ domain: 'c1.example.cn', icp: ICP });
    expect(await count()).to.equal(1);
  });

  it('a new page view within the TTL asks nothing: the answer persists in storage', async () => {
    const first = freshClient();
    await first.client.verify({ domain: 'c2.example.cn', icp: ICP });
    let fetched = 0;
    const nextPage = new LookupClient({
      endpoint,
      storage: first.storage,
      fetch: (input, init) => (fetched++, fetch(input, init)),
    });
    expect((await nextPage.verify({ domain: 'c2.example.cn', icp: ICP })).status).to.equal('valid');
    expect(fetched, 'not even the browser cache is asked').to.equal(0);
    expect(await count()).to.equal(1);
  });

  it('removes expired and unreadable entries as it goes, at most every ten minutes, and leaves other keys alone', async () => {
    let now = Date.now();
    const { client, store } = freshClient({ now: () => now });
    const kept = (until: number) =>
      JSON.stringify({ answer: { status: 'valid', reason: null, expiresAt: null }, until });
    store.set(`beian:${endpoint}/icp?domain=old.cn`, kept(now - 1));
    store.set(`beian:${endpoint}/icp?domain=fresh.cn`, kept(now + MINUTE));
    store.set('beian:broken', '{');
    store.set('theme', 'dark');
    const c4 = `beian:${endpoint}/verify?domain=c4.example.cn&icp=${encodeURIComponent(ICP)}`;
    await client.verify({ domain: 'c4.example.cn', icp: ICP });
    expect([...store.keys()]).to.have.members([`beian:${endpoint}/icp?domain=fresh.cn`, 'theme', c4]);
    // Within ten minutes no sweep runs again; after them, what expired meanwhile goes too (a verified answer: 1 h).
    store.set('beian:broken', '{');
    await client.verify({ domain: 'c5.example.cn', icp: ICP });
    expect(store.has('beian:broken')).to.be.true;
    now += 61 * MINUTE;
    await client.verify({ domain: 'c6.example.cn', icp: ICP });
    expect(store.has('beian:broken')).to.be.false;
    expect(store.has(c4), 'expired an hour on').to.be.false;
    expect(store.has(`beian:${endpoint}/verify?domain=c6.example.cn&icp=${encodeURIComponent(ICP)}`)).to.be.true;
  });

  it('keeps a 429 in memory for its Retry-After, never in storage for the next page', async () => {
    const { client, store } = freshClient({ endpoint: `${server}/limited/v1` });
    const answer = await client.verify({ domain: 'c7.example.cn', icp: ICP });
    expect(answer).to.include({ status: 'unknown', reason: 'http-429' });
    expect(answer.retryAfter).to.be.greaterThan(0);
    expect([...store.keys()]).to.deep.equal([]);
  });

  it('keeps working in memory where storage is blocked', async () => {
    const deny = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    const blocked = {
      getItem: deny,
      setItem: deny,
      removeItem: deny,
      key: deny,
      get length() {
        return deny();
      },
    };
    const client = new LookupClient({ endpoint, storage: blocked });
    expect((await client.verify({ domain: 'c3.example.cn', icp: ICP })).status).to.equal('valid');
    expect((await client.verify({ domain: 'c3.example.cn', icp: ICP })).status).to.equal('valid');
    expect(await count()).to.equal(1);
  });

  it('times out to the neutral unknown, and waits before asking again', async () => {
    const { client } = freshClient({ timeoutMs: 200 });
    const answer = await client.verify({ domain: 'slow.cn', icp: '京ICP备2026000030号-1' });
    expect(answer).to.include({ status: 'unknown', reason: 'timeout' }); // the server answers only after 1.5 s
    await client.verify({ domain: 'slow.cn', icp: '京ICP备2026000030号-1' });
    expect(await count()).to.equal(1, 'no retry storm');
  });

  it('turns a refused connection and a malformed body into unknown, never a throw', async () => {
    const down = new LookupClient({ endpoint: 'http://127.0.0.1:9/v1', storage: null });
    expect(await down.verify({ domain: 'example.cn', icp: ICP })).to.include({ status: 'unknown', reason: 'network' });
    const garbage = new LookupClient({ endpoint: `${server}/garbage/v1`, storage: null });
    expect(await garbage.verify({ domain: 'example.cn', icp: ICP })).to.include({
      status: 'unknown',
      reason: 'invalid-response',
    });
  });

  it('a caller that stops waiting does not cancel the request for the others', async () => {
    const { client } = freshClient();
    const controller = new AbortController();
    const abandoned = client.verify({ domain: 'slow.cn', icp: '京ICP备2026000031号-1' }, { signal: controller.signal });
    const kept = client.verify({ domain: 'slow.cn', icp: '京ICP备2026000031号-1' });
    controller.abort();
    let rejected = false;
    await abandoned.catch(() => (rejected = true));
    expect(rejected).to.be.true;
    // The server's own answer (the registry's empty for slow.cn is unconfirmed), not a cancelled request's.
    expect(await kept).to.include({ status: 'unknown', reason: 'unconfirmed-empty' });
    expect(await count()).to.equal(1);
  });
});

describe('LookupClient against a hostile service', () => {
  it('waits out a 429 for an hour at most, whatever its Retry-After says', async () => {
    let now = Date.now();
    let fetched = 0;
    const { client, store } = freshClient({
      endpoint: `${server}/hostile/year/v1`,
      now: () => now,
      fetch: (input, init) => (fetched++, fetch(input, init)),
    });
    const answer = await client.verify({ domain: 'c8.example.cn', icp: ICP });
    expect(answer).to.include({ status: 'unknown', reason: 'http-429', retryAfter: 3600 });
    now += 3599_000;
    await client.verify({ domain: 'c8.example.cn', icp: ICP });
    expect(fetched, 'still waiting within the hour').to.equal(1);
    now += 2000;
    await client.verify({ domain: 'c8.example.cn', icp: ICP });
    expect(fetched, 'asks again after it, not a year later').to.equal(2);
    expect([...store.keys()]).to.deep.equal([]);
  });

  it('reads no answer past 256 KiB: unknown, and nothing of it in storage', async () => {
    const { client, store } = freshClient({ endpoint: `${server}/hostile/huge/v1` });
    const answer = await client.verify({ domain: 'c9.example.cn', icp: ICP });
    expect(answer).to.include({ status: 'unknown', reason: 'invalid-response' });
    expect([...store.keys()]).to.deep.equal([]);
    const normal = freshClient();
    await normal.client.verify({ domain: 'c9.example.cn', icp: ICP });
    const stored = [...normal.store.values()];
    expect(stored).to.have.length(1);
    expect(stored[0].length, 'a real answer is stored, and is small').to.be.within(100, 4000);
  });
});

describe('<beian-badge> verification', () => {
  // The badges share the page's client; every test uses its own numbers so earlier answers do not leak in.
  async function badge(template: TemplateResult): Promise<BeianBadge> {
    const el = await fixture<BeianBadge>(template);
    await el.updateComplete;
    return el;
  }
  const marks = (el: BeianBadge) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="mark"]')];
  const settled = async (el: BeianBadge, n: number) => {
    await waitUntil(() => marks(el).length === n, `${n} marks`, { timeout: 4000 });
    await el.updateComplete;
  };

  it('does nothing without an endpoint: no request, no verification code', async () => {
    const el = await badge(html`<beian-badge domain="example.cn" icp=${ICP}></beian-badge>`);
    await new Promise((r) => setTimeout(r, 200));
    expect(marks(el)).to.have.length(0);
    expect(await count()).to.equal(0);
    expect(performance.getEntriesByType('resource').some((e) => e.name.includes('beian-badge/verification'))).to.be
      .false;
  });

  it("routes a page's badges for an endpoint through a shared client of one's own", async () => {
    const asked: string[] = [];
    const own = new LookupClient({
      endpoint: `${server}/own/v1`,
      storage: null,
      fetch: (input, init) => (asked.push(String(input)), fetch(String(input).replace('/own', ''), init)),
    });
    shareClient(own);
    expect(clientFor(`${server}/own/v1/`)).to.equal(own);
    const el = await fixture<BeianBadge>(
      html`<beian-badge lookup="${server}/own/v1" domain="c6.example.cn" icp=${ICP}></beian-badge>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="mark"]'), 'verified through it', { timeout: 4000 });
    expect(asked).to.have.length(1);
  });

  it('verifies through its own client when given one, not the shared one', async () => {
    const asked: string[] = [];
    const { client } = freshClient({ fetch: (input, init) => (asked.push(String(input)), fetch(input, init)) });
    const el = await fixture<BeianBadge>(
      html`<beian-badge lookup=${endpoint} .client=${client} domain="c7.example.cn" icp=${ICP}></beian-badge>`,
    );
    await waitUntil(() => el.shadowRoot!.querySelector('[part~="mark"]'), 'verified through it', { timeout: 4000 });
    expect(asked.map((url) => url.slice(endpoint.length))).to.deep.equal([
      `/verify?domain=c7.example.cn&icp=${encodeURIComponent(ICP)}`,
    ]);
    expect(await count(), 'and nothing through the shared client').to.equal(1);
  });

  it('verified: a ✓ after each number, with the record on hover, focus and tap; one event', async () => {
    const events: BeianBadgeVerifiedEvent[] = [];
    const el =
      await fixture<BeianBadge>(html`<beian-badge lookup=${endpoint} domain="b1.example.cn" icp=${ICP} psb=${PSB}
      @beian-badge-verified=${(e: BeianBadgeVerifiedEvent) => events.push(e)}></beian-badge>`);
    await settled(el, 2);
    const [icp, psb] = marks(el);
    expect(icp.textContent).to.equal('✓');
    expect(icp.getAttribute('part')).to.equal('mark mark-verified');
    expect(icp.getAttribute('aria-label')).to.equal('已核验（查看详情）');
    const details = el.shadowRoot!.getElementById(icp.getAttribute('aria-controls')!)!;
    expect(details.hidden).to.be.true;
    icp.focus();
    await el.updateComplete;
    expect(details.hidden).to.be.false;
    expect(icp.getAttribute('aria-expanded')).to.equal('true');
    expect(details.textContent)
      .to.contain('示例科技有限公司')
      .and.contain('企业')
      .and.contain('2023/5/29')
      .and.contain('站点维护的数据集');
    const check = details.querySelector('a')!;
    expect(check.href).to.equal('https://beian.miit.gov.cn/');
    await expect(el).to.be.accessible();
    icp.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await el.updateComplete;
    expect(details.hidden).to.be.true;
    // A tap on a touch screen: mouseenter, then click. The details stay until tapped again.
    const psbDetails = el.shadowRoot!.getElementById(psb.getAttribute('aria-controls')!)!;
    const mark = psb.parentElement!;
    mark.dispatchEvent(new MouseEvent('mouseenter'));
    psb.click();
    mark.dispatchEvent(new MouseEvent('mouseleave'));
    await el.updateComplete;
    expect(psbDetails.hidden).to.be.false;
    expect(psbDetails.textContent).to.contain('北京市公安局朝阳分局');
    psb.click();
    await el.updateComplete;
    expect(psbDetails.hidden).to.be.true;
    expect(events).to.have.length(1);
    expect(events[0].answer.status).to.equal('valid');
    expect(events[0].bubbles).to.be.false;
    expect(await count()).to.equal(1);
  });

  it('the details stay open while the pointer or Tab moves into them, and the mark toggles them', async () => {
    const el = await fixture<BeianBadge>(
      html`<p style="padding-top: 12em"><beian-badge lookup=${endpoint} domain="b2.example.cn" icp=${ICP}></beian-badge></p>`,
    );
    const badgeEl = el.querySelector('beian-badge')!;
    await settled(badgeEl, 1);
    const [mark] = marks(badgeEl);
    const details = badgeEl.shadowRoot!.getElementById(mark.getAttribute('aria-controls')!)!;
    const centre = (e: Element) => {
      const r = e.getBoundingClientRect();
      return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)] as [number, number];
    };
    // Keyboard: Tab reaches the mark, then the link inside the details; Shift+Tab back; Enter pins, Enter closes.
    badgeEl.shadowRoot!.querySelector<HTMLElement>('[part~="link"]')!.focus();
    await sendKeys({ press: 'Tab' });
    await badgeEl.updateComplete;
    expect(badgeEl.shadowRoot!.activeElement).to.equal(mark);
    expect(details.hidden).to.be.false;
    await sendKeys({ press: 'Tab' });
    await badgeEl.updateComplete;
    expect(badgeEl.shadowRoot!.activeElement, 'focus moved into the details').to.equal(details.querySelector('a'));
    expect(details.hidden).to.be.false;
    await sendKeys({ press: 'Escape' });
    await badgeEl.updateComplete;
    expect(details.hidden, 'Escape closes').to.be.true;
    expect(badgeEl.shadowRoot!.activeElement, 'and returns focus to the mark').to.equal(mark);
    await sendKeys({ press: 'Enter' });
    await badgeEl.updateComplete;
    expect(mark.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await badgeEl.updateComplete;
    expect(mark.getAttribute('aria-expanded'), 'a second press closes').to.equal('false');
    mark.blur();
    // Pointer: hover the mark, then move up across the gap onto the link inside the details.
    await sendMouse({ type: 'move', position: centre(mark) });
    await badgeEl.updateComplete;
    expect(details.hidden).to.be.false;
    const [x, y] = centre(mark);
    for (let step = 1; step <= 8; step++) await sendMouse({ type: 'move', position: [x, y - step * 4] });
    await sendMouse({ type: 'move', position: centre(details.querySelector('a')!) });
    await badgeEl.updateComplete;
    expect(details.hidden, 'still open over the details').to.be.false;
    await sendMouse({ type: 'move', position: [1, 1] });
    await badgeEl.updateComplete;
    expect(details.hidden).to.be.true;

    // Focus inside the details outlasts the pointer passing over the mark.
    mark.focus();
    await sendKeys({ press: 'Tab' });
    await sendMouse({ type: 'move', position: centre(mark) });
    await sendMouse({ type: 'move', position: [1, 1] });
    await badgeEl.updateComplete;
    expect(details.hidden, 'open while focus is inside').to.be.false;
    expect(badgeEl.shadowRoot!.activeElement).to.equal(details.querySelector('a'));
    await sendKeys({ press: 'Escape' });

    // Pinned by a click: a click inside (to select the holder's name) keeps it; a click anywhere else closes it.
    await sendMouse({ type: 'click', position: centre(mark) });
    await sendMouse({ type: 'click', position: centre(details.querySelector('strong')!) });
    await badgeEl.updateComplete;
    expect(details.hidden, 'a click inside keeps it').to.be.false;
    await sendMouse({ type: 'click', position: [1, 1] });
    await badgeEl.updateComplete;
    expect(details.hidden, 'a click elsewhere closes it').to.be.true;

    // Focus opens the details; Enter on the mark then closes them (the button toggles what it says).
    badgeEl.shadowRoot!.querySelector<HTMLElement>('[part~="link"]')!.focus();
    await sendKeys({ press: 'Tab' });
    await badgeEl.updateComplete;
    expect(mark.getAttribute('aria-expanded')).to.equal('true');
    await sendKeys({ press: 'Enter' });
    await badgeEl.updateComplete;
    expect(mark.getAttribute('aria-expanded'), 'Enter closes what focus opened').to.equal('false');
  });

  it('pinned details do not outlive their badge or their answer', async () => {
    const el = await fixture<BeianBadge>(
      html`<beian-badge lookup=${endpoint} domain="b4.example.cn" icp=${ICP}></beian-badge>`,
    );
    await settled(el, 1);
    const details = () => el.shadowRoot!.querySelector<HTMLElement>('[part~="details"]')!;
    marks(el)[0].click();
    await el.updateComplete;
    expect(details().hidden).to.be.false;
    const parent = el.parentNode!;
    el.remove();
    parent.appendChild(el);
    await el.updateComplete;
    expect(details().hidden, 'closed once the badge left the page').to.be.true;
    marks(el)[0].click();
    el.icp = '京ICP备2021012345号-2';
    await waitUntil(
      () => marks(el).length === 1 && el.shadowRoot!.textContent!.includes('与本网站不符'),
      'the new answer',
      { timeout: 4000 },
    );
    expect(details().hidden, 'a new answer starts closed').to.be.true;
  });

  it('keeps open details inside a narrow viewport, whichever edge the mark is near', async () => {
    // As narrow as the engine's window goes (360 px; WebKitGTK's MiniBrowser stops at about 447): the bound is the
    // page's real width.
    await executeServerCommand('viewport', { width: 360, height: 640 });
    try {
      const width = document.documentElement.clientWidth;
      expect(width, 'a narrow viewport').to.be.within(300, 480);
      for (const align of ['start', 'end']) {
        const el =
          await fixture<BeianBadge>(html`<beian-badge align=${align} style="display: block; padding-top: 12em" lookup=${endpoint}
          domain="b3.example.cn" icp=${ICP}></beian-badge>`);
        await settled(el, 1);
        const [mark] = marks(el);
        mark.click();
        await el.updateComplete;
        const box = el.shadowRoot!.querySelector('[part~="details"]')!.getBoundingClientRect();
        expect(box.left, align).to.be.at.least(0);
        expect(box.right, align).to.be.at.most(width);
        mark.click();
      }
    } finally {
      await executeServerCommand('viewport', { width: 800, height: 600 });
    }
  });

  it('mismatch, cancelled and not-found: ⚠ with what is wrong and what to do; the numbers stay', async () => {
    for (const [domain, icp, word] of [
      ['elsewhere.cn', '京ICP备2021012345号-2', '与本网站不符'],
      ['gone.cn', '粤ICP备19087654号-2', '备案已注销'],
      ['notfound.cn', '京ICP备2026000011号-1', '未查到备案'],
    ] as const) {
      const el = await badge(html`<beian-badge lookup=${endpoint} domain=${domain} icp=${icp}></beian-badge>`);
      await settled(el, 1);
      const [mark] = marks(el);
      expect(mark.textContent, domain).to.equal('⚠');
      expect(mark.getAttribute('aria-label')).to.contain(word);
      mark.click();
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part~="details"]')!.textContent).to.contain('网站负责人应');
      expect(el.shadowRoot!.querySelector('[part~="link"]')!.textContent).to.contain(icp);
      await expect(el).to.be.accessible();
    }
  });

  it('unknown: no alarming mark, "could not verify right now" in the details only', async () => {
    const el = await badge(
      html`<beian-badge lang="en" lookup=${endpoint} domain="throttled.cn" icp="京ICP备2026000021号-1"></beian-badge>`,
    );
    await settled(el, 1);
    const [mark] = marks(el);
    expect(mark.textContent).to.equal('ⓘ');
    expect(mark.getAttribute('part')).to.equal('mark mark-neutral');
    expect(mark.getAttribute('aria-label')).to.equal('Could not verify right now (details)');
    await expect(el).to.be.accessible();
  });

  it('a self-declared record gets only the neutral "declared"', async () => {
    const el = await badge(
      html`<beian-badge lookup=${endpoint} domain="blog.cn" icp="沪ICP备2023019007号-2"></beian-badge>`,
    );
    await settled(el, 1);
    expect(marks(el)[0].getAttribute('aria-label')).to.equal('已声明（未经核验）（查看详情）');
    expect(marks(el)[0].getAttribute('part')).to.equal('mark mark-neutral');
  });

  it('20 badges with the same numbers send exactly one request', async () => {
    const root = await fixture<HTMLDivElement>(
      html`<div>${Array.from(
        { length: 20 },
        () =>
          html`<beian-badge lookup=${endpoint} domain="b20.shop-example.cn" icp="京ICP备2021012345号-2"></beian-badge>`,
      )}</div>`,
    );
    const badges = [...root.querySelectorAll('beian-badge')];
    await Promise.all(badges.map((b) => settled(b, 1)));
    expect(await count()).to.equal(1);
  });

  it('uses the site-wide <meta name="beian-lookup"> endpoint', async () => {
    const meta = Object.assign(document.createElement('meta'), { name: 'beian-lookup', content: endpoint });
    document.head.append(meta);
    try {
      const el = await badge(html`<beian-badge domain="b-meta.example.com.cn" psb=${PSB}></beian-badge>`);
      await settled(el, 1);
      expect(marks(el)[0].textContent).to.equal('✓');
    } finally {
      meta.remove();
    }
  });

  it('skips localhost and IP hosts unless a domain is given', async () => {
    const el = await badge(html`<beian-badge lookup=${endpoint} icp="京ICP备2021012345号-1"></beian-badge>`);
    await new Promise((r) => setTimeout(r, 300));
    expect(location.hostname).to.match(/^(localhost|\d+\.\d+\.\d+\.\d+)$/);
    expect(marks(el)).to.have.length(0);
    expect(await count()).to.equal(0);
  });

  for (const domain of ['intranet.corp', 'shop.test', 'printer.local', 'nas.internal', 'example.de']) {
    it(`asks nothing for ${domain}, a host no site can be filed under, even when given`, async () => {
      const el = await badge(
        html`<beian-badge lookup=${endpoint} domain=${domain} icp="京ICP备2021012345号-1"></beian-badge>`,
      );
      await new Promise((r) => setTimeout(r, 300));
      expect(marks(el)).to.have.length(0);
      expect(await count()).to.equal(0);
      expect(el.shadowRoot!.textContent).to.contain('京ICP备2021012345号-1');
    });
  }

  it('a domain that is no host name is reported once, and not sent', async () => {
    const warnings: string[] = [];
    const realWarn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
    try {
      const el = await badge(
        html`<beian-badge lookup=${endpoint} domain="exa mple.cn" icp="京ICP备2021012345号-1"></beian-badge>`,
      );
      el.requestUpdate();
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 300));
      expect(await count()).to.equal(0);
      expect(warnings.filter((w) => w.includes('domain="exa mple.cn" is not a host name'))).to.have.length(1);
    } finally {
      console.warn = realWarn;
    }
  });

  it('changing the numbers while a lookup is in flight shows only the latest answer, with no re-run loop', async function () {
    this.timeout(6000);
    const el = await badge(
      html`<beian-badge lookup=${endpoint} domain="slow.cn" icp="京ICP备2026000032号-1"></beian-badge>`,
    );
    el.domain = 'b-flight.example.cn';
    el.icp = ICP;
    await settled(el, 1);
    expect(marks(el)[0].textContent).to.equal('✓');
    await new Promise((r) => setTimeout(r, 1800)); // past the slow answer of the first question
    await el.updateComplete;
    expect(marks(el)[0].textContent).to.equal('✓', 'the superseded answer never shows');
    const asked = await count();
    expect(asked).to.equal(2);
    el.separator = '·';
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 200));
    expect(await count()).to.equal(asked, 'an unrelated change asks nothing');
  });

  it('shows the numbers at once and keeps them whatever the service does', async function () {
    this.timeout(6000);
    const el = await badge(
      html`<beian-badge lookup="http://127.0.0.1:9/v1" domain="unreachable.cn" icp="京ICP备2026000008号-1"></beian-badge>`,
    );
    const text = el.shadowRoot!.querySelector('[part~="link"]')!.textContent;
    expect(text).to.contain('京ICP备2026000008号-1');
    await settled(el, 1);
    expect(marks(el)[0].textContent).to.equal('ⓘ');
    expect(el.shadowRoot!.querySelector('[part~="link"]')!.textContent).to.equal(text);
  });
});
