// The strict-CSP page loads the badge alone: no code that parses HTML from strings (a Trusted Types sink).
import '../src/beian-badge.js';
