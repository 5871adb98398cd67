import { fc } from '@fast-check/vitest';

/**
 * Names people may choose that every JavaScript object also answers from its prototype, beside
 * ordinary ones. A property test runs an election, a count or a file once with such names and once
 * with their twins (`twinOf`: as long, lowercase, nothing an object has), and expects the same
 * outcome name for name: `withPrototypeNames` turns what the twins gave into what the names must give.
 */
export const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__'] as const;
export const ORDINARY_NAMES = ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Emmy Noether'] as const;

/** The twins start with distinct letters and go on in x's, so no twin is part of another or of anything else a sheet says. */
const TWINS = new Map<string, string>(PROTOTYPE_NAMES.map((name, i) => [name, `${String.fromCharCode(97 + i)}${'x'.repeat(name.length - 1)}`]));

export const twinOf = (name: string): string => TWINS.get(name) ?? name;

/** What was said of the twins, said of the names they stand for. */
export function withPrototypeNames(text: string): string {
  let named = text;
  for (const [name, twin] of TWINS) named = named.replaceAll(twin, name);
  return named;
}

/** `count` different names, prototype names and ordinary ones mixed. */
export const distinctNames = (count: number) => fc.uniqueArray(fc.constantFrom(...PROTOTYPE_NAMES, ...ORDINARY_NAMES), { minLength: count, maxLength: count });
