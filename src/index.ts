/** `beian-elements`: the side-effect-free API. Importing it defines no element; import `beian-elements/beian-badge.js` for that. */
export * from './core/index.js';
export { BeianBadge } from './elements/beian-badge/beian-badge.js';
export type { BadgeNumbers, HostMap } from './elements/beian-badge/beian-badge.js';
export { BeianBadgeInvalidEvent, BeianBadgeVerifiedEvent } from './elements/beian-badge/events.js';
export { LookupClient, clientFor } from './client/index.js';
export type { LookupClientOptions, VerifyAnswer, VerifyQuery } from './client/index.js';
export { BeianQuery } from './elements/beian-query/beian-query.js';
export { BeianQueryResultEvent } from './elements/beian-query/events.js';
