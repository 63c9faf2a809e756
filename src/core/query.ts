/**
 * What someone typed into a lookup box (domain-spec §6.3): an ICP number, a 公安 number or code, a domain or URL,
 * or a unit (company) name. Numbers go through the parser; domains are reduced to their host (the lookup service
 * reduces them further, to the registrable domain, with the Public Suffix List).
 */
import { parseFiling, type Filing } from './parse.js';

export type LookupInput =
  | { readonly kind: 'icp'; readonly value: string; readonly filing: Filing }
  | { readonly kind: 'psb'; readonly value: string; readonly filing: Filing }
  | { readonly kind: 'domain'; readonly value: string }
  | { readonly kind: 'unit'; readonly value: string }
  /** Nothing to look up, or a number that does not validate: `filing.diagnostics` say why. */
  | { readonly kind: 'invalid'; readonly value: string; readonly filing?: Filing };

// A host name, with or without scheme, port, path or query: letters, digits and hyphens in dot-separated labels.
const HOST = /^(?:[a-z][a-z\d+.-]*:\/\/)?((?:[\p{L}\p{N}-]+\.)+[\p{L}\p{N}-]{2,})\.?(?::\d+)?(?:[/?#].*)?$/iu;

/** A unit (company) name as the lookup service takes it: NFKC, whitespace collapsed, 2 to 100 characters; else null. */
export function unitName(text: string): string | null {
  const unit = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  return unit.length >= 2 && unit.length <= 100 ? unit : null;
}

/** Reads one lookup input. `psb` says the box is for 公安 records, where bare digits are a code. */
export function readLookupInput(text: string, options: { psb?: boolean } = {}): LookupInput {
  const input = text.normalize('NFKC').trim();
  if (!input) return { kind: 'invalid', value: '' };
  const filing = parseFiling(input, { psb: options.psb || /^\d{10,16}$/.test(input.replace(/\s/g, '')) });
  if (filing.kind === 'psb') {
    return filing.psbCode && filing.normalized
      ? { kind: 'psb', value: filing.psbCode, filing }
      : { kind: 'invalid', value: input, filing };
  }
  if (filing.kind !== 'unknown') {
    const ok = (filing.kind === 'icp-filing' || filing.kind === 'icp-licence') && filing.normalized;
    return ok ? { kind: 'icp', value: filing.normalized!, filing } : { kind: 'invalid', value: input, filing };
  }
  // 。 is the full stop Chinese input methods type for a dot (NFKC has already folded ．and ｡). The host goes to
  // the service as typed: it reduces it to the registrable domain, which stripping `www.` here would get wrong
  // for www.gov.cn or www.com.cn.
  const host = HOST.exec(input.replace(/。/g, '.'))?.[1];
  if (host) return { kind: 'domain', value: host.toLowerCase() };
  // What is left is a name, if the lookup service would take it as one.
  const unit = unitName(input);
  return unit ? { kind: 'unit', value: unit } : { kind: 'invalid', value: input };
}
