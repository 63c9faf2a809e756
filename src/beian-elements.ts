/** Self-defining entry for both elements: importing it registers `<beian-badge>` and `<beian-query>`. */
export { BeianBadge } from './beian-badge.js';
export { BeianQuery } from './beian-query.js';
