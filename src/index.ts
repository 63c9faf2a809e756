/** `beian-elements`: the side-effect-free API. Importing it defines no element; import `beian-elements/beian-badge.js` for that. */
export * from './core/index.js';
export { BeianBadge } from './elements/beian-badge/beian-badge.js';
export type { BadgeNumbers, HostMap } from './elements/beian-badge/beian-badge.js';
export { BeianBadgeInvalidEvent, BeianBadgeVerifiedEvent } from './elements/beian-badge/events.js';
export { LookupClient, clientFor, shareClient } from './client/index.js';
export type { LookupClientOptions, VerifyAnswer } from './client/index.js';
export { icp, psb } from './client/records.js';
export type { IcpQuery, PsbQuery, VerifyQuery } from './contract/queries.js';
export type { IcpAnswer, PsbAnswer } from './contract/record-answers.js';
export { BeianQuery } from './elements/beian-query/beian-query.js';
export { BeianQueryResultEvent } from './elements/beian-query/events.js';
/** Reads a live DOM as footer parts, to lint a rendered page: `lintFooter(footerParts(document.body, domReader))`. */
export { domReader } from './elements/internal/dom-reader.js';
