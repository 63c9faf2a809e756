/** Self-defining entry: importing it registers `<beian-query>`. */
import { BeianQuery } from './elements/beian-query/beian-query.js';
import { define } from './elements/internal/define.js';

define('beian-query', BeianQuery);

export { BeianQuery };
export type { BeianQueryResultEvent } from './elements/beian-query/events.js';
