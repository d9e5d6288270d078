import { formatLocalDate, instantToWallMs } from '../../domain/booking/helsinki-time.js';
import { optionLabel, type FormDefinition, type LabelLanguage } from '../../domain/register/form-definition.js';
import { staffText, type StaffLanguage, type StaffMessageKey } from '../../i18n/staff/index.js';
import type { SessionLogRow } from '../../use-cases/ports/session-log.js';

/**
 * The session log as a CSV for Excel: UTF-8 with a BOM (or Excel reads it as ANSI), `;` between
 * cells (Finnish and Swedish Excel use `,` as the decimal separator and `;` as the list
 * separator), CRLF line ends, a header row in the caller's language, labels of the form in force
 * for channel, topics and outcome, and times on the Helsinki clock.
 */
const COLUMNS: readonly StaffMessageKey[] = [
  'sessionLog.csv.date',
  'sessionLog.csv.time',
  'sessionLog.csv.duration',
  'sessionLog.csv.municipality',
  'sessionLog.csv.adviser',
  'sessionLog.csv.client',
  'sessionLog.csv.channel',
  'sessionLog.csv.language',
  'sessionLog.csv.interpreter',
  'sessionLog.csv.topics',
  'sessionLog.csv.outcome',
  'sessionLog.csv.noShow',
  'sessionLog.csv.revision',
];

const BOM = '\uFEFF';

/**
 * One cell. A cell a spreadsheet would read as a formula (= + - @, and tab / CR which some
 * readers strip before looking) gets a leading `'`: a client's name or any free text must never
 * run as a formula on an adviser's machine (CSV injection). Then quoted when it holds `;`, `"` or
 * a line break.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * A CSV document for Excel: UTF-8 with a BOM (or Excel reads it as ANSI), `;` between cells (the
 * Finnish list separator), CRLF, every cell through {@link csvCell}.
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

export function sessionLogCsv(
  rows: readonly SessionLogRow[],
  context: { readonly lang: StaffLanguage; readonly form: FormDefinition; readonly municipalityNames: ReadonlyMap<string, string> },
): string {
  const { lang, form } = context;
  const label = (field: 'channel' | 'topics' | 'outcome', code: string) => optionLabel(form, field, code, lang as LabelLanguage);
  const yesNo = (value: boolean) => staffText(lang, value ? 'sessionLog.csv.yes' : 'sessionLog.csv.no');
  const cells = rows.map((row) => {
    const wall = instantToWallMs(row.startedAt.getTime());
    return [
      formatLocalDate(wall),
      new Date(wall).toISOString().slice(11, 16),
      String(row.durationMinutes),
      context.municipalityNames.get(row.municipalityCode) ?? row.municipalityCode,
      row.adviser.displayName,
      row.client.displayName,
      label('channel', row.channel),
      row.language,
      yesNo(row.interpreterUsed),
      row.topics.map((t) => label('topics', t)).join(', '),
      label('outcome', row.outcome),
      yesNo(row.noShow),
      String(row.revision),
    ];
  });
  return csvDocument(COLUMNS.map((key) => staffText(lang, key)), cells);
}
