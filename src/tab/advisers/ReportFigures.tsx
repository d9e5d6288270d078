import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Body1, Field, makeStyles, Select, Spinner, Subtitle2, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { DonutChart, getNextColor, GroupedVerticalBarChart, VerticalBarChart } from '@fluentui/react-charts';
import { optionLabel, type ContactChoiceField } from '../../domain/register/form-definition.js';
import { languageName } from '../side-panel/format.js';
import { failureMessage } from './api.js';
import { formatNumber, monthName, percent } from './format.js';
import { tabText, type TabLanguage, type TabTextKey } from './i18n.js';
import { Notice, type NoticeState, type TabContext } from './shell.js';
import type { CountJson, ReportJson } from './wire.js';

const useStyles = makeStyles({
  bar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, alignItems: 'end' },
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: tokens.spacingVerticalXL },
  figure: {
    margin: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  wide: { gridColumn: '1 / -1' },
  chart: { width: '100%', minHeight: '260px' },
  keyFigures: { margin: 0, display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))', gap: tokens.spacingVerticalM },
  keyFigure: { margin: 0, display: 'flex', flexDirection: 'column' },
  keyValue: { margin: 0, fontSize: tokens.fontSizeHero700, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightHero700 },
  keyTerm: { color: tokens.colorNeutralForeground3 },
  summary: { cursor: 'pointer', color: tokens.colorBrandForegroundLink },
});

/** The year's figures as charts, each with its table, and the key figures. */
export function ReportFigures({ api, lang, me, theme, year }: TabContext & { readonly year: number }) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [municipality, setMunicipality] = useState('');
  const [report, setReport] = useState<ReportJson | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [notice, setNotice] = useState<NoticeState>(undefined);

  const load = useCallback(async () => {
    setLoading(true);
    setNotice(undefined);
    try {
      setReport(await api.report(year, municipality));
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, tabText(lang, 'networkError')) });
    } finally {
      setLoading(false);
    }
  }, [api, year, municipality, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  const dark = theme === 'dark';
  const color = (i: number) => getNextColor(i, 0, dark);
  const label = (field: ContactChoiceField) => (code: string) => optionLabel(me.form, field, code, lang);

  return (
    <>
      {me.isCoordinator && (
        <div className={styles.bar}>
          <Field label={text('municipality')}>
            <Select value={municipality} onChange={(_, data) => setMunicipality(data.value)}>
              <option value="">{text('allMunicipalities')}</option>
              {me.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      {loading && <Spinner size="small" label={text('loading')} />}
      <Notice notice={notice} />
      {report && !loading && (
        <>
          <KeyFigures report={report} lang={lang} />
          <div className={styles.grid}>
            <ChartFigure id="per-month" title={text('contactsPerMonth')} wide lang={lang} table={<MonthTable report={report} lang={lang} />}>
              <GroupedVerticalBarChart
                chartTitle={text('contactsPerMonth')}
                height={300}
                data={Array.from({ length: 12 }, (_, month) => ({
                  name: monthName(month, lang, report.year),
                  series: report.municipalities.map((m, i) => ({ key: m.code, data: m.months[month] ?? 0, legend: m.name, color: color(i), xAxisCalloutData: monthName(month, lang, report.year) })),
                }))}
              />
            </ChartFigure>
            <ChartFigure id="vs-target" title={text('contactsVsTarget')} lang={lang} table={<TargetTable report={report} lang={lang} />}>
              <GroupedVerticalBarChart
                chartTitle={text('contactsVsTarget')}
                height={280}
                data={report.municipalities.map((m) => ({
                  name: m.name,
                  series: [
                    { key: 'contacts', data: m.total, legend: text('contacts'), color: color(0) },
                    { key: 'target', data: m.target ?? 0, legend: text('target'), color: color(1) },
                  ],
                }))}
              />
            </ChartFigure>
            <CountFigure id="languages" title={text('languages')} counts={report.languages} name={(code) => languageName(code, lang)} lang={lang} kind="donut" color={color} />
            <CountFigure id="channels" title={text('channels')} counts={report.channels} name={label('channel')} lang={lang} kind="donut" color={color} />
            <CountFigure id="topics" title={text('topics')} counts={report.topics} name={label('topics')} lang={lang} kind="bar" color={color} />
            <CountFigure id="outcomes" title={text('outcomes')} counts={report.outcomes} name={label('outcome')} lang={lang} kind="bar" color={color} />
            <CountFigure id="referrals-authorities" title={text('referralsAuthorities')} counts={report.referralsToAuthorities} name={label('authorities')} lang={lang} kind="bar" color={color} />
            <CountFigure
              id="referrals-associations"
              title={text('referralsAssociations')}
              counts={report.referralsToAssociations}
              name={(code) => report.referralsToAssociations.find((r) => r.code === code)?.name ?? code}
              lang={lang}
              kind="bar"
              color={color}
            />
          </div>
        </>
      )}
    </>
  );
}

function KeyFigures({ report, lang }: { readonly report: ReportJson; readonly lang: TabLanguage }) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const items: [TabTextKey, string][] = [
    ['contactsTotal', formatNumber(report.contacts, lang)],
    ['meetingsHeld', formatNumber(report.meetings.held, lang)],
    ['noShowRate', `${percent(report.meetings.noShows, report.meetings.held, lang)} %`],
    ['interpreterUse', text('percentOf', { count: formatNumber(report.interpreterUsed, lang), percent: percent(report.interpreterUsed, report.contacts, lang) })],
  ];
  return (
    <section aria-labelledby="key-figures">
      <Subtitle2 as="h2" id="key-figures">
        {text('keyFigures')}
      </Subtitle2>
      <dl className={styles.keyFigures}>
        {items.map(([key, value]) => (
          <div key={key} className={styles.keyFigure} data-key-figure={key}>
            <dt className={styles.keyTerm}>{text(key)}</dt>
            <dd className={styles.keyValue}>{value}</dd>
          </div>
        ))}
        {report.expertChannel && (
          <div className={styles.keyFigure}>
            <dt className={styles.keyTerm}>
              {text('expertChannel')}:{' '}
              {text('expertQuestions', {
                count: report.expertChannel.questions,
                claim: report.expertChannel.medianMinutesToClaim ?? '–',
                answer: report.expertChannel.medianMinutesToAnswer ?? '–',
              })}
            </dt>
            <dd className={styles.keyValue}>{formatNumber(report.expertChannel.questions, lang)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** A chart with its heading and, under it, the same numbers as a table (screen readers, copying). */
function ChartFigure({
  id,
  title,
  wide,
  lang,
  table,
  children,
}: {
  readonly id: string;
  readonly title: string;
  readonly wide?: boolean;
  readonly lang: TabLanguage;
  readonly table: ReactNode;
  readonly children: ReactNode;
}) {
  const styles = useStyles();
  return (
    <figure className={`${styles.figure} ${wide ? styles.wide : ''}`} aria-labelledby={`${id}-title`} data-chart={id}>
      <Subtitle2 as="h2" id={`${id}-title`}>
        {title}
      </Subtitle2>
      <div className={styles.chart}>{children}</div>
      <details>
        <summary className={styles.summary}>{tabText(lang, 'tableBehind')}</summary>
        {table}
      </details>
    </figure>
  );
}

function CountFigure({
  id,
  title,
  counts,
  name,
  lang,
  kind,
  color,
}: {
  readonly id: string;
  readonly title: string;
  readonly counts: readonly CountJson[];
  readonly name: (code: string) => string;
  readonly lang: TabLanguage;
  readonly kind: 'donut' | 'bar';
  readonly color: (i: number) => string;
}) {
  const text = (key: TabTextKey) => tabText(lang, key);
  const table = (
    <Table size="small" aria-label={title}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{title}</TableHeaderCell>
          <TableHeaderCell>{text('count')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {counts.map((c) => (
          <TableRow key={c.code}>
            <TableCell>{name(c.code)}</TableCell>
            <TableCell>{formatNumber(c.count, lang)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  return (
    <ChartFigure id={id} title={title} lang={lang} table={table}>
      {counts.length === 0 ? (
        <Body1>{text('nothing')}</Body1>
      ) : kind === 'donut' ? (
        <DonutChart data={{ chartTitle: title, chartData: counts.map((c, i) => ({ legend: name(c.code), data: c.count, color: color(i) })) }} innerRadius={55} height={260} hideLabels={false} />
      ) : (
        <VerticalBarChart chartTitle={title} height={260} data={counts.map((c, i) => ({ x: name(c.code), y: c.count, legend: name(c.code), color: color(i) }))} hideLegend />
      )}
    </ChartFigure>
  );
}

function MonthTable({ report, lang }: { readonly report: ReportJson; readonly lang: TabLanguage }) {
  const text = (key: TabTextKey) => tabText(lang, key);
  return (
    <Table size="small" aria-label={text('contactsPerMonth')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{text('municipality')}</TableHeaderCell>
          {Array.from({ length: 12 }, (_, month) => (
            <TableHeaderCell key={month}>{monthName(month, lang, report.year)}</TableHeaderCell>
          ))}
          <TableHeaderCell>{text('total')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.municipalities.map((m) => (
          <TableRow key={m.code}>
            <TableCell>{m.name}</TableCell>
            {Array.from({ length: 12 }, (_, month) => (
              <TableCell key={month}>{m.months[month] ?? 0}</TableCell>
            ))}
            <TableCell>{m.total}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function TargetTable({ report, lang }: { readonly report: ReportJson; readonly lang: TabLanguage }) {
  const text = (key: TabTextKey) => tabText(lang, key);
  return (
    <Table size="small" aria-label={text('contactsVsTarget')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell>{text('municipality')}</TableHeaderCell>
          <TableHeaderCell>{text('contacts')}</TableHeaderCell>
          <TableHeaderCell>{text('target')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {report.municipalities.map((m) => (
          <TableRow key={m.code}>
            <TableCell>{m.name}</TableCell>
            <TableCell>{formatNumber(m.total, lang)}</TableCell>
            <TableCell>{m.target === null ? text('noTarget') : formatNumber(m.target, lang)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
