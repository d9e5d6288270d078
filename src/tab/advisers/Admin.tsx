import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Field,
  Input,
  makeStyles,
  Select,
  Spinner,
  Subtitle1,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { failureMessage, type AssociationInput } from './api.js';
import { tabText, type TabTextKey } from './i18n.js';
import { Notice, type NoticeState, type TabContext } from './shell.js';
import type { AssociationsJson, MunicipalFiguresJson } from './wire.js';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  input: { maxWidth: '10rem' },
  form: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  wide: { gridColumn: '1 / -1' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', gridColumn: '1 / -1' },
  rowActions: { display: 'flex', gap: tokens.spacingHorizontalXS },
});

/** The coordinators' section: the year's municipal figures, and the associations directory. */
export function Admin(context: TabContext & { readonly year: number }) {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <FiguresEditor {...context} />
      <AssociationsDirectory {...context} />
    </div>
  );
}

/** What the coordinator typed, per municipality: kept as text so a refused save loses nothing. */
type FigureDraft = Record<string, { contactTarget: string; foreignResidents: string }>;

/** '' → null (not entered); a whole number ≥ 0 → itself; anything else undefined (invalid). */
export function parseFigure(typed: string): number | null | undefined {
  const trimmed = typed.trim();
  if (trimmed === '') return null;
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : undefined;
}

function FiguresEditor({ api, lang, year }: TabContext & { readonly year: number }) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [figures, setFigures] = useState<MunicipalFiguresJson | undefined>(undefined);
  const [draft, setDraft] = useState<FigureDraft>({});
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(true);
  const [notice, setNotice] = useState<NoticeState>(undefined);

  const adopt = (loaded: MunicipalFiguresJson) => {
    setFigures(loaded);
    setDraft(Object.fromEntries(loaded.figures.map((f) => [f.code, { contactTarget: f.contactTarget?.toString() ?? '', foreignResidents: f.foreignResidents?.toString() ?? '' }])));
  };

  const load = useCallback(async () => {
    setBusy(true);
    setNotice(undefined);
    try {
      adopt(await api.figures(year));
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, tabText(lang, 'networkError')) });
    } finally {
      setBusy(false);
    }
  }, [api, year, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!figures) return;
    const bad = new Set<string>();
    const out = figures.figures.map((f) => {
      const typed = draft[f.code] ?? { contactTarget: '', foreignResidents: '' };
      const contactTarget = parseFigure(typed.contactTarget);
      const foreignResidents = parseFigure(typed.foreignResidents);
      if (contactTarget === undefined) bad.add(`${f.code}.contactTarget`);
      if (foreignResidents === undefined) bad.add(`${f.code}.foreignResidents`);
      return { code: f.code, contactTarget: contactTarget ?? null, foreignResidents: foreignResidents ?? null };
    });
    setInvalid(bad);
    if (bad.size > 0) {
      setNotice({ intent: 'error', text: text('figureInvalid') });
      return;
    }
    setBusy(true);
    setNotice(undefined);
    try {
      adopt(await api.saveFigures(year, out));
      setNotice({ intent: 'success', text: text('figuresSaved') });
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, text('networkError')) });
    } finally {
      setBusy(false);
    }
  }

  const input = (code: string, name: string, key: 'contactTarget' | 'foreignResidents') => (
    <Field validationMessage={invalid.has(`${code}.${key}`) ? text('figureInvalid') : undefined}>
      <Input
        className={styles.input}
        inputMode="numeric"
        aria-label={`${name}: ${text(key)}`}
        value={draft[code]?.[key] ?? ''}
        onChange={(_, data) => setDraft((d) => ({ ...d, [code]: { contactTarget: d[code]?.contactTarget ?? '', foreignResidents: d[code]?.foreignResidents ?? '', [key]: data.value } }))}
      />
    </Field>
  );

  return (
    <section className={styles.section} aria-labelledby="figures-heading">
      <Subtitle1 as="h2" id="figures-heading">
        {text('figuresHeading', { year })}
      </Subtitle1>
      {figures && (
        <form onSubmit={(event) => void save(event)} noValidate className={styles.section}>
          <Table size="small" aria-labelledby="figures-heading">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{text('municipality')}</TableHeaderCell>
                <TableHeaderCell>{text('contactTarget')}</TableHeaderCell>
                <TableHeaderCell>{text('foreignResidents')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {figures.figures.map((f) => (
                <TableRow key={f.code}>
                  <TableCell>{f.name}</TableCell>
                  <TableCell>{input(f.code, f.name, 'contactTarget')}</TableCell>
                  <TableCell>{input(f.code, f.name, 'foreignResidents')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <div className={styles.rowActions}>
            <Button type="submit" appearance="primary" disabled={busy}>
              {text('saveFigures')}
            </Button>
          </div>
        </form>
      )}
      {busy && <Spinner size="tiny" label={text('loading')} />}
      <Notice notice={notice} />
    </section>
  );
}

type AssociationRow = AssociationsJson['associations'][number];

interface AssociationDraft {
  readonly name: string;
  readonly municipalityCode: string;
  readonly languages: string;
  readonly activities: string;
  readonly contactInfo: string;
  readonly active: boolean;
}

const EMPTY_DRAFT: AssociationDraft = { name: '', municipalityCode: '', languages: '', activities: '', contactInfo: '', active: true };

function draftOf(a: AssociationRow): AssociationDraft {
  return { name: a.name, municipalityCode: a.municipalityCode, languages: a.languages.join(', '), activities: a.activities, contactInfo: a.contactInfo, active: a.active };
}

function inputOf(d: AssociationDraft): AssociationInput {
  return {
    name: d.name.trim(),
    municipalityCode: d.municipalityCode,
    languages: d.languages
      .split(',')
      .map((code) => code.trim().toLowerCase())
      .filter(Boolean),
    activities: d.activities.trim(),
    contactInfo: d.contactInfo.trim(),
    active: d.active,
  };
}

function AssociationsDirectory({ api, lang, me }: TabContext) {
  const styles = useStyles();
  const text = (key: TabTextKey, params?: Record<string, string | number>) => tabText(lang, key, params);
  const [list, setList] = useState<AssociationsJson | undefined>(undefined);
  /** undefined: no form open; null: adding; an id: editing that one. */
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const [draft, setDraft] = useState<AssociationDraft>(EMPTY_DRAFT);
  const [missing, setMissing] = useState<ReadonlySet<keyof AssociationDraft>>(new Set());
  const [busy, setBusy] = useState(true);
  const [notice, setNotice] = useState<NoticeState>(undefined);

  const load = useCallback(async () => {
    setBusy(true);
    try {
      setList(await api.associations());
    } catch (failure) {
      setNotice({ intent: 'error', text: failureMessage(failure, tabText(lang, 'networkError')) });
    } finally {
      setBusy(false);
    }
  }, [api, lang]);

  useEffect(() => {
    void load();
  }, [load]);

  async function store(id: string | null, input: AssociationInput) {
    setBusy(true);
    setNotice(undefined);
    try {
      if (id === null) await api.addAssociation(input);
      else await api.updateAssociation(id, input);
      setEditing(undefined);
      setNotice({ intent: 'success', text: text('associationSaved') });
      await load();
    } catch (failure) {
      // The form stays open with what was typed.
      setNotice({ intent: 'error', text: failureMessage(failure, text('networkError')) });
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (editing === undefined) return;
    const absent = new Set<keyof AssociationDraft>((['name', 'municipalityCode'] as const).filter((key) => draft[key].trim() === ''));
    setMissing(absent);
    if (absent.size > 0) return;
    void store(editing, inputOf(draft));
  }

  const municipalityName = (code: string) => me.municipalities.find((m) => m.code === code)?.name ?? code;
  const set = <K extends keyof AssociationDraft>(key: K, value: AssociationDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const editedName = editing ? list?.associations.find((a) => a.id === editing)?.name : undefined;

  return (
    <section className={styles.section} aria-labelledby="associations-heading">
      <Subtitle1 as="h2" id="associations-heading">
        {text('associationsHeading')}
      </Subtitle1>
      {list && (
        <Table size="small" aria-labelledby="associations-heading">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{text('name')}</TableHeaderCell>
              <TableHeaderCell>{text('municipality')}</TableHeaderCell>
              <TableHeaderCell>{text('languages')}</TableHeaderCell>
              <TableHeaderCell>{text('status')}</TableHeaderCell>
              <TableHeaderCell>{text('referrals')}</TableHeaderCell>
              <TableHeaderCell>{text('actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.associations.map((a) => (
              <TableRow key={a.id} data-association={a.id}>
                <TableCell>{a.name}</TableCell>
                <TableCell>{municipalityName(a.municipalityCode)}</TableCell>
                <TableCell>{a.languages.join(', ')}</TableCell>
                <TableCell>{a.active ? text('active') : text('inactive')}</TableCell>
                <TableCell>{a.referrals}</TableCell>
                <TableCell>
                  <div className={styles.rowActions}>
                    <Button
                      size="small"
                      aria-label={`${text('edit')}: ${a.name}`}
                      onClick={() => {
                        setEditing(a.id);
                        setDraft(draftOf(a));
                        setMissing(new Set());
                      }}
                    >
                      {text('edit')}
                    </Button>
                    <Button
                      size="small"
                      aria-label={`${a.active ? text('deactivate') : text('activate')}: ${a.name}`}
                      disabled={busy}
                      onClick={() => void store(a.id, { ...inputOf(draftOf(a)), active: !a.active })}
                    >
                      {a.active ? text('deactivate') : text('activate')}
                    </Button>
                  </div>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {editing === undefined && (
        <div>
          <Button
            onClick={() => {
              setEditing(null);
              setDraft({ ...EMPTY_DRAFT, municipalityCode: me.municipalities[0]?.code ?? '' });
              setMissing(new Set());
            }}
          >
            {text('addAssociation')}
          </Button>
        </div>
      )}
      {editing !== undefined && (
        <form className={styles.form} onSubmit={submit} noValidate aria-labelledby="association-form-heading">
          <Subtitle2 as="h3" id="association-form-heading" className={styles.wide}>
            {editing === null ? text('addAssociation') : text('editAssociation', { name: editedName ?? '' })}
          </Subtitle2>
          <Field label={text('name')} required validationMessage={missing.has('name') ? text('required') : undefined}>
            <Input value={draft.name} maxLength={200} onChange={(_, data) => set('name', data.value)} />
          </Field>
          <Field label={text('municipality')} required validationMessage={missing.has('municipalityCode') ? text('required') : undefined}>
            <Select value={draft.municipalityCode} onChange={(_, data) => set('municipalityCode', data.value)}>
              {me.municipalities.map((m) => (
                <option key={m.code} value={m.code}>
                  {m.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={text('languagesCodes')}>
            <Input value={draft.languages} onChange={(_, data) => set('languages', data.value)} />
          </Field>
          <Field label={text('activities')} className={styles.wide}>
            <Textarea value={draft.activities} maxLength={1000} onChange={(_, data) => set('activities', data.value)} />
          </Field>
          <Field label={text('contactInfo')} className={styles.wide}>
            <Textarea value={draft.contactInfo} maxLength={500} onChange={(_, data) => set('contactInfo', data.value)} />
          </Field>
          <Checkbox label={text('active')} checked={draft.active} onChange={(_, data) => set('active', data.checked === true)} />
          <div className={styles.actions}>
            <Button type="submit" appearance="primary" disabled={busy}>
              {text('saveAssociation')}
            </Button>
            <Button type="button" onClick={() => setEditing(undefined)}>
              {text('cancel')}
            </Button>
          </div>
        </form>
      )}
      {busy && <Spinner size="tiny" label={text('loading')} />}
      <Notice notice={notice} />
    </section>
  );
}
