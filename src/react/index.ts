/**
 * React components for the elements (`beian-elements/react`), made with @lit/react: properties set as properties,
 * events as typed `on…` props. Importing this defines both elements.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import { BeianBadge } from '../beian-badge.js';
import { BeianQuery } from '../beian-query.js';
import type { BeianBadgeInvalidEvent, BeianBadgeVerifiedEvent } from '../elements/beian-badge/events.js';
import type { BeianQueryResultEvent } from '../elements/beian-query/events.js';

/** `<BeianBadge icp="…" psb="…" onInvalid={…} onVerified={…} />` */
export const BeianBadgeComponent = createComponent({
  tagName: 'beian-badge',
  elementClass: BeianBadge,
  react: React,
  events: {
    onInvalid: 'beian-badge-invalid' as EventName<BeianBadgeInvalidEvent>,
    onVerified: 'beian-badge-verified' as EventName<BeianBadgeVerifiedEvent>,
  },
});

/** `<BeianQuery lookup="…" onResult={…} />` */
export const BeianQueryComponent = createComponent({
  tagName: 'beian-query',
  elementClass: BeianQuery,
  react: React,
  events: {
    onResult: 'beian-query-result' as EventName<BeianQueryResultEvent>,
  },
});

export { BeianBadgeComponent as BeianBadge, BeianQueryComponent as BeianQuery };
