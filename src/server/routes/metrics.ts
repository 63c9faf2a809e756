/**
 * GET /metrics: the app's own counts (requests by route and status, the answer cache, what each provider
 * answered, quarantines, the dataset's records) and those of the collectors it is given, in the Prometheus text
 * format. Counting costs a few map updates per request, made as the answer leaves `fetch`.
 */
import type { Hono } from 'hono';
import type { Kind } from '../../contract/values.js';
import type { AnswerCache } from '../http/answer.js';
import { CACHE } from '../http/cache-policy.js';
import type { LookupService } from '../orchestrator.js';
import { METRICS_CONTENT_TYPE, renderMetrics, type Collector, type Family } from '../metrics.js';
import { DatasetProvider } from '../providers/dataset.js';

/** The paths counted by name; any other is `other`, so that made-up paths cannot multiply the series. */
const ROUTES = new Set(['/v1/icp', '/v1/psb', '/v1/verify', '/v1/meta', '/healthz', '/metrics']);

/** The path of a request's URL, as Hono reads it (`http://host/path?query`), or `other`. */
function routeOf(url: string): string {
  const start = url.indexOf('/', url.indexOf(':') + 4);
  const end = url.indexOf('?', start);
  const path = end < 0 ? url.slice(start) : url.slice(start, end);
  return ROUTES.has(path) ? path : 'other';
}

/** Answers by route and status code: nested maps, so counting one makes no string. */
export class RequestCounts {
  readonly #byRoute = new Map<string, Map<number, number>>();

  count(route: string, status: number): void {
    let byStatus = this.#byRoute.get(route);
    if (!byStatus) this.#byRoute.set(route, (byStatus = new Map()));
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
  }

  family(): Family {
    const samples = [...this.#byRoute].flatMap(([route, byStatus]) =>
      [...byStatus].map(([code, value]) => ({ labels: { route, code: String(code) }, value })),
    );
    return {
      name: 'beian_http_requests_total',
      help: 'HTTP requests answered, by route (other: any unknown path) and status code.',
      type: 'counter',
      samples,
    };
  }
}

type Fetch = Hono['fetch'];

/**
 * `fetch`, counting every answer as it leaves: whatever made it (a route, the rate limit, a 404, the error
 * handler). Counted here rather than in a middleware: a GET matching a catch-all and its own route takes Hono's
 * slower path through a handler chain. A cached answer is sent without a promise, and counting keeps it so.
 */
export function countRequests(fetch: Fetch, counts: RequestCounts): Fetch {
  return (request, env, ctx) => {
    const route = routeOf(request.url);
    const answered = fetch(request, env, ctx);
    if (answered instanceof Response) {
      counts.count(route, answered.status);
      return answered;
    }
    return answered.then((response) => {
      counts.count(route, response.status);
      return response;
    });
  };
}

export interface MetricsOptions {
  readonly service: LookupService;
  readonly answers: AnswerCache;
  /** Read at every scrape: collectors added later are scraped too. */
  readonly collectors: readonly Collector[];
}

/** Serves GET /metrics; returns the request counts it reports, for `countRequests` to fill. */
export function metricsRoute(app: Hono, options: MetricsOptions): RequestCounts {
  const startedAt = Date.now() / 1000;
  const requests = new RequestCounts();
  app.get('/metrics', () => {
    const families = [
      startFamily(startedAt),
      requests.family(),
      ...answerCacheFamilies(options.answers),
      ...serviceFamilies(options.service),
    ];
    for (const collect of options.collectors) families.push(...collect());
    return new Response(renderMetrics(families), {
      headers: { 'Content-Type': METRICS_CONTENT_TYPE, 'Cache-Control': CACHE.none },
    });
  });
  return requests;
}

const startFamily = (startedAt: number): Family => ({
  name: 'beian_start_time_seconds',
  help: 'When this server started (on the edge: this isolate), in Unix seconds.',
  type: 'gauge',
  samples: [{ value: startedAt }],
});

function answerCacheFamilies(answers: AnswerCache): Family[] {
  const { hits, misses } = answers.counts;
  return [
    {
      name: 'beian_answer_cache_hits_total',
      help: '/v1 requests answered from the finished answers kept for identical requests.',
      type: 'counter',
      samples: [{ value: hits }],
    },
    {
      name: 'beian_answer_cache_misses_total',
      help: '/v1 requests whose answer had to be made (looked up, or refused as a 400).',
      type: 'counter',
      samples: [{ value: misses }],
    },
  ];
}

function serviceFamilies(service: LookupService): Family[] {
  const providers = service.providers;
  const datasets = providers.filter((p): p is DatasetProvider => p instanceof DatasetProvider);
  const records = (kind: Kind) => datasets.reduce((n, d) => n + d.size[kind], 0);
  return [
    {
      name: 'beian_provider_outcomes_total',
      type: 'counter',
      samples: service.outcomes.samples(),
      help: 'What each provider answered a lookup: found, empty, cancelled, unavailable (with its failure cause), skipped past the deadline, or threw; cached: a replay of the upstream cache.',
    },
    {
      name: 'beian_provider_quarantined',
      type: 'gauge',
      help: '1 while the upstream is skipped after throttling or blocking, else 0.',
      samples: providers
        .filter((p) => p.quarantined)
        .map((p) => ({ labels: { provider: p.id }, value: p.quarantined!() ? 1 : 0 })),
    },
    {
      name: 'beian_dataset_records',
      type: 'gauge',
      help: 'Records of the dataset being served, by kind.',
      samples: datasets.length
        ? [
            { labels: { kind: 'icp' }, value: records('icp') },
            { labels: { kind: 'psb' }, value: records('psb') },
          ]
        : [],
    },
  ];
}
