/** `beian-elements`: the side-effect-free API. Importing it defines no element. */
export * from './core/index.js';
