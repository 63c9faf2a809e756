/** One log line per request: method, path, status and time. Client addresses are never logged with what they asked. */
import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../providers/types.js';

export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const start = performance.now();
    await next();
    log.info('request', {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round(performance.now() - start),
    });
  };
}
