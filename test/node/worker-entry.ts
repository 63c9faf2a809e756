// The edge entry as the contract tests deploy it to workerd: the test dataset and the scripted upstream.
import { createWorker } from '../../src/server/worker.js';
import { TEST_DATA, TEST_TIMEOUT_MS, testUpstream } from '../support/server.js';

export default createWorker({
  data: TEST_DATA,
  upstreams: [testUpstream()],
  app: { rateLimit: false },
  totalTimeoutMs: TEST_TIMEOUT_MS,
});
