import { useEffect, useState } from 'react';
import { connectToTeams, type TeamsHost } from './teams-host.js';

/**
 * Every Neuvo page in Teams starts the same way: connect (teams-js), follow the Teams theme as it
 * changes, and set the document's language so screen readers pick their voice. `languageOf` gives
 * the page's own language for the Teams locale (the browser's until Teams answers); `onNotInTeams`
 * runs when no Teams host answers.
 */
export function useTeamsHost<L extends string>(languageOf: (locale: string) => L, onNotInTeams: () => void): { readonly host: TeamsHost | undefined; readonly theme: string; readonly lang: L } {
  const [host, setHost] = useState<TeamsHost | undefined>(undefined);
  const [theme, setTheme] = useState('default');

  useEffect(() => {
    connectToTeams().then(
      (connected) => {
        setHost(connected);
        setTheme(connected.theme);
        connected.onThemeChange(setTheme);
      },
      () => onNotInTeams(),
    );
    // Once per page.
  }, []);

  const lang = languageOf(host?.locale ?? navigator.language);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  return { host, theme, lang };
}
