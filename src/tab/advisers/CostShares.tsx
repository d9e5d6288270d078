import { useState, type FormEvent } from 'react';
import { Button, Field, Input, makeStyles, Spinner, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { parseEuros } from '../../domain/reports/cost-shares.js';
import { failureMessage } from './api.js';
import { formatEuros, formatNumber } from './format.js';
import { tabText, type TabTextKey } from './i18n.js';
import { Notice, type NoticeState, type TabContext } from './shell.js';
import type { CostSharesJson } from './wire.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  totals: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalL },
  dd: { margin: 0 },
  number: { textAlign: 'end' },
});

/**
 * "120 000", "120000,50", "120000.5 €" → euros; anything else undefined. Spaces and a decimal comma
 * are how people write euros here; the rest is the server's own rule (domain parseEuros).
 */
export function parseTypedEuros(typed: string): number | undefined {
  const cents = parseEuros(typed.replace(/[\s\u00a0€]/g, '').replace(',', '.'));
  return cents === undefined || cents === 0 ? undefined : cents / 100;
}

/** Cost shares: the year's total in, the state's 70 % and each municipality's share of the rest out, by foreign-language residents. */
export function CostShares({ api, lang, year }: TabContext & { readonly year: number }) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [total, setTotal] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [shares, setShares] = useState<CostSharesJson | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<NoticeState>(undefined);

  async function compute(event: FormEvent) {
    event.preventDefault();
    const euros = parseTypedEuros(total);
    setError(euros === undefined ? text('costTotalInvalid') : undefined);
    if (euros === undefined) return;
    setBusy(true);
    setNotice(undefined);
    try {
      setShares(await api.costShares(year, euros));
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, text('networkError')) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <form className={styles.bar} onSubmit={(event) => void compute(event)} noValidate>
        <Field label={text('costTotal')} validationMessage={error} required>
          <Input inputMode="decimal" value={total} onChange={(_, data) => setTotal(data.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy}>
          {text('compute')}
        </Button>
        {busy && <Spinner size="tiny" label={text('loading')} />}
      </form>
      <Notice notice={notice} />
      {shares && (
        <section aria-labelledby="shares-heading">
          <Subtitle2 as="h2" id="shares-heading">
            {text('tabCostShares')} {shares.year}
          </Subtitle2>
          <dl className={styles.totals}>
            <dt>{text('total')}</dt>
            <dd className={styles.dd}>{formatEuros(shares.total, lang)}</dd>
            <dt>{text('state')}</dt>
            <dd className={styles.dd}>{formatEuros(shares.state, lang)}</dd>
            <dt>{text('municipalitiesTotal')}</dt>
            <dd className={styles.dd}>{formatEuros(shares.municipalitiesTotal, lang)}</dd>
          </dl>
          <Table size="small" aria-labelledby="shares-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{text('municipality')}</TableHeaderCell>
                <TableHeaderCell>{text('foreignResidents')}</TableHeaderCell>
                <TableHeaderCell>{text('share')}</TableHeaderCell>
                <TableHeaderCell>{text('amount')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shares.shares.map((share) => (
                <TableRow key={share.code} data-share={share.code}>
                  <TableCell>{share.name}</TableCell>
                  <TableCell className={styles.number}>{formatNumber(share.foreignResidents, lang)}</TableCell>
                  <TableCell className={styles.number}>{formatNumber(share.percent, lang, 2)} %</TableCell>
                  <TableCell className={styles.number}>{formatEuros(share.amount, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </section>
      )}
    </>
  );
}
