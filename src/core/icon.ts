/**
 * Our drawing of the 公安 filing emblem (a shield bearing a star): the element draws it with Lit, server-side
 * HTML inlines it. Never a hotlinked platform asset (L12).
 */
export const POLICE_ICON = {
  viewBox: '0 0 20 22',
  shield: 'M10 1l8.5 3v6.5c0 5.3-3.6 9.2-8.5 10.5C5 19.7 1.5 15.8 1.5 10.5V4z',
  star: 'M10 5.5l1.4 3 3.3.4-2.4 2.3.6 3.3-2.9-1.6-2.9 1.6.6-3.3-2.4-2.3 3.3-.4z',
  blue: '#1d4f91',
  rim: '#d8a93b',
  gold: '#f2c230',
} as const;
