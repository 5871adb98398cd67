import { nameKey } from './text';

/**
 * The choices a ballot shows besides the candidates, in every language of the voter page: the
 * abstention (the page's own labels), a blank ballot, and "re-open nominations" (RON). A candidate
 * named like one of them would read as that choice, so no candidate may be.
 */
export const RESERVED_BALLOT_LABELS = {
  en: [
    'Abstain',
    'Abstain (blank ballot)',
    'Abstain on this paper',
    'Abstain on this paper (cast it blank)',
    'Abstention',
    'Abstentions',
    'Blank',
    'Blank ballot',
    'Cast it blank',
    'RON',
    'Re-open nominations',
  ],
  de: [
    'Enthaltung',
    'Enthaltung (leerer Stimmzettel)',
    'Enthaltung auf diesem Stimmzettel',
    'Enthaltung auf diesem Stimmzettel (leer abgeben)',
    'Enthaltungen',
    'Enthalten',
    'Leer',
    'Leer abgeben',
    'Leerer Stimmzettel',
    'Neuausschreibung',
    'Nominierung wiedereröffnen',
    'Wiedereröffnung der Nominierung',
  ],
} as const satisfies Record<string, readonly string[]>;

/** Only the letters and digits of the look-alike key: "Abstain!" and "A b s t a i n" read as the label too. */
const labelKey = (text: string) => nameKey(text).replace(/[^\p{L}\p{N}]/gu, '');

const RESERVED = new Map<string, string>(Object.values(RESERVED_BALLOT_LABELS).flatMap((labels) => labels.map((label) => [labelKey(label), label])));

/** The ballot label that `name` reads as, or undefined. */
export function reservedLabelOf(name: string): string | undefined {
  return RESERVED.get(labelKey(name));
}
