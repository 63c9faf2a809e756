// Status rules (contract B.5) and the provider decorators (C.3), on the real orchestrator with scripted providers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { IcpRecord } from '../../src/contract/index.js';
import {
  guard,
  Pacer,
  withCache,
  withCanary,
  withPacing,
  withQuarantine,
  withSingleFlight,
  type CacheEntry,
} from '../../src/server/providers/wrappers.js';
import { LookupService, type IcpKey } from '../../src/server/orchestrator.js';
import { Lru } from '../../src/server/lru.js';
import { DatasetProvider } from '../../src/server/providers/dataset.js';
import { FixtureProvider, type Behaviour } from '../../src/server/providers/fixture.js';
import {
  silentLogger,
  unavailable,
  type LookupProvider,
  type Outcome,
  type ProviderQuery,
} from '../../src/server/providers/types.js';
import { TEST_DATA } from '../support/server.js';

const RECORD: IcpRecord = {
  unitName: '注册示例有限公司',
  natureName: '企业',
  mainLicence: '浙ICP备2025148805号',
  serviceLicence: '浙ICP备2025148805号-1',
  domain: 'registry.cn',
  siteName: null,
  limitAccess: false,
  approvedAt: null,
};
const SITE: IcpKey = {
  type: 'web',
  number: { value: '浙ICP备2025148805号-1', main: false, mainLicence: '浙ICP备2025148805号' },
  domain: 'registry.cn',
};
const DOMAIN: IcpKey = { type: 'web', domain: 'registry.cn' };

/** A provider whose answers are scripted per call, for sequences (found, then empty, then down). */
function scripted(id: string, answers: (Outcome | Error)[], extra: Partial<LookupProvider> = {}) {
  const calls: ProviderQuery[] = [];
  const provider: LookupProvider = {
    id,
    kinds: ['icp', 'psb'],
    authority: 'official-mirror',
    upstream: id,
    capabilities: { byNumber: true, byDomain: true, byUnit: true },
    async lookup(q) {
      calls.push(q);
      const next = answers.length > 1 ? answers.shift()! : answers[0];
      if (next instanceof Error) throw next;
      return next;
    },
    ...extra,
  };
  return { provider, calls };
}

const at = (iso: string) => new Date(iso);
const found = (records = [RECORD]): Outcome => ({ outcome: 'found', records, fetchedAt: at('2026-11-30T00:00:00Z') });
const empty = (confirmed?: boolean): Outcome => ({
  outcome: 'empty',
  fetchedAt: at('2026-11-30T00:00:00Z'),
  confirmed,
});
const down = (reason: 'upstream-throttled' | 'timeout' | 'upstream-blocked', retryAfter?: number): Outcome =>
  unavailable(reason, 'answer', 'scripted', { retryAfter });

function fixture(
  script: Record<string, Behaviour>,
  options: Partial<ConstructorParameters<typeof FixtureProvider>[0]> = {},
) {
  return new FixtureProvider({ script, records: [RECORD], ...options });
}

describe('status rules (B.5)', () => {
  it('number + domain on file → valid; on file elsewhere → domain-mismatch', async () => {
    const service = new LookupService({ providers: [fixture({ '浙ICP备2025148805号-1': 'found' })] });
    assert.equal((await service.icp(SITE)).status, 'valid');
    const other = await service.icp({ ...SITE, domain: 'other.cn' });
    assert.equal(other.status, 'mismatch');
    assert.equal(other.reason, 'domain-mismatch');
    assert.equal(other.record?.domain, 'registry.cn');
  });

  it('a provider that searches by domain only: number-mismatch when the record carries another number', async () => {
    const { provider } = scripted('third', [found()], {
      authority: 'third-party',
      capabilities: { byNumber: false, byDomain: true, byUnit: false },
    });
    const service = new LookupService({ providers: [provider] });
    const part = await service.icp({
      ...SITE,
      number: { value: '浙ICP备2025148805号-2', main: false, mainLicence: '浙ICP备2025148805号' },
    });
    assert.equal(part.status, 'mismatch');
    assert.equal(part.reason, 'number-mismatch');
  });

  it('records lacking the queried key are an unconfirmed empty, and the walk goes on', async () => {
    const wrong = scripted('a', [found([{ ...RECORD, serviceLicence: '浙ICP备2025148805号-7' }])]);
    const right = scripted('b', [found()]);
    const part = await new LookupService({ providers: [wrong.provider, right.provider] }).icp(SITE);
    assert.equal(part.status, 'valid');
    assert.equal(part.source?.provider, 'b');
  });

  it('a cancelled answer → cancelled/cancelled-upstream', async () => {
    const part = await new LookupService({ providers: [fixture({ 'registry.cn': 'cancelled' })] }).icp(DOMAIN);
    assert.equal(part.status, 'cancelled');
    assert.equal(part.reason, 'cancelled-upstream');
  });

  it('not-found only when confirmed: by canary, or by a second upstream', async () => {
    const single = await new LookupService({ providers: [scripted('miit', [empty()]).provider] }).icp(DOMAIN);
    assert.deepEqual([single.status, single.reason], ['unknown', 'unconfirmed-empty']);
    const canary = await new LookupService({ providers: [scripted('miit', [empty(true)]).provider] }).icp(DOMAIN);
    assert.deepEqual([canary.status, canary.reason], ['not-found', 'canary-confirmed']);
    const two = new LookupService({
      providers: [
        scripted('miit', [empty()]).provider,
        scripted('juhe', [empty()], { authority: 'third-party' }).provider,
      ],
    });
    const corroborated = await two.icp(DOMAIN);
    assert.deepEqual([corroborated.status, corroborated.reason], ['not-found', 'corroborated']);
  });

  it('two empties from the same upstream, or from a dataset, never confirm', async () => {
    const same = new LookupService({
      providers: [
        scripted('a', [empty()], { upstream: 'miit' }).provider,
        scripted('b', [empty()], { upstream: 'miit' }).provider,
      ],
    });
    assert.equal((await same.icp(DOMAIN)).reason, 'unconfirmed-empty');
    const withDataset = new LookupService({
      providers: [new DatasetProvider(TEST_DATA), scripted('miit', [empty()]).provider],
    });
    assert.equal((await withDataset.icp(DOMAIN)).reason, 'unconfirmed-empty');
    const datasetOnly = await new LookupService({ providers: [new DatasetProvider(TEST_DATA)] }).icp(DOMAIN);
    assert.deepEqual([datasetOnly.status, datasetOnly.reason], ['unknown', 'unconfirmed-empty']);
  });

  it('a confirmed empty after a recent valid answer → cancelled/previously-valid', async () => {
    const { provider } = scripted('miit', [found(), empty(true)]);
    const service = new LookupService({ providers: [provider] });
    assert.equal((await service.icp(SITE)).status, 'valid');
    const later = await service.icp(SITE);
    assert.deepEqual([later.status, later.reason], ['cancelled', 'previously-valid']);
    assert.equal(later.record?.domain, 'registry.cn');
  });

  it('nothing decisive: a valid answer under 30 days old is served (stale after its fresh day); older ones are forgotten', async () => {
    let now = at('2026-11-01T00:00:00Z');
    const fetched = { ...found(), fetchedAt: now };
    // Fetched at once, replayed from the provider's cache 23 h later (same age), then the upstream is throttled.
    const { provider } = scripted('miit', [fetched, { ...fetched, cached: true }, down('upstream-throttled', 300)]);
    const service = new LookupService({ providers: [provider], now: () => now });
    await service.icp(SITE);
    now = at('2026-11-01T23:00:00Z');
    assert.equal((await service.icp(SITE)).source?.cached, true);
    // Within its fresh day the remembered answer is cached, not stale (nor held to a stale answer's minute).
    now = at('2026-11-01T23:30:00Z');
    const fresh = await service.icp(SITE);
    assert.deepEqual([fresh.status, fresh.source?.stale, fresh.source?.cached], ['valid', false, true]);
    assert.ok(new Date(fresh.expiresAt!).getTime() - new Date(fresh.checkedAt).getTime() > 60_000);
    // Its age runs from the fetch, not from the cache replay.
    now = at('2026-11-02T01:00:00Z');
    const stale = await service.icp(SITE);
    assert.equal(stale.status, 'valid');
    assert.deepEqual([stale.source?.stale, stale.source?.cached], [true, true]);
    assert.equal(new Date(stale.expiresAt!).getTime() - new Date(stale.checkedAt).getTime(), 60_000);
    now = at('2026-12-01T01:00:00Z');
    const gone = await service.icp(SITE);
    assert.deepEqual([gone.status, gone.reason], ['unknown', 'upstream-throttled']);
  });

  it('unknown: the earliest-listed reason that occurred, the smallest retryAfter, no-provider when none applies', async () => {
    const service = new LookupService({
      providers: [
        scripted('a', [down('timeout', 120)]).provider,
        scripted('b', [down('upstream-throttled', 300)]).provider,
      ],
    });
    const part = await service.icp(DOMAIN);
    assert.deepEqual([part.reason, part.error?.retryAfter], ['upstream-throttled', 120]);
    const none = await new LookupService({ providers: [] }).icp(DOMAIN);
    assert.deepEqual(
      [none.status, none.reason, none.error?.retryable, none.error?.retryAfter],
      ['unknown', 'no-provider', false, null],
    );
    const psbOnly = await new LookupService({ providers: [scripted('a', [found()], { kinds: ['psb'] }).provider] }).icp(
      DOMAIN,
    );
    assert.equal(psbOnly.reason, 'no-provider');
  });

  it('a provider that throws is an upstream-error, not a crash', async () => {
    const part = await new LookupService({ providers: [scripted('buggy', [new Error('bug')]).provider] }).icp(DOMAIN);
    assert.deepEqual([part.status, part.reason], ['unknown', 'upstream-error']);
  });

  it('the whole walk is limited in time', async () => {
    const slow = fixture({ 'registry.cn': 'slow:5000' });
    // The provider would answer `found` after 5 s: a timeout can only come from the walk's own limit.
    const part = await new LookupService({ providers: [slow], totalTimeoutMs: 100 }).icp(DOMAIN);
    assert.deepEqual([part.status, part.reason], ['unknown', 'timeout']);
  });

  it('past the time limit the registries are skipped, but the dataset (asked last) still answers', async () => {
    const hanging = fixture({ 'example.cn': 'slow:5000' });
    const part = await new LookupService({
      providers: [hanging, new DatasetProvider(TEST_DATA)],
      totalTimeoutMs: 100,
    }).icp({ type: 'web', domain: 'example.cn' });
    assert.deepEqual([part.status, part.source?.provider], ['valid', 'dataset']);
  });
});

describe('decorators (C.3)', () => {
  const ctx = { signal: new AbortController().signal, now: () => new Date(), log: silentLogger };
  const q: ProviderQuery = { kind: 'icp', by: 'domain', value: 'registry.cn', type: 'web' };

  it('cache: found is reused for a day, marked cached; the cache is capped (LRU)', async () => {
    let now = 0;
    const { provider, calls } = scripted('miit', [found()]);
    const cache = new Lru<string, CacheEntry>(2);
    const cached = withCache(provider, cache);
    const ctxAt = { ...ctx, now: () => new Date(now) };
    assert.equal((await cached.lookup(q, ctxAt)).cached, undefined);
    assert.equal((await cached.lookup(q, ctxAt)).cached, true);
    assert.equal(calls.length, 1);
    now = 24 * 3_600_000 + 1;
    await cached.lookup(q, ctxAt);
    assert.equal(calls.length, 2);
    for (const value of ['a.cn', 'b.cn', 'c.cn']) await cached.lookup({ ...q, value }, ctxAt);
    assert.equal(cache.size, 2);
  });

  it('cache: TTLs by outcome: confirmed empty 30 min, unconfirmed 5 min, unavailable max(60 s, retryAfter); timeouts are not cached', async () => {
    for (const [answer, ttl] of [
      [empty(true), 30 * 60_000],
      [empty(), 5 * 60_000],
      [down('upstream-throttled', 300), 300_000],
      [down('upstream-blocked', 10), 60_000],
    ] as const) {
      let now = 0;
      const { provider, calls } = scripted('miit', [answer]);
      const cached = withCache(provider, new Lru(10));
      const ctxAt = { ...ctx, now: () => new Date(now) };
      await cached.lookup(q, ctxAt);
      now = ttl - 1;
      await cached.lookup(q, ctxAt);
      assert.equal(calls.length, 1, `${answer.outcome} reused before ${ttl} ms`);
      now = ttl;
      await cached.lookup(q, ctxAt);
      assert.equal(calls.length, 2, `${answer.outcome} asked again at ${ttl} ms`);
    }
    const { provider, calls } = scripted('miit', [down('timeout')]);
    const cached = withCache(provider, new Lru(10));
    await cached.lookup(q, ctx);
    await cached.lookup(q, ctx);
    assert.equal(calls.length, 2);
  });

  it('single-flight: identical lookups in flight share one upstream call', async () => {
    const slow = fixture({ 'registry.cn': 'slow:50' });
    const shared = withSingleFlight(slow);
    const answers = await Promise.all(Array.from({ length: 10 }, () => shared.lookup(q, ctx)));
    assert.equal(slow.calls.length, 1);
    assert.ok(answers.every((a) => a.outcome === 'found'));
    await shared.lookup(q, ctx);
    assert.equal(slow.calls.length, 2, 'a later lookup asks again');
  });

  it('pacing: official upstreams get 1 token, then throttled at once instead of queueing', async () => {
    let now = 0;
    const pacer = new Pacer(() => now);
    const { provider, calls } = scripted('miit', [found()]);
    const paced = withPacing(provider, pacer);
    assert.equal((await paced.lookup(q, ctx)).outcome, 'found');
    const second = await paced.lookup(q, ctx);
    assert.deepEqual(
      [
        second.outcome,
        second.outcome === 'unavailable' && second.reason,
        second.outcome === 'unavailable' && second.retryAfter,
      ],
      ['unavailable', 'upstream-throttled', 6],
    );
    assert.equal(calls.length, 1);
    now = 6_000;
    assert.equal((await paced.lookup(q, ctx)).outcome, 'found');
    const keyed = withPacing(scripted('juhe', [found()], { authority: 'third-party' }).provider, new Pacer(() => 0));
    const burst = await Promise.all(Array.from({ length: 6 }, () => keyed.lookup(q, ctx)));
    assert.equal(burst.filter((a) => a.outcome === 'found').length, 5, 'keyed APIs: burst 5');
  });

  it('pacing: lookups arriving together queue behind each other, within the wait limit, never all at once', async () => {
    const { provider, calls } = scripted('miit', [found()]);
    const paced = withPacing(provider, new Pacer(), { perMinute: 120, burst: 1 }); // a token every 500 ms
    const started = Date.now();
    const answers = await Promise.all(Array.from({ length: 4 }, () => paced.lookup(q, ctx)));
    assert.deepEqual(
      answers.map((a) => a.outcome),
      ['found', 'found', 'found', 'unavailable'],
    );
    assert.equal(calls.length, 3);
    assert.ok(Date.now() - started >= 950, 'the third waited its turn');
  });

  it('quarantine: a 429 or WAF answer skips the upstream for max(retryAfter, 5 min), doubling up to an hour', async () => {
    let now = 0;
    const waf = fixture({}, { otherwise: 'waf-403' });
    const guarded = withQuarantine(waf, () => now);
    const first = await guarded.lookup(q, ctx);
    assert.equal(first.outcome === 'unavailable' && first.reason, 'upstream-blocked');
    assert.equal(guarded.quarantined?.(), true);
    const skipped = await guarded.lookup(q, ctx);
    assert.equal(waf.calls.length, 1, 'not asked while quarantined');
    assert.equal(skipped.outcome === 'unavailable' && skipped.retryAfter, 300);
    now = 300_000;
    await guarded.lookup(q, ctx);
    assert.equal(waf.calls.length, 2);
    now = 300_000 + 599_000;
    await guarded.lookup(q, ctx);
    assert.equal(waf.calls.length, 2, 'the second quarantine lasts 10 min');
    const throttle = withQuarantine(fixture({}, { otherwise: 'throttle-429' }), () => 0);
    await throttle.lookup(q, ctx);
    assert.equal(throttle.quarantined?.(), true);
    const ours = withQuarantine(
      scripted('x', [unavailable('upstream-throttled', 'pacing', 'scripted')]).provider,
      () => 0,
    );
    await ours.lookup(q, ctx);
    assert.equal(ours.quarantined?.(), false, 'our own pacing is no reason to quarantine');
  });

  it('canary: an empty is confirmed when a known filing is found; a silent block is upstream-blocked', async () => {
    const canaryQuery: ProviderQuery = { kind: 'icp', by: 'domain', value: 'baidu.com', type: 'web' };
    const healthy = fixture(
      { 'baidu.com': 'found', 'registry.cn': 'empty' },
      { records: [{ ...RECORD, domain: 'baidu.com', serviceLicence: '京ICP证030173号-1' }] },
    );
    const checked = withCanary(healthy, { query: canaryQuery, expect: '京ICP证030173号-1' });
    const answer = await checked.lookup(q, ctx);
    assert.equal(answer.outcome === 'empty' && answer.confirmed, true);
    await checked.lookup(q, ctx);
    assert.equal(healthy.calls.filter((c) => c.value === 'baidu.com').length, 1, 'the canary holds for 10 minutes');

    const blocked = withCanary(fixture({}, { otherwise: 'blocked-empty' }), {
      query: canaryQuery,
      expect: '京ICP证030173号-1',
    });
    const silent = await blocked.lookup(q, ctx);
    assert.equal(silent.outcome === 'unavailable' && silent.reason, 'upstream-blocked');
  });

  it('guard: a silent block found by the canary quarantines the provider, and the service answers unknown', async () => {
    const blocked = fixture({}, { otherwise: 'blocked-empty' });
    const provider = guard(blocked, {
      cache: new Lru(100),
      pacer: new Pacer(() => 0),
      canary: { query: { kind: 'icp', by: 'domain', value: 'baidu.com', type: 'web' }, expect: '京ICP证030173号' },
    });
    const part = await new LookupService({ providers: [provider] }).icp(DOMAIN);
    assert.deepEqual([part.status, part.reason], ['unknown', 'upstream-blocked']);
    assert.equal(provider.quarantined?.(), true);
    assert.deepEqual(
      blocked.calls.map((c) => c.value),
      ['registry.cn', 'baidu.com'],
    );
  });
});

describe('dataset provider', () => {
  it('refuses a dataset whose dates are not dates, naming the field', async () => {
    const { checkDataset, describeProblems } = await import('../../src/server/dataset/file.js');
    const bad = checkDataset({ ...TEST_DATA, icp: [{ ...TEST_DATA.icp[0], verifiedAt: 'last week' }] });
    assert.equal(bad.data, undefined);
    assert.match(describeProblems(bad.problems), /icp\[0\]\.verifiedAt: not a date \(use RFC 3339/);
  });

  it('matches records typed with www., capitals or a URL, and an IDN domain, as queries are normalised', async () => {
    const data = {
      ...TEST_DATA,
      icp: [
        { ...TEST_DATA.icp[0], domain: 'https://WWW.Example.cn/' },
        { ...TEST_DATA.icp[1], domain: '例子.中国' },
      ],
    };
    const service = new LookupService({ providers: [new DatasetProvider(data)] });
    assert.equal((await service.icp({ type: 'web', domain: 'example.cn' })).status, 'valid');
    assert.equal((await service.icp({ type: 'web', domain: 'xn--fsqu00a.xn--fiqs8s' })).status, 'valid');
  });
});
