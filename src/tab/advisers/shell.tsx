import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, FluentProvider, makeStaticStyles, makeStyles, MessageBar, MessageBarBody, Spinner, tokens } from '@fluentui/react-components';
import { useTeamsHost } from '../side-panel/use-teams-host.js';
import { themeFor } from '../side-panel/theme.js';
import { createTabApi, failureMessage, type TabApi } from './api.js';
import { tabLanguage, tabText, type TabLanguage } from './i18n.js';
import type { MeJson } from './wire.js';

/** What every page of the tab gets once Teams answered and the server said who is signed in. */
export interface TabContext {
  readonly api: TabApi;
  readonly lang: TabLanguage;
  readonly me: MeJson;
  readonly theme: string;
}

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
  },
});

/**
 * Printing the Reports page prints only what is marked `data-print="report"` (the funder report):
 * everything else is hidden, and the report starts at the top of the sheet in black on white.
 */
const usePrintStyles = makeStaticStyles(`
@media print {
  body * { visibility: hidden !important; }
  [data-print="report"], [data-print="report"] * { visibility: visible !important; }
  [data-print="report"] { position: absolute; inset: 0 auto auto 0; width: 100%; color: #000; background: #fff; }
  [data-print-hide] { display: none !important; }
}
`);

type State =
  | { readonly step: 'connecting' | 'loading' }
  | { readonly step: 'notInTeams' }
  | { readonly step: 'failed'; readonly message: string; readonly retry: boolean }
  | { readonly step: 'ready'; readonly me: MeJson };

/**
 * A tab page in Teams: connects (teams-js), follows the Teams theme and locale, asks the server who
 * is signed in (`/api/tab/me`), then draws `children` with it. A 403 (not staff the tab serves)
 * shows the server's localized message and no retry.
 */
export function TabShell({ children }: { readonly children: (context: TabContext) => ReactNode }) {
  usePrintStyles();
  const styles = useStyles();
  const [state, setState] = useState<State>({ step: 'connecting' });
  const { host, theme, lang } = useTeamsHost(tabLanguage, () => setState({ step: 'notInTeams' }));
  const api = useMemo(() => (host ? createTabApi(host.getToken, host.locale) : undefined), [host]);

  const load = useCallback(async () => {
    if (!api) return;
    setState({ step: 'loading' });
    try {
      setState({ step: 'ready', me: await api.me() });
    } catch (failure) {
      const status = (failure as { status?: number }).status;
      setState({ step: 'failed', message: failureMessage(failure, tabText(lang, 'networkError')), retry: status !== 403 });
    }
  }, [api, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <FluentProvider theme={themeFor(theme)} lang={lang}>
      <main className={styles.page}>
        {(state.step === 'connecting' || state.step === 'loading') && <Spinner size="small" label={tabText(lang, 'loading')} />}
        {state.step === 'notInTeams' && (
          <MessageBar intent="info">
            <MessageBarBody>{tabText(lang, 'notInTeams')}</MessageBarBody>
          </MessageBar>
        )}
        {state.step === 'failed' && (
          <>
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{state.message}</MessageBarBody>
            </MessageBar>
            {state.retry && <Button onClick={() => void load()}>{tabText(lang, 'retry')}</Button>}
          </>
        )}
        {state.step === 'ready' && api && children({ api, lang, me: state.me, theme })}
      </main>
    </FluentProvider>
  );
}

export type NoticeState = { readonly intent: 'success' | 'error' | 'warning'; readonly text: string } | undefined;

/** An error or success line under a form or above a table; alerts are announced. */
export function Notice({ notice }: { readonly notice: NoticeState }) {
  if (!notice) return null;
  return (
    <MessageBar intent={notice.intent} role={notice.intent === 'success' ? 'status' : 'alert'}>
      <MessageBarBody>{notice.text}</MessageBarBody>
    </MessageBar>
  );
}
