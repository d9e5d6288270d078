import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  Divider,
  FluentProvider,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Subtitle1,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { optionLabel } from '../../domain/register/form-definition.js';
import { createPanelApi, PanelApiError, type PanelApi } from './api.js';
import { ContactForm } from './ContactForm.js';
import { formatDate, formatTime, languageName } from './format.js';
import { panelLanguage, panelText, type PanelLanguage, type PanelTextKey } from './i18n.js';
import { useTeamsHost } from './use-teams-host.js';
import { themeFor } from './theme.js';
import type { ContactJson, PanelJson } from './wire.js';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    overflowWrap: 'anywhere',
  },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  // Fluent's Divider grows in a flex container; the page fills the panel's height, so it must not.
  divider: { flexGrow: 0 },
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalXXS },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0 },
  quote: { margin: 0, paddingLeft: tokens.spacingHorizontalS, borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorNeutralStroke1}`, whiteSpace: 'pre-wrap' },
  contacts: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  contact: { display: 'flex', flexDirection: 'column', paddingBottom: tokens.spacingVerticalXS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  notes: { whiteSpace: 'pre-wrap' },
});

type State =
  | { readonly step: 'connecting' | 'loading' }
  | { readonly step: 'message'; readonly key: PanelTextKey }
  | { readonly step: 'failed'; readonly message: string; readonly retry: boolean }
  | { readonly step: 'ready'; readonly panel: PanelJson };

/** The meeting side panel: connects to Teams, loads the meeting's panel, shows it in the Teams theme. */
export function App() {
  const [state, setState] = useState<State>({ step: 'connecting' });
  const { host, theme, lang } = useTeamsHost(panelLanguage, () => setState({ step: 'message', key: 'notInTeams' }));
  const api = useMemo(() => (host ? createPanelApi(host.getToken, host.locale) : undefined), [host]);

  const load = useCallback(async () => {
    if (!host || !api) return;
    if (!host.chatId) {
      setState({ step: 'message', key: 'noChat' });
      return;
    }
    setState({ step: 'loading' });
    try {
      setState({ step: 'ready', panel: await api.panel(host.chatId) });
    } catch (failure) {
      const known = failure instanceof PanelApiError && failure.status !== 0 && failure.body !== undefined;
      // 404 is final (no booking here, or none for this person); anything else may pass.
      setState({ step: 'failed', message: known ? failure.message : panelText(lang, 'networkError'), retry: !(failure instanceof PanelApiError && failure.status === 404) });
    }
  }, [host, api, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <FluentProvider theme={themeFor(theme)} lang={lang}>
      <Page state={state} lang={lang} api={api} onRetry={() => void load()} />
    </FluentProvider>
  );
}

function Page({ state, lang, api, onRetry }: { readonly state: State; readonly lang: PanelLanguage; readonly api: PanelApi | undefined; readonly onRetry: () => void }) {
  const styles = useStyles();
  const text = (key: PanelTextKey) => panelText(lang, key);
  return (
    <main className={styles.page}>
      {(state.step === 'connecting' || state.step === 'loading') && <Spinner size="small" label={text('loading')} />}
      {state.step === 'message' && (
        <MessageBar intent="info">
          <MessageBarBody>{text(state.key)}</MessageBarBody>
        </MessageBar>
      )}
      {state.step === 'failed' && (
        <>
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{state.message}</MessageBarBody>
          </MessageBar>
          {state.retry && <Button onClick={onRetry}>{text('retry')}</Button>}
        </>
      )}
      {state.step === 'ready' && api && (
        <>
          <ClientSummary panel={state.panel} lang={lang} />
          <Divider className={styles.divider} />
          <RecentContacts panel={state.panel} lang={lang} />
          <Divider className={styles.divider} />
          <ContactForm panel={state.panel} lang={lang} api={api} />
        </>
      )}
    </main>
  );
}

/** Who and when, and what the client told in the intake (no contact details: none are sent). */
function ClientSummary({ panel, lang }: { readonly panel: PanelJson; readonly lang: PanelLanguage }) {
  const styles = useStyles();
  const text = (key: PanelTextKey, params?: Record<string, string>) => panelText(lang, key, params);
  const { booking, intake } = panel;
  const topicLabels = (codes: readonly string[]) => codes.map((code) => optionLabel(panel.form, 'topics', code, lang)).join(', ');
  return (
    <section className={styles.section} aria-labelledby="client-heading">
      <Subtitle1 as="h1" id="client-heading">
        {panel.client.displayName}
      </Subtitle1>
      <Caption1>{text('appointmentTime', { date: formatDate(booking.start, lang), start: formatTime(booking.start, lang), end: formatTime(booking.end, lang) })}</Caption1>
      <Subtitle2 as="h2">{text('intakeHeading')}</Subtitle2>
      {intake ? (
        <>
          <dl className={styles.facts}>
            <dt className={styles.term}>{text('language')}</dt>
            <dd className={styles.detail}>{languageName(intake.language, lang)}</dd>
            <dt className={styles.term}>{text('interpreter')}</dt>
            <dd className={styles.detail}>{intake.interpreterLanguage ? languageName(intake.interpreterLanguage, lang) : text('interpreterNone')}</dd>
            <dt className={styles.term}>{text('topics')}</dt>
            <dd className={styles.detail}>{topicLabels(intake.topics)}</dd>
          </dl>
          {intake.description && (
            <>
              <Caption1>{text('description')}</Caption1>
              <blockquote className={styles.quote}>
                <Body1>{intake.description}</Body1>
              </blockquote>
            </>
          )}
          <Caption1>{text('intakeGiven', { date: formatDate(intake.givenAt, lang) })}</Caption1>
        </>
      ) : (
        <Body1>{text('intakeNone')}</Body1>
      )}
    </section>
  );
}

function RecentContacts({ panel, lang }: { readonly panel: PanelJson; readonly lang: PanelLanguage }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-labelledby="recent-heading">
      <Subtitle2 as="h2" id="recent-heading">
        {panelText(lang, 'recentHeading')}
      </Subtitle2>
      {panel.recentContacts.length === 0 ? (
        <Body1>{panelText(lang, 'recentNone')}</Body1>
      ) : (
        <ul className={styles.contacts}>
          {panel.recentContacts.map((contact) => (
            <RecentContact key={contact.id} contact={contact} panel={panel} lang={lang} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentContact({ contact, panel, lang }: { readonly contact: ContactJson; readonly panel: PanelJson; readonly lang: PanelLanguage }) {
  const styles = useStyles();
  const label = (field: 'channel' | 'outcome' | 'topics', code: string) => optionLabel(panel.form, field, code, lang);
  return (
    <li className={styles.contact}>
      <Body1>
        <strong>{formatDate(contact.startedAt, lang)}</strong> · {label('channel', contact.channel)} · {label('outcome', contact.outcome)}
      </Body1>
      <Caption1>{contact.topics.map((code) => label('topics', code)).join(', ')}</Caption1>
      {contact.notes && <Caption1 className={styles.notes}>{contact.notes}</Caption1>}
    </li>
  );
}
