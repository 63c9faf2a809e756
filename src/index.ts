/** `beian-elements`: the side-effect-free API. Importing it defines no element; import `beian-elements/beian-badge.js` for that. */
export * from './core/index.js';
export { BeianBadge } from './elements/beian-badge/beian-badge.js';
export type { BadgeNumbers, HostMap } from './elements/beian-badge/beian-badge.js';
export { BeianBadgeInvalidEvent } from './elements/beian-badge/events.js';
