/** Self-defining entry: importing it registers `<beian-badge>`. */
import { BeianBadge } from './elements/beian-badge/beian-badge.js';
import { define } from './elements/internal/define.js';

define('beian-badge', BeianBadge);

export { BeianBadge };
export type { BeianBadgeInvalidEvent } from './elements/beian-badge/events.js';
export type { BadgeNumbers, HostMap } from './elements/beian-badge/beian-badge.js';
