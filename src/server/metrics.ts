/**
 * Metrics in the Prometheus text format (exposition format 0.0.4), with no client library: families are plain
 * values made at each scrape by collectors, so what the server counts stays a few numbers in maps.
 */

/** One value of a family, told apart from the family's other values by its labels. */
export interface Sample {
  readonly labels?: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A metric: its name, what it means, whether it only grows (counter) or goes up and down (gauge), and its values. */
export interface Family {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge';
  readonly samples: readonly Sample[];
}

/** Called at every scrape. */
export type Collector = () => Iterable<Family>;

/** The Content-Type of the text format. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
// Names starting with `__` are Prometheus's own.
const LABEL_NAME = /^(?!__)[a-zA-Z_][a-zA-Z0-9_]*$/;

/**
 * The families as the text format. A name Prometheus cannot read, or a family given twice, throws: Prometheus would
 * refuse the whole scrape, so a collector's mistake is better named here than found as a silent gap in the graphs.
 */
export function renderMetrics(families: Iterable<Family>): string {
  const seen = new Set<string>();
  let text = '';
  for (const family of families) {
    if (!METRIC_NAME.test(family.name))
      throw new Error(`metric name "${family.name}" is not a Prometheus name (${METRIC_NAME.source})`);
    if (seen.has(family.name))
      throw new Error(`metric ${family.name} is given twice: one collector must give all its samples`);
    seen.add(family.name);
    text += `# HELP ${family.name} ${escapeHelp(family.help)}\n# TYPE ${family.name} ${family.type}\n`;
    for (const sample of family.samples)
      text += `${family.name}${labelsText(family.name, sample.labels)} ${valueText(sample.value)}\n`;
  }
  return text;
}

function labelsText(metric: string, labels: Sample['labels']): string {
  if (!labels) return '';
  const pairs = Object.entries(labels).map(([name, value]) => {
    if (!LABEL_NAME.test(name))
      throw new Error(`label name "${name}" of ${metric} is not a Prometheus label name (${LABEL_NAME.source})`);
    return `${name}="${escapeLabelValue(value)}"`;
  });
  return pairs.length ? `{${pairs.join(',')}}` : '';
}

const escapeHelp = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const escapeLabelValue = (text: string) => text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/** Numbers as Go's ParseFloat reads them, which is what Prometheus uses; `Infinity` and `NaN` are spelled its way. */
function valueText(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(value);
}

/**
 * Counts by label set, for a counter family made at each scrape. The labels of one call site must always come
 * in the same order: their values, joined, are the key.
 */
export class Tally {
  readonly #samples = new Map<string, { labels: Readonly<Record<string, string>>; value: number }>();

  add(labels: Readonly<Record<string, string>>, by = 1): void {
    const key = Object.values(labels).join('\u0000');
    const sample = this.#samples.get(key);
    if (sample) sample.value += by;
    else this.#samples.set(key, { labels, value: by });
  }

  samples(): Sample[] {
    return [...this.#samples.values()].map(({ labels, value }) => ({ labels, value }));
  }
}
