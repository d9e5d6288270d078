import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Badge, Body1, Button, Caption1, Field, Input, Link, makeStyles, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Title2, tokens } from '@fluentui/react-components';
import { optionLabel, type ContactChoiceField } from '../../domain/register/form-definition.js';
import { SUPPORTED_LANGUAGES } from '../../domain/staff/staff.js';
import { formatDate, formatTime, languageName } from '../side-panel/format.js';
import { failureMessage, NO_FILTERS, saveDownload, type SessionLogFilters } from './api.js';
import { ContactDrawer } from './ContactDrawer.js';
import { tabText, type TabTextKey } from './i18n.js';
import { Notice, type NoticeState, type TabContext } from './shell.js';
import type { SessionLogRowJson } from './wire.js';

const useStyles = makeStyles({
  filters: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(170px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    alignItems: 'end',
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    margin: 0,
  },
  legend: {
    fontWeight: tokens.fontWeightSemibold,
    padding: `0 ${tokens.spacingHorizontalXS}`,
  },
  search: { gridColumn: 'span 2' },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
    gridColumn: '1 / -1',
  },
  // Columns sized by their content: Fluent's fixed layout gave every column the same width, and
  // a long date ("ma 13.10.2025 10.30") ran into the client's name.
  table: { minWidth: '760px', tableLayout: 'auto' },
  scroll: { overflowX: 'auto' },
  more: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'center',
  },
  topics: { whiteSpace: 'normal' },
  when: { whiteSpace: 'nowrap' },
});

interface Listing {
  readonly rows: readonly SessionLogRowJson[];
  readonly next: string | null;
}

/**
 * The session log (issue 6): filters, a table of contacts newest first with "Load more" (the
 * server's keyset cursor), a CSV of the filtered view, and a drawer to read and correct one
 * contact. The filters apply when the adviser asks (a form), so typing a search sends nothing.
 */
export function SessionLog({ api, lang, me }: TabContext) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [draft, setDraft] = useState<SessionLogFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<SessionLogFilters>(NO_FILTERS);
  const [listing, setListing] = useState<Listing | undefined>(undefined);
  const [loading, setLoading] = useState<'list' | 'more' | 'export' | undefined>('list');
  const [notice, setNotice] = useState<NoticeState>(undefined);
  const [openId, setOpenId] = useState<string | undefined>(undefined);
  const [openings, setOpenings] = useState(0);
  const open = (contactId: string) => {
    setOpenId(contactId);
    setOpenings((n) => n + 1);
  };

  const load = useCallback(
    async (filters: SessionLogFilters) => {
      setLoading('list');
      setNotice(undefined);
      try {
        setListing(await api.sessionLog(filters, null));
        setApplied(filters);
      } catch (failure) {
        // The table keeps what it showed; the filters keep what was typed.
        setNotice({
          intent: 'error',
          text: failureMessage(failure, tabText(lang, 'networkError')),
        });
      } finally {
        setLoading(undefined);
      }
    },
    [api, lang],
  );

  useEffect(() => {
    void load(NO_FILTERS);
  }, [load]);

  async function more() {
    if (!listing?.next) return;
    setLoading('more');
    setNotice(undefined);
    try {
      const page = await api.sessionLog(applied, listing.next);
      setListing({ rows: [...listing.rows, ...page.rows], next: page.next });
    } catch (failure) {
      setNotice({
        intent: 'error',
        text: failureMessage(failure, text('networkError')),
      });
    } finally {
      setLoading(undefined);
    }
  }

  async function exportCsv() {
    setLoading('export');
    setNotice(undefined);
    try {
      // The view on screen: the filters last applied, not what is half-typed in the bar.
      saveDownload(await api.exportSessionLog(applied));
      setNotice({ intent: 'success', text: text('exported') });
    } catch (failure) {
      setNotice({
        intent: 'error',
        text: failureMessage(failure, text('networkError')),
      });
    } finally {
      setLoading(undefined);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void load(draft);
  }

  const set = (key: keyof SessionLogFilters) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const label = (field: ContactChoiceField, code: string) => optionLabel(me.form, field, code, lang);
  const municipalityName = (code: string) => me.municipalities.find((m) => m.code === code)?.name ?? code;
  const choice = (key: keyof SessionLogFilters, field: ContactChoiceField, caption: TabTextKey) => (
    <FilterSelect
      label={text(caption)}
      value={draft[key]}
      onChange={set(key)}
      anyText={text('any')}
      options={me.form.options[field].map((o) => ({
        value: o.code,
        label: o.labels[lang],
      }))}
    />
  );

  return (
    <>
      <Title2 as="h1">{text('sessionLogTitle')}</Title2>
      <form onSubmit={submit} aria-busy={loading === 'list'}>
        <fieldset className={styles.filters}>
          <legend className={styles.legend}>{text('filters')}</legend>
          <FilterSelect
            label={text('municipality')}
            value={draft.municipality}
            onChange={set('municipality')}
            anyText={text('any')}
            options={me.municipalities.map((m) => ({
              value: m.code,
              label: m.name,
            }))}
          />
          <FilterSelect
            label={text('adviser')}
            value={draft.adviser}
            onChange={set('adviser')}
            anyText={text('any')}
            options={me.advisers.map((a) => ({
              value: a.id,
              label: a.displayName,
            }))}
          />
          <Field label={text('from')}>
            <Input type="date" value={draft.from} onChange={(_, data) => set('from')(data.value)} />
          </Field>
          <Field label={text('to')}>
            <Input type="date" value={draft.to} onChange={(_, data) => set('to')(data.value)} />
          </Field>
          {choice('topic', 'topics', 'topic')}
          <FilterSelect
            label={text('language')}
            value={draft.language}
            onChange={set('language')}
            anyText={text('any')}
            options={SUPPORTED_LANGUAGES.map((code) => ({
              value: code,
              label: languageName(code, lang),
            }))}
          />
          {choice('channel', 'channel', 'channel')}
          {choice('outcome', 'outcome', 'outcome')}
          <FilterSelect
            label={text('noShow')}
            value={draft.noShow}
            onChange={set('noShow')}
            anyText={text('any')}
            options={[
              { value: 'true', label: text('yes') },
              { value: 'false', label: text('no') },
            ]}
          />
          <Field label={text('search')} hint={text('searchHint')} className={styles.search}>
            <Input type="search" value={draft.q} maxLength={100} onChange={(_, data) => set('q')(data.value)} />
          </Field>
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={loading !== undefined}>
              {text('apply')}
            </Button>
            <Button
              type="button"
              onClick={() => {
                setDraft(NO_FILTERS);
                void load(NO_FILTERS);
              }}
              disabled={loading !== undefined}
            >
              {text('clear')}
            </Button>
            <Button type="button" onClick={() => void exportCsv()} disabled={loading !== undefined || !listing}>
              {text('exportCsv')}
            </Button>
            {loading === 'list' && <Spinner size="tiny" label={text('loading')} />}
            {loading === 'export' && <Spinner size="tiny" label={text('exporting')} />}
          </div>
        </fieldset>
      </form>
      <Notice notice={notice} />
      {listing && (
        <section aria-labelledby="rows-caption">
          <Caption1 id="rows-caption" role="status">
            {text('rowsShown', { count: listing.rows.length })}
          </Caption1>
          {listing.rows.length === 0 ? (
            <Body1 as="p">{text('noRows')}</Body1>
          ) : (
            <div className={styles.scroll}>
              <Table className={styles.table} aria-labelledby="rows-caption" size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>{text('date')}</TableHeaderCell>
                    <TableHeaderCell>{text('client')}</TableHeaderCell>
                    <TableHeaderCell>{text('municipality')}</TableHeaderCell>
                    <TableHeaderCell>{text('adviser')}</TableHeaderCell>
                    <TableHeaderCell>{text('channel')}</TableHeaderCell>
                    <TableHeaderCell>{text('topics')}</TableHeaderCell>
                    <TableHeaderCell>{text('outcome')}</TableHeaderCell>
                    <TableHeaderCell>{text('noShow')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {listing.rows.map((row) => {
                    const when = `${formatDate(row.startedAt, lang)} ${formatTime(row.startedAt, lang)}`;
                    return (
                      // A click anywhere on the row opens it; the client's name is the keyboard's way in.
                      <TableRow key={row.contactId} data-contact-id={row.contactId} onClick={() => open(row.contactId)}>
                        <TableCell className={styles.when}>{when}</TableCell>
                        <TableCell>
                          <Link
                            as="button"
                            type="button"
                            aria-label={text('open', {
                              client: row.client.displayName,
                              date: when,
                            })}
                            onClick={(event) => {
                              event.stopPropagation();
                              open(row.contactId);
                            }}
                          >
                            {row.client.displayName}
                          </Link>
                        </TableCell>
                        <TableCell>{municipalityName(row.municipalityCode)}</TableCell>
                        <TableCell>{row.adviser.displayName}</TableCell>
                        <TableCell>{label('channel', row.channel)}</TableCell>
                        <TableCell className={styles.topics}>{row.topics.map((code) => label('topics', code)).join(', ')}</TableCell>
                        <TableCell>{label('outcome', row.outcome)}</TableCell>
                        <TableCell>
                          {row.noShow && (
                            <Badge color="danger" appearance="filled">
                              {text('noShowBadge')}
                            </Badge>
                          )}
                        </TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </Table>
            </div>
          )}
          {listing.next && (
            <div className={styles.more}>
              <Button onClick={() => void more()} disabled={loading !== undefined}>
                {text('loadMore')}
              </Button>
              {loading === 'more' && <Spinner size="tiny" label={text('loading')} />}
            </div>
          )}
        </section>
      )}
      {openId && (
        <ContactDrawer
          // Every opening reads the contact afresh, even the same one again.
          key={`${openId}#${openings}`}
          contactId={openId}
          api={api}
          lang={lang}
          isCoordinator={me.isCoordinator}
          municipalityName={municipalityName}
          onClose={() => setOpenId(undefined)}
          onCorrected={(contact) =>
            setListing(
              (l) =>
                l && {
                  ...l,
                  rows: l.rows.map((r) =>
                    r.contactId === contact.id
                      ? {
                          ...r,
                          channel: contact.channel,
                          topics: contact.topics,
                          outcome: contact.outcome,
                          language: contact.language,
                          durationMinutes: contact.durationMinutes,
                          revision: contact.revision,
                        }
                      : r,
                  ),
                },
            )
          }
        />
      )}
    </>
  );
}

function FilterSelect({
  label,
  value,
  onChange,
  options,
  anyText,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly options: readonly {
    readonly value: string;
    readonly label: string;
  }[];
  readonly anyText: string;
}) {
  return (
    <Field label={label}>
      <Select value={value} onChange={(_, data) => onChange(data.value)}>
        <option value="">{anyText}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );
}
