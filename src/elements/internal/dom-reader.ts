import type { TreeReader } from '../../core/index.js';

/** Lets `core` read a live DOM (or a DOMParser document) as footer parts. Source lines are unknown: 0. */
export const domReader: TreeReader<Node> = {
  tag: (node) => (node.nodeType === Node.TEXT_NODE ? null : node.nodeName.toLowerCase()),
  children: (node) => node.childNodes,
  text: (node) => node.textContent ?? '',
  attr: (node, name) => (node instanceof Element ? node.getAttribute(name) : null),
  line: () => 0,
};
