import { useEffect, useState, type FormEvent } from 'react';
import { Button, Field, Input, makeStyles, Spinner, Subtitle1, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { optionLabel, type ContactChoiceField } from '../../domain/register/form-definition.js';
import { languageName } from '../side-panel/format.js';
import { failureMessage, saveDownload } from './api.js';
import { formatNumber } from './format.js';
import { isTabTextKey as isKey, tabText, type TabTextKey } from './i18n.js';
import { Notice, type NoticeState, type TabContext } from './shell.js';
import type { FunderReportJson } from './wire.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  report: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Sections whose items are codes of the contact form. */
const ITEM_FIELDS: Readonly<Record<string, ContactChoiceField>> = { channel: 'channel', topic: 'topics', authority_referral: 'authorities' };

/**
 * The report to the funder for a period of months: the ministry's rows, counts under five shown
 * as "< 5" (the server already left them out), a CSV of the same and a print button that prints
 * only the report (the page's print CSS, shell.tsx).
 */
export function FunderReport({ api, lang, me, year }: TabContext & { readonly year: number }) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [from, setFrom] = useState(`${year}-01`);
  const [to, setTo] = useState(`${year}-12`);
  const [report, setReport] = useState<FunderReportJson | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState>(undefined);

  useEffect(() => {
    setFrom(`${year}-01`);
    setTo(`${year}-12`);
  }, [year]);

  async function show(event?: FormEvent) {
    event?.preventDefault();
    if (!MONTH.test(from) || !MONTH.test(to)) return;
    setBusy(true);
    setNotice(undefined);
    try {
      setReport(await api.funderReport(from, to));
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, text('networkError')) });
    } finally {
      setBusy(false);
    }
  }

  async function csv() {
    if (!report) return;
    setBusy(true);
    setNotice(undefined);
    try {
      saveDownload(await api.funderCsv(report.from, report.to));
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, text('networkError')) });
    } finally {
      setBusy(false);
    }
  }

  /** Labels as the CSV has them: the form's options, a language's name, or the page's own texts. */
  const known = (key: string, fallback: string) => (isKey(key) ? text(key) : fallback);
  const sectionLabel = (section: string) => known(`section_${section}`, section);
  const itemLabel = (section: string, item: string) => {
    const field = ITEM_FIELDS[section];
    if (field) return optionLabel(me.form, field, item, lang);
    if (section === 'language') return languageName(item, lang);
    return known(`item_${item}`, item);
  };
  const municipalityName = (code: string | null) => (code === null ? text('total') : (me.municipalities.find((m) => m.code === code)?.name ?? code));
  return (
    <>
      <form className={styles.bar} onSubmit={(event) => void show(event)} data-print-hide>
        <Field label={text('periodFrom')}>
          <Input type="month" value={from} onChange={(_, data) => setFrom(data.value)} />
        </Field>
        <Field label={text('periodTo')}>
          <Input type="month" value={to} onChange={(_, data) => setTo(data.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy}>
          {text('show')}
        </Button>
        {report && (
          <>
            <Button type="button" onClick={() => void csv()} disabled={busy}>
              {text('downloadCsv')}
            </Button>
            <Button type="button" onClick={() => window.print()}>
              {text('print')}
            </Button>
          </>
        )}
        {busy && <Spinner size="tiny" label={text('loading')} />}
      </form>
      <Notice notice={notice} />
      {report && (
        <section className={styles.report} data-print="report" aria-labelledby="funder-heading">
          <Subtitle1 as="h2" id="funder-heading">
            {text('funderHeading', { from: report.from, to: report.to })}
          </Subtitle1>
          <Table size="small" aria-labelledby="funder-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{text('section')}</TableHeaderCell>
                <TableHeaderCell>{text('item')}</TableHeaderCell>
                <TableHeaderCell>{text('municipality')}</TableHeaderCell>
                <TableHeaderCell>{text('count')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {report.rows.map((row, i) => (
                <TableRow key={`${row.section}/${row.item}/${row.municipalityCode ?? ''}/${i}`}>
                  <TableCell>{sectionLabel(row.section)}</TableCell>
                  <TableCell>{itemLabel(row.section, row.item)}</TableCell>
                  <TableCell>{municipalityName(row.municipalityCode)}</TableCell>
                  <TableCell>{row.count === null ? text('underFive') : formatNumber(row.count, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
    </>
  );
}
