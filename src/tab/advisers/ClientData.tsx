import { useState } from 'react';
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { formatDate, formatTime } from '../side-panel/format.js';
import { failureMessage, saveDownload, type TabApi } from './api.js';
import { tabText, type TabLanguage, type TabTextKey } from './i18n.js';
import { Notice, type NoticeState } from './shell.js';
import type { AuditTrailRowJson } from './wire.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  scroll: { overflowX: 'auto' },
  // Fluent's Table lays columns out fixed and equal: the instant would run into the next cell.
  table: { minWidth: '640px', tableLayout: 'auto' },
  nowrap: { whiteSpace: 'nowrap' },
  // break-word, not anywhere: in an auto-laid-out table, anywhere lets a name shrink to a few letters a line.
  wrap: { overflowWrap: 'break-word' },
});

interface ClientDataProps {
  readonly clientId: string;
  readonly api: TabApi;
  readonly lang: TabLanguage;
}

/** What is in flight: one request at a time, each with its own spinner. */
type Busy = 'audit' | 'more' | 'export' | 'erase';

interface Trail {
  readonly rows: readonly AuditTrailRowJson[];
  readonly next: string | null;
}

/**
 * A coordinator's view of a client's data-subject rights (issue 7): the client's audit trail
 * (newest first, "Load more" with the server's cursor), the JSON export of everything about
 * them, and their erasure request (after a warning that says what stays and why). The trail and
 * the export are read only when asked: each read writes an audit row (`audit.read`,
 * `client.export`), so opening a contact must not. The server refuses anyone else with 404; the
 * page shows the section to coordinators only.
 */
export function ClientData({ clientId, api, lang }: ClientDataProps) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [trail, setTrail] = useState<Trail | undefined>(undefined);
  const [busy, setBusy] = useState<Busy | undefined>(undefined);
  /** The erasure's warning and buttons show only after the coordinator asks: nothing is erased by one click. */
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<NoticeState>(undefined);

  async function run(kind: Busy, work: () => Promise<void>) {
    setBusy(kind);
    setNotice(undefined);
    try {
      await work();
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, text('networkError')) });
    } finally {
      setBusy(undefined);
    }
  }

  const showTrail = () => run('audit', async () => setTrail(await api.clientAudit(clientId, null)));
  const more = () =>
    run('more', async () => {
      if (!trail?.next) return;
      const page = await api.clientAudit(clientId, trail.next);
      setTrail({ rows: [...trail.rows, ...page.rows], next: page.next });
    });
  const exportJson = () =>
    run('export', async () => {
      saveDownload(await api.exportClient(clientId));
      setNotice({ intent: 'success', text: text('exportedClient') });
    });

  const erase = () =>
    run('erase', async () => {
      const answer = await api.eraseClient(clientId);
      setConfirming(false);
      // The server says what happened in the coordinator's language: erased, partly (the register keeps the contacts until …), or refused.
      setNotice({ intent: answer.erasure.outcome === 'refused' ? 'warning' : 'success', text: answer.message });
    });

  const who = (actor: AuditTrailRowJson['actor']): string => {
    switch (actor.kind) {
      case 'staff':
        return actor.displayName;
      case 'client':
        return text('auditActorClient');
      case 'public':
        return text('auditActorPublic');
      default:
        // Workers by their name (`system:register`, `system:retention`): what they are is the point.
        return actor.id;
    }
  };

  return (
    <section className={styles.section} aria-labelledby="client-data-heading">
      <Subtitle2 as="h3" id="client-data-heading">
        {text('clientData')}
      </Subtitle2>
      <Caption1>{text('clientDataHint')}</Caption1>
      <div className={styles.actions}>
        {!trail && (
          <Button onClick={() => void showTrail()} disabled={busy !== undefined}>
            {text('showAuditTrail')}
          </Button>
        )}
        <Button onClick={() => void exportJson()} disabled={busy !== undefined}>
          {text('exportClient')}
        </Button>
        {busy === 'audit' && <Spinner size="tiny" label={text('loading')} />}
        {busy === 'export' && <Spinner size="tiny" label={text('loading')} />}
        {!confirming && (
          <Button onClick={() => setConfirming(true)} disabled={busy !== undefined}>
            {text('eraseClient')}
          </Button>
        )}
      </div>
      {confirming && (
        <MessageBar intent="warning" layout="multiline" aria-labelledby="erase-explain">
          <MessageBarBody id="erase-explain">{text('eraseExplain')}</MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => void erase()} disabled={busy !== undefined}>
              {text('eraseConfirm')}
            </Button>
            <Button onClick={() => setConfirming(false)} disabled={busy !== undefined}>
              {text('cancel')}
            </Button>
            {busy === 'erase' && <Spinner size="tiny" label={text('loading')} />}
          </MessageBarActions>
        </MessageBar>
      )}
      <Notice notice={notice} />
      {trail && (
        <section className={styles.section} aria-labelledby="audit-trail-heading">
          <Subtitle2 as="h4" id="audit-trail-heading">
            {text('auditTrail')}
          </Subtitle2>
          <Caption1 role="status">{text('auditRowsShown', { count: trail.rows.length })}</Caption1>
          {trail.rows.length === 0 ? (
            <Body1 as="p">{text('auditNoRows')}</Body1>
          ) : (
            <div className={styles.scroll}>
              <Table className={styles.table} size="small" aria-labelledby="audit-trail-heading">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{text('auditWhen')}</TableHeaderCell>
                    <TableHeaderCell>{text('auditWho')}</TableHeaderCell>
                    <TableHeaderCell>{text('auditAction')}</TableHeaderCell>
                    <TableHeaderCell>{text('auditFields')}</TableHeaderCell>
                    <TableHeaderCell>{text('auditChannel')}</TableHeaderCell>
                    <TableHeaderCell>{text('auditOutcome')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {trail.rows.map((row, index) => (
                    // Rows have no id on the wire, and two rows may be alike in every column.
                    <TableRow key={index}>
                      <TableCell className={styles.nowrap}>{`${formatDate(row.at, lang)} ${formatTime(row.at, lang)}`}</TableCell>
                      <TableCell className={styles.wrap}>{who(row.actor)}</TableCell>
                      <TableCell className={styles.nowrap}>{row.action}</TableCell>
                      <TableCell className={styles.wrap}>{row.fields.join(', ')}</TableCell>
                      <TableCell>{row.channel}</TableCell>
                      <TableCell>{row.outcome}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          {trail.next && (
            <div className={styles.actions}>
              <Button onClick={() => void more()} disabled={busy !== undefined}>
                {text('loadMore')}
              </Button>
              {busy === 'more' && <Spinner size="tiny" label={text('loading')} />}
            </div>
          )}
        </section>
      )}
    </section>
  );
}
