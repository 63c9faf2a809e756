// The lookup service as the tests run it: a small dataset and a scripted upstream, the same on Node (in-process
// and over loopback HTTP) and in workerd. No Node APIs here: this module is bundled into the test worker.
import { createApp, type AppOptions } from '../../src/server/app.js';
import { LookupService } from '../../src/server/orchestrator.js';
import type { DatasetFile } from '../../src/server/dataset/file.js';
import { DatasetProvider } from '../../src/server/providers/dataset.js';
import { FixtureProvider } from '../../src/server/providers/fixture.js';

export const TEST_DATA = {
  version: 1,
  icp: [
    {
      unitName: '示例科技有限公司',
      natureName: '企业',
      mainLicence: '京ICP备2021012345号',
      serviceLicence: '京ICP备2021012345号-1',
      domain: 'example.cn',
      siteName: '示例',
      limitAccess: false,
      approvedAt: '2023-05-29T08:20:36+08:00',
      authority: 'dataset',
      verifiedAt: '2026-08-01T00:00:00Z',
    },
    {
      unitName: '示例科技有限公司',
      natureName: '企业',
      mainLicence: '京ICP备2021012345号',
      serviceLicence: '京ICP备2021012345号-2',
      domain: 'shop-example.cn',
      siteName: '示例商城',
      limitAccess: false,
      approvedAt: '2024-01-02T10:00:00+08:00',
      authority: 'dataset',
    },
    {
      unitName: '某某网络有限公司',
      natureName: '企业',
      mainLicence: '粤ICP备19087654号',
      serviceLicence: '粤ICP备19087654号-2',
      domain: 'gone.cn',
      siteName: '某某商城',
      limitAccess: false,
      approvedAt: '2020-11-03T10:12:45+08:00',
      cancelled: true,
      cancelledAt: '2026-03-01',
    },
    {
      unitName: null,
      natureName: null,
      mainLicence: null,
      serviceLicence: '沪ICP备2023019007号-2',
      domain: 'blog.cn',
      siteName: null,
      limitAccess: null,
      approvedAt: null,
      authority: 'self-declared',
    },
    {
      unitName: '武汉示例软件有限公司',
      natureName: '企业',
      mainLicence: '鄂ICP备2024036893号',
      serviceLicence: '鄂ICP备2024036893号-1A',
      domain: null,
      siteName: '示例App',
      limitAccess: false,
      approvedAt: '2024-06-01T09:00:00+08:00',
      type: 'app',
    },
  ],
  psb: [
    {
      code: '11010502012345',
      display: '京公网安备11010502012345号',
      websiteName: '示例',
      mainDomain: 'example.cn',
      domains: ['example.cn', 'example.com.cn'],
      unitName: '示例科技有限公司',
      unitType: '企业单位',
      websiteType: '非交互式',
      department: '北京市公安局朝阳分局',
      filedAt: '2021-06-18',
    },
  ],
} satisfies DatasetFile;

/** The scripted upstream, asked before the dataset as a deploy's registries are (contract C.2): one domain per behaviour. */
export function testUpstream(): FixtureProvider {
  return new FixtureProvider({
    id: 'registry',
    kinds: ['icp', 'psb'],
    authority: 'official-mirror',
    upstream: 'miit',
    script: {
      'registry.cn': 'found',
      'notfound.cn': 'confirmed-empty',
      'empty.cn': 'empty',
      'throttled.cn': 'throttle-429',
      'blocked.cn': 'waf-403',
      'garbage.cn': 'garbage',
      'slow.cn': 'slow:2000',
      'error.cn': 'error-122',
      'captcha.cn': 'captcha-failed',
      '京ICP备2026999999号-1': 'throttle-429',
    },
    records: [
      {
        unitName: '注册示例有限公司',
        natureName: '企业',
        mainLicence: '浙ICP备2025148805号',
        serviceLicence: '浙ICP备2025148805号-1',
        domain: 'registry.cn',
        siteName: '注册示例',
        limitAccess: true,
        approvedAt: '2025-09-09T09:09:09+08:00',
      },
    ],
  });
}

/** Short enough for the tests, long enough for every answer but `slow.cn`'s. */
export const TEST_TIMEOUT_MS = 1000;

/** The app the contract tests talk to, wherever it runs. */
export function testApp(options: Partial<AppOptions> = {}) {
  const service = new LookupService({
    providers: [testUpstream(), new DatasetProvider(TEST_DATA)],
    totalTimeoutMs: TEST_TIMEOUT_MS,
  });
  return createApp({ service, rateLimit: false, ...options });
}
