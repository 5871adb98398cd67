// The page's own modules, typed by their JSDoc: checked with web/tsconfig.json (DOM types), not the Node one.
import { describe, expect, it } from 'vitest';
import { pickLanguage } from '../../web/vote/i18n.js';
import { parseLink, takeLink } from '../../web/vote/link.js';

const TOKEN = 'Yx3_kP0-aZ9qRt8uVw7sNm6L';

describe('the voter page link', () => {
  it('reads the election and token from the fragment, and only values of the right shape', () => {
    expect(parseLink(`#election=council&token=${TOKEN}`)).toEqual({ electionId: 'council', token: TOKEN });
    expect(parseLink(`election=council&token=${TOKEN}`)).toEqual({ electionId: 'council', token: TOKEN });
    expect(parseLink('#election=Council!&token=short')).toEqual({ electionId: undefined, token: undefined });
    expect(parseLink(`#election=../admin&token=${TOKEN}<script>`)).toEqual({ electionId: undefined, token: undefined });
    expect(parseLink('')).toEqual({ electionId: undefined, token: undefined });
  });

  it('takes the token out of the address bar, keeping the election, without a new history entry', () => {
    const replaced: string[] = [];
    const history = { replaceState: (_: unknown, __: string, url: string) => replaced.push(url) } as unknown as History;
    const link = takeLink({ pathname: '/vote', hash: `#election=council&token=${TOKEN}` } as Location, history);
    expect(link.token).toBe(TOKEN);
    expect(replaced).toEqual(['/vote#election=council']);
    takeLink({ pathname: '/vote', hash: `#token=${TOKEN}` } as Location, history);
    expect(replaced.at(-1)).toBe('/vote');
  });

  it("speaks the saved language, else the browser's first one it knows, else English", () => {
    expect(pickLanguage(['de-AT', 'en'], null)).toBe('de');
    expect(pickLanguage(['fr-FR', 'de'], null)).toBe('de');
    expect(pickLanguage(['fr-FR'], null)).toBe('en');
    expect(pickLanguage(['de-DE'], 'en')).toBe('en');
    expect(pickLanguage([], 'xx')).toBe('en');
  });
});
