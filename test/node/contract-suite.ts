// The v1 contract, as one suite run against every way the server runs: in-process, Node over loopback HTTP,
// and the edge entry in workerd. Every body is checked against the contract schemas.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VerifyAnswer } from '../../src/contract/client.js';
import { IcpResult, PsbResult, VerifyResult, Meta } from '../../src/contract/index.js';

export type Request = (path: string, init?: RequestInit) => Promise<Response>;

const VALID = 'public, max-age=3600, s-maxage=86400, stale-while-revalidate=604800, stale-if-error=2592000';
const qs = (params: Record<string, string>) => new URLSearchParams(params).toString();

// Bodies are checked field by field, or parsed with the contract schemas where their whole shape matters.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function json(res: Response): Promise<any> {
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return res.json();
}

export function contractSuite(name: string, request: () => Request) {
  const get = (path: string, params: Record<string, string> = {}, init?: RequestInit) =>
    request()(`${path}${Object.keys(params).length ? `?${qs(params)}` : ''}`, init);

  describe(`contract v1: ${name}`, () => {
    it('/v1/icp: number + domain on file → valid, with the record, source and official link', async () => {
      const res = await get('/v1/icp', { number: '京ICP备 2021012345号－1', domain: 'https://www.example.cn/about' });
      assert.equal(res.status, 200);
      const body = IcpResult.parse(await json(res));
      assert.equal(body.status, 'valid');
      assert.equal(body.reason, null);
      assert.deepEqual(body.normalized, {
        type: 'web',
        mainLicence: '京ICP备2021012345号',
        serviceLicence: '京ICP备2021012345号-1',
        domain: 'example.cn',
        unitName: null,
      });
      assert.equal(body.record?.unitName, '示例科技有限公司');
      assert.equal(body.records, null);
      assert.equal(body.source?.provider, 'dataset');
      assert.equal(body.source?.authority, 'dataset');
      assert.equal(body.links.official, 'https://beian.miit.gov.cn/');
      assert.equal(res.headers.get('cache-control'), VALID);
      assert.equal(res.headers.get('access-control-allow-origin'), '*');
      assert.equal(res.headers.get('access-control-expose-headers'), 'ETag, Retry-After');
      assert.match(res.headers.get('etag') ?? '', /^W\/"\w+"$/);
      assert.equal(res.headers.get('set-cookie'), null);
      assert.equal(res.headers.get('vary'), null);
    });

    it('/v1/icp: a number on file for another domain → mismatch/domain-mismatch with what is on file', async () => {
      const body = IcpResult.parse(
        await json(await get('/v1/icp', { number: '京ICP备2021012345号-1', domain: 'other-site.com' })),
      );
      assert.equal(body.status, 'mismatch');
      assert.equal(body.reason, 'domain-mismatch');
      assert.equal(body.record?.domain, 'example.cn');
    });

    it('/v1/icp: a subject number matches every site under it and lists them', async () => {
      const body = IcpResult.parse(await json(await get('/v1/icp', { number: '京ICP备2021012345号' })));
      assert.equal(body.status, 'valid');
      assert.deepEqual(
        body.records?.map((r) => r.serviceLicence),
        ['京ICP备2021012345号-1', '京ICP备2021012345号-2'],
      );
      const site = IcpResult.parse(
        await json(await get('/v1/icp', { number: '京ICP备2021012345号', domain: 'shop-example.cn' })),
      );
      assert.equal(site.status, 'valid');
      assert.equal(site.record?.serviceLicence, '京ICP备2021012345号-2');
    });

    it('/v1/icp: by domain and by unit fill records', async () => {
      const byDomain = IcpResult.parse(await json(await get('/v1/icp', { domain: 'example.cn' })));
      assert.equal(byDomain.status, 'valid');
      assert.equal(byDomain.records?.length, 1);
      const byUnit = IcpResult.parse(await json(await get('/v1/icp', { unit: ' 示例科技有限公司 ' })));
      assert.equal(byUnit.status, 'valid');
      assert.equal(byUnit.record, null);
      assert.equal(byUnit.records?.length, 2);
      assert.equal(byUnit.normalized?.unitName, '示例科技有限公司');
    });

    it('/v1/icp: app numbers imply type=app', async () => {
      const body = IcpResult.parse(await json(await get('/v1/icp', { number: '鄂ICP备2024036893号-1A' })));
      assert.equal(body.normalized?.type, 'app');
      assert.equal(body.status, 'valid');
      assert.equal(body.record?.siteName, '示例App');
    });

    it('/v1/icp: a cancelled dataset entry → cancelled/cancelled-upstream', async () => {
      const res = await get('/v1/icp', { number: '粤ICP备19087654号-2', domain: 'gone.cn' });
      const body = IcpResult.parse(await json(res));
      assert.equal(body.status, 'cancelled');
      assert.equal(body.reason, 'cancelled-upstream');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=600, s-maxage=1800');
    });

    it('/v1/icp: self-declared records say so in their source', async () => {
      const body = IcpResult.parse(await json(await get('/v1/icp', { domain: 'blog.cn' })));
      assert.equal(body.source?.authority, 'self-declared');
    });

    it('/v1/icp: a confirmed registry empty → not-found', async () => {
      const res = await get('/v1/icp', { domain: 'notfound.cn' });
      const body = IcpResult.parse(await json(res));
      assert.equal(body.status, 'not-found');
      assert.equal(body.reason, 'canary-confirmed');
      assert.equal(res.headers.get('cache-control'), 'public, max-age=600, s-maxage=1800');
    });

    it('/v1/icp: an unconfirmed empty is never not-found', async () => {
      const res = await get('/v1/icp', { domain: 'empty.cn' });
      const body = IcpResult.parse(await json(res));
      assert.equal(body.status, 'unknown');
      assert.equal(body.reason, 'unconfirmed-empty');
      assert.equal(body.error?.retryable, true);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=30, s-maxage=30');
      assert.equal(res.headers.get('retry-after'), '60');
    });

    for (const [domain, reason, retryAfter] of [
      ['throttled.cn', 'upstream-throttled', '300'],
      ['blocked.cn', 'upstream-blocked', '60'],
      ['garbage.cn', 'upstream-blocked', '60'],
      ['error.cn', 'upstream-error', '60'],
      ['captcha.cn', 'captcha-failed', '60'],
      ['slow.cn', 'timeout', '60'],
    ] as const) {
      it(`/v1/icp: upstream fault at ${domain} → 200 unknown/${reason}, never a 5xx`, async () => {
        const res = await get('/v1/icp', { domain });
        assert.equal(res.status, 200);
        const body = IcpResult.parse(await json(res));
        assert.equal(body.status, 'unknown');
        assert.equal(body.reason, reason);
        assert.equal(body.error?.code, reason);
        assert.ok(body.error?.message && body.error.messageZh);
        assert.equal(res.headers.get('retry-after'), retryAfter);
        assert.equal(body.source, null);
      });
    }

    it('/v1/psb: code + domain (main or other domain) → valid, deep official link', async () => {
      for (const domain of ['example.cn', 'www.example.com.cn']) {
        const body = PsbResult.parse(await json(await get('/v1/psb', { code: '京公网安备 11010502012345号', domain })));
        assert.equal(body.status, 'valid', domain);
        assert.equal(body.links.official, 'https://beian.mps.gov.cn/#/query/webSearch?code=11010502012345');
      }
      const bare = PsbResult.parse(await json(await get('/v1/psb', { code: '11010502012345' })));
      assert.equal(bare.record?.department, '北京市公安局朝阳分局');
    });

    it('/v1/verify: one call for ICP and 公安; the worst part decides, strictest caching wins', async () => {
      const res = await get('/v1/verify', {
        domain: 'www.example.cn',
        icp: '京ICP备2021012345号-1',
        psb: '11010502012345',
      });
      const body = VerifyResult.parse(await json(res));
      assert.equal(body.status, 'valid');
      assert.equal(body.normalized?.domain, 'example.cn');
      assert.equal(body.icp?.status, 'valid');
      assert.equal(body.psb?.status, 'valid');
      assert.equal(res.headers.get('cache-control'), VALID);

      const mixed = await get('/v1/verify', {
        domain: 'other-site.com',
        icp: '京ICP备2021012345号-1',
        psb: '11010502012345',
      });
      const m = VerifyResult.parse(await json(mixed));
      assert.equal(m.status, 'mismatch');
      assert.equal(m.reason, 'domain-mismatch');

      // Every answer also reads with the browser's lean schema, part for part.
      for (const answer of [body, m]) {
        const lean = VerifyAnswer.safeParse(JSON.parse(JSON.stringify(answer)));
        assert.ok(lean.success);
        assert.equal(lean.data.icp?.status, answer.icp?.status);
        assert.equal(lean.data.psb?.record?.department ?? null, answer.psb?.record?.department ?? null);
      }

      const unknown = await get('/v1/verify', { domain: 'empty.cn', icp: '京ICP备2021012345号-1' });
      const u = VerifyResult.parse(await json(unknown));
      assert.equal(u.status, 'mismatch', 'on file for example.cn');
      const throttled = await get('/v1/verify', { domain: 'example.com', icp: '京ICP备2026999999号-1' });
      const t = VerifyResult.parse(await json(throttled));
      assert.equal(t.icp?.status, 'unknown');
      assert.equal(throttled.headers.get('cache-control'), 'public, max-age=30, s-maxage=30');
      assert.equal(throttled.headers.get('retry-after'), '300');
    });

    const badRequests: [string, Record<string, string>, string][] = [
      ['/v1/icp', {}, 'invalid-query'],
      ['/v1/icp', { number: '京ICP备123号' }, 'invalid-number'],
      ['/v1/icp', { number: '萌ICP备20259514号' }, 'unsupported-number'],
      ['/v1/icp', { number: '苏ICP证B2-20100204' }, 'unsupported-number'],
      ['/v1/icp', { number: '沪交ICP备05000001号' }, 'unsupported-number'],
      ['/v1/icp', { unit: '示例', number: '京ICP备2021012345号-1' }, 'invalid-query'],
      ['/v1/icp', { domain: 'example.cn', type: 'app' }, 'invalid-query'],
      ['/v1/icp', { number: '鄂ICP备2024036893号-1A', type: 'web' }, 'invalid-query'],
      ['/v1/icp', { domain: 'example.cn', type: 'desktop' }, 'invalid-query'],
      ['/v1/icp', { domain: 'http://[::1' }, 'invalid-domain'],
      ['/v1/icp', { domain: 'localhost' }, 'domain-not-fileable'],
      ['/v1/icp', { domain: '192.168.1.10' }, 'domain-not-fileable'],
      ['/v1/icp', { domain: 'printer.local' }, 'domain-not-fileable'],
      ['/v1/icp', { domain: 'com.cn' }, 'domain-not-fileable'],
      ['/v1/icp', { domain: 'example.zz' }, 'domain-not-fileable'],
      ['/v1/psb', { code: '1101050201234' }, 'invalid-code'],
      ['/v1/psb', { code: '京公网安备110000000006号' }, 'unsupported-number'],
      ['/v1/psb', {}, 'invalid-query'],
      ['/v1/verify', { icp: '京ICP备2021012345号-1' }, 'invalid-query'],
      ['/v1/verify', { domain: 'example.cn' }, 'invalid-query'],
      ['/v1/verify', { domain: 'example.cn', psb: 'abc' }, 'invalid-code'],
    ];
    for (const [path, params, code] of badRequests) {
      it(`${path}?${qs(params)} → 400 ${code}`, async () => {
        const res = await get(path, params);
        assert.equal(res.status, 400);
        const body = await json(res);
        (path === '/v1/verify' ? VerifyResult : path === '/v1/icp' ? IcpResult : PsbResult).parse(body);
        assert.equal(body.status, 'error');
        assert.equal(body.reason, code);
        assert.equal(body.error.code, code);
        assert.equal(body.error.retryable, false);
        assert.ok(body.error.message.length > 5 && /\p{sc=Han}/u.test(body.error.messageZh));
        assert.equal(body.normalized, null);
        assert.equal(res.headers.get('cache-control'), 'public, max-age=86400');
      });
    }

    it('repeated parameters are invalid-query; unknown ones are ignored', async () => {
      const repeated = await request()('/v1/icp?domain=example.cn&domain=example.com');
      assert.equal(repeated.status, 400);
      assert.equal((await json(repeated)).reason, 'invalid-query');
      const extra = await get('/v1/icp', { domain: 'example.cn', utm_source: 'x' });
      const body = await json(extra);
      assert.equal(body.status, 'valid');
      assert.deepEqual(body.query, { domain: 'example.cn' });
    });

    it('ETag revalidation answers 304 without a body', async () => {
      const first = await get('/v1/icp', { domain: 'example.cn' });
      const tag = first.headers.get('etag')!;
      const again = await get('/v1/icp', { domain: 'example.cn' }, { headers: { 'If-None-Match': tag } });
      assert.equal(again.status, 304);
      assert.equal(again.headers.get('etag'), tag);
      assert.equal(await again.text(), '');
      const other = await get('/v1/icp', { domain: 'shop-example.cn' }, { headers: { 'If-None-Match': tag } });
      assert.equal(other.status, 200);
    });

    it('OPTIONS → 204 with CORS; HEAD answers headers only', async () => {
      const pre = await request()('/v1/verify', { method: 'OPTIONS' });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers.get('access-control-allow-origin'), '*');
      assert.equal(pre.headers.get('access-control-max-age'), '86400');
      assert.match(pre.headers.get('access-control-allow-methods') ?? '', /GET/);
      const head = await get('/v1/icp', { domain: 'example.cn' }, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('cache-control'), VALID);
      assert.equal(await head.text(), '');
    });

    it('unknown routes → 404 no-route; other methods → 405 method-not-allowed', async () => {
      const missing = await request()('/v2/icp');
      assert.equal(missing.status, 404);
      assert.equal((await json(missing)).error.code, 'no-route');
      const post = await request()('/v1/icp?domain=example.cn', { method: 'POST' });
      assert.equal(post.status, 405);
      assert.equal((await json(post)).error.code, 'method-not-allowed');
      assert.match(post.headers.get('allow') ?? '', /GET/);
    });

    it('/v1/meta lists providers and capabilities; /healthz is never cached', async () => {
      const meta = Meta.parse(await json(await request()('/v1/meta')));
      assert.deepEqual(
        meta.providers.map((p) => [p.id, p.state]),
        [
          ['registry', 'ok'],
          ['dataset', 'ok'],
        ],
      );
      assert.equal(meta.capabilities.icp.byUnit, true);
      assert.deepEqual(meta.capabilities.icp.types, ['web', 'app', 'miniapp', 'quickapp']);
      const health = await request()('/healthz');
      assert.deepEqual(await json(health), { ok: true });
      assert.equal(health.headers.get('cache-control'), 'no-store');
    });
  });
}
