import { useEffect, useState } from 'react';
import { Body1, FluentProvider, makeStyles, tokens } from '@fluentui/react-components';
import { panelLanguage, panelText } from './i18n.js';
import { offerSidePanelConfiguration } from './teams-host.js';
import { themeFor } from './theme.js';

const useStyles = makeStyles({
  page: { padding: tokens.spacingHorizontalL, backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1, minHeight: '100vh', boxSizing: 'border-box' },
});

/** `/tab/configure`: what Teams shows when the app is added to a meeting (nothing to set). */
export function Configure() {
  const styles = useStyles();
  const [host, setHost] = useState<{ locale: string; theme: string } | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    offerSidePanelConfiguration().then(setHost, () => setFailed(true));
  }, []);
  const lang = panelLanguage(host?.locale ?? navigator.language);
  return (
    <FluentProvider theme={themeFor(host?.theme ?? 'default')} lang={lang}>
      <main className={styles.page}>
        <Body1>{panelText(lang, failed ? 'notInTeams' : 'configureIntro')}</Body1>
      </main>
    </FluentProvider>
  );
}
