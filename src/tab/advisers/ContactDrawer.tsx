import { Fragment, useCallback, useEffect, useState } from 'react';
import {
  Badge,
  Body1,
  Button,
  Caption1,
  Divider,
  DrawerBody,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  OverlayDrawer,
  Spinner,
  Subtitle2,
  tokens,
} from '@fluentui/react-components';
import { optionLabel } from '../../domain/register/form-definition.js';
import { ContactForm } from '../side-panel/ContactForm.js';
import { formatDate, formatTime, languageName } from '../side-panel/format.js';
import type { ContactJson } from '../side-panel/wire.js';
import { failureMessage, type TabApi } from './api.js';
import { ClientData } from './ClientData.js';
import { tabText, type TabLanguage, type TabTextKey } from './i18n.js';
import type { ContactDetailJson } from './wire.js';

const useStyles = makeStyles({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalXXL,
  },
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  divider: { flexGrow: 0 },
  facts: {
    margin: 0,
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
  },
  term: { color: tokens.colorNeutralForeground3 },
  detail: { margin: 0, overflowWrap: 'anywhere' },
  notes: { whiteSpace: 'pre-wrap' },
  history: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
});

interface ContactDrawerProps {
  readonly contactId: string;
  readonly api: TabApi;
  readonly lang: TabLanguage;
  /** Coordinators also get the client's audit trail and data export (the server refuses anyone else). */
  readonly isCoordinator: boolean;
  readonly municipalityName: (code: string) => string;
  readonly onClose: () => void;
  readonly onCorrected: (contact: ContactJson) => void;
}

/**
 * One contact of the session log in a drawer: its details, every version (who, when, why) and the
 * side panel's contact form to correct it with a reason. A failed save keeps what was typed (the
 * form's own rule); a stored one reloads the history.
 */
export function ContactDrawer(props: ContactDrawerProps) {
  // Non-modal: a modal Fluent drawer (tabster) left the page `aria-hidden` after closing in this
  // iframe, hiding the whole session log from screen readers. The drawer takes the focus when it
  // opens (Fluent's Dialog) and Escape or Close gives it back.
  return (
    <OverlayDrawer open modalType="non-modal" position="end" size="large" onOpenChange={(_, data) => (data.open ? undefined : props.onClose())} aria-labelledby="contact-drawer-title">
      <ContactDetail {...props} />
    </OverlayDrawer>
  );
}

function ContactDetail({ contactId, api, lang, isCoordinator, municipalityName, onClose, onCorrected }: ContactDrawerProps) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [detail, setDetail] = useState<ContactDetailJson | undefined>(undefined);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const load = useCallback(async () => {
    try {
      setDetail(await api.contact(contactId));
      setFailure(undefined);
    } catch (error) {
      setFailure(failureMessage(error, tabText(lang, 'networkError')));
    }
  }, [api, contactId, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  /** A newer stored version (this adviser's save, or someone else's that refused it): the row, the facts, the history. */
  const showStored = (contact: ContactJson) => {
    onCorrected(contact);
    void load();
  };

  const title = detail ? text('detailTitle', { client: detail.client.displayName }) : text('loading');
  return (
    <>
      <DrawerHeader>
        <DrawerHeaderTitle
          heading={{ as: 'h2', id: 'contact-drawer-title' }}
          action={
            <Button appearance="subtle" onClick={onClose}>
              {text('close')}
            </Button>
          }
        >
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody className={styles.body}>
        {!detail && !failure && <Spinner size="small" label={text('loading')} />}
        {failure && (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{failure}</MessageBarBody>
          </MessageBar>
        )}
        {detail && (
          <>
            <Facts detail={detail} lang={lang} municipalityName={municipalityName} />
            <Divider className={styles.divider} />
            <section className={styles.section} aria-labelledby="history-heading">
              <Subtitle2 as="h3" id="history-heading">
                {text('history')}
              </Subtitle2>
              <ol className={styles.history}>
                {detail.history.map((version) => {
                  const when = `${formatDate(version.changedAt, lang)} ${formatTime(version.changedAt, lang)}`;
                  return (
                    <li key={version.revision}>
                      <Body1>
                        {version.revision === 1
                          ? text('historyFirst', {
                              who: version.changedByName,
                              when,
                            })
                          : text('historyChange', {
                              revision: version.revision,
                              who: version.changedByName,
                              when,
                            })}
                      </Body1>
                      {version.reason && (
                        <>
                          <br />
                          <Caption1>{text('historyReason', { reason: version.reason })}</Caption1>
                        </>
                      )}
                    </li>
                  );
                })}
              </ol>
            </section>
            {isCoordinator && (
              <>
                <Divider className={styles.divider} />
                <ClientData clientId={detail.client.id} api={api} lang={lang} />
              </>
            )}
            <Divider className={styles.divider} />
            <ContactForm
              panel={{
                form: detail.form,
                associations: detail.associations,
                loggedContact: detail.contact,
              }}
              lang={lang}
              api={api}
              onSaved={showStored}
              // Someone saved first: the facts and history above show their version (and why),
              // the table row too; the form merges it with what this adviser changed (ADR 0016).
              onStale={showStored}
            />
          </>
        )}
      </DrawerBody>
    </>
  );
}

function Facts({ detail, lang, municipalityName }: { readonly detail: ContactDetailJson; readonly lang: TabLanguage; readonly municipalityName: (code: string) => string }) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const { contact, form } = detail;
  const rows: [TabTextKey, string][] = [
    ['date', `${formatDate(contact.startedAt, lang)} ${formatTime(contact.startedAt, lang)}`],
    ['client', detail.client.displayName],
    ['municipality', municipalityName(contact.municipalityCode)],
    ['adviser', detail.adviser.displayName],
    ['channel', optionLabel(form, 'channel', contact.channel, lang)],
    ['duration', text('minutes', { count: contact.durationMinutes })],
    ['language', languageName(contact.language, lang)],
    ['interpreter', contact.interpreterUsed ? text('yes') : text('no')],
    ['topics', contact.topics.map((code) => optionLabel(form, 'topics', code, lang)).join(', ')],
    ['outcome', optionLabel(form, 'outcome', contact.outcome, lang)],
  ];
  return (
    <section className={styles.section} aria-labelledby="facts-heading">
      <Subtitle2 as="h3" id="facts-heading">
        {text('facts')}
      </Subtitle2>
      {detail.noShow && (
        <Badge color="danger" appearance="filled">
          {text('noShowBadge')}
        </Badge>
      )}
      <dl className={styles.facts}>
        {rows.map(([key, value]) => (
          <Fragment key={key}>
            <dt className={styles.term}>{text(key)}</dt>
            <dd className={styles.detail}>{value}</dd>
          </Fragment>
        ))}
        <dt className={styles.term}>{text('notes')}</dt>
        <dd className={`${styles.detail} ${styles.notes}`}>{contact.notes}</dd>
      </dl>
    </section>
  );
}
