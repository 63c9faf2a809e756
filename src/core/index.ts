/**
 * `beian-elements/core`: what a Chinese filing number is. Pure TypeScript with no DOM, network or Lit, so it
 * runs in browsers, Node and edge runtimes alike.
 */
export { parseFiling } from './parse.js';
export type { Filing, FilingKind, SuffixKind, ParseOptions } from './parse.js';
export { quickParse } from './quick.js';
export { formatFiling } from './format.js';
export { findFilings } from './find.js';
export { readLookupInput, unitName } from './query.js';
export { renderBadgeHTML, renderQueryHTML } from './render.js';
export type { BadgeHTMLOptions, QueryHTMLOptions } from './render.js';
export type { LookupInput } from './query.js';
export type { FoundFiling } from './find.js';
export { normalizeText } from './normalize.js';
export { PROVINCES, provinceByCode } from './provinces.js';
export type { Province } from './provinces.js';
export { icpPrefix, provinceName } from './prefixes.js';
export type { IcpPrefixStatus } from './prefixes.js';
export {
  officialLink,
  mpsRecordUrl,
  classifyLink,
  isHotlinkedIcon,
  MIIT_URL,
  MPS_URL,
  CAC_URL,
  REPORT_12377_URL,
} from './links.js';
export type { LinkInfo, LinkTarget } from './links.js';
export { lintFooter } from './footer.js';
export { footerParts, PartsReader } from './parts.js';
export type { ElementInfo, PartsContext, PartsOptions, TreeReader } from './parts.js';
export type {
  FooterPart,
  FooterLink,
  FooterFinding,
  FooterItem,
  FooterReport,
  LintOptions,
  RequiredKind,
} from './footer.js';
export { hasProblems } from './rules.js';
export { explain } from './messages.js';
export type { MessageLang } from './messages.js';
export type { Diagnostic, RuleId, Severity } from './rules.js';
export { isPlaceholder } from './denylist.js';
export { isLicence, LICENCES } from './licences.js';
export type { LicenceInfo, LicenceKind } from './licences.js';
export { fileableTlds, unfileable } from './domains.js';
