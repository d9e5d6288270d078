import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Spinner, Subtitle2, Textarea, tokens } from '@fluentui/react-components';
import { NOTES_MAX_LENGTH } from '../../domain/register/contact.js';
import { SUPPORTED_LANGUAGES } from '../../domain/staff/staff.js';
import { PanelApiError, type PanelApi } from './api.js';
import { languageName } from './format.js';
import { choicesFor, detailsOf, type ContactFormSource, initialValues, mergeOntoStored, missingAnswers, serverFieldErrors, valuesOf, type FieldErrors, type FormValues } from './form-values.js';
import { panelText, type PanelLanguage } from './i18n.js';
import type { ContactJson } from './wire.js';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', border: 'none', margin: 0, padding: 0, minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS, fontWeight: tokens.fontWeightSemibold },
  groupError: { color: tokens.colorPaletteRedForeground1, fontSize: tokens.fontSizeBase200 },
  actions: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

type Notice = { readonly intent: 'success' | 'error' | 'warning'; readonly text: string } | undefined;

interface ContactFormProps {
  readonly panel: ContactFormSource;
  readonly lang: PanelLanguage;
  readonly api: Pick<PanelApi, 'logContact' | 'correctContact'>;
  /** Told after every stored save (the advisers' tab reloads the contact's history). */
  readonly onSaved?: (contact: ContactJson) => void;
  /** Told when a save was refused because someone stored a newer version (409): the stored contact. */
  readonly onStale?: (contact: ContactJson) => void;
}

/**
 * The contact-log form: logs the meeting's contact, or (once logged) corrects it with a reason.
 * A refused or failed save keeps every value the adviser typed; only a success replaces them
 * with what was stored. A 409 (someone stored a newer version) merges: the fields the adviser
 * changed stay, the others take the stored values (ADR 0016).
 */
export function ContactForm({ panel, lang, api, onSaved, onStale }: ContactFormProps) {
  const styles = useStyles();
  const [logged, setLogged] = useState<ContactJson | null>(panel.loggedContact);
  const [values, setValues] = useState<FormValues>(() => initialValues(panel));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<Notice>(undefined);
  const text = (key: Parameters<typeof panelText>[1], params?: Record<string, string | number>) => panelText(lang, key, params);
  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const toggle = (key: 'topics' | 'services' | 'authorities' | 'associations', code: string, on: boolean) => setValues((v) => ({ ...v, [key]: on ? [...v[key], code] : v[key].filter((c) => c !== code) }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const missing = missingAnswers(values, lang, logged !== null);
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      setNotice({ intent: 'error', text: Object.values(missing)[0] ?? '' });
      return;
    }
    const booking = panel.booking;
    setSaving(true);
    setNotice(undefined);
    try {
      const saved = logged
        ? await api.correctContact(logged.id, logged.revision, values.reason, detailsOf(values, logged.startedAt))
        : booking && (await api.logContact(booking.id, detailsOf(values, booking.start)));
      // Without a booking there is nothing to log against: the advisers' tab only corrects.
      if (!saved) return;
      setNotice({ intent: 'success', text: text(logged ? 'corrected' : 'saved') });
      setLogged(saved);
      setValues(valuesOf(saved));
      onSaved?.(saved);
    } catch (failure) {
      refused(failure);
    } finally {
      setSaving(false);
    }
  }

  /** 409s bring the stored contact: the form turns into its correction, merged with what was typed. */
  function refused(failure: unknown) {
    if (!(failure instanceof PanelApiError) || failure.status === 0) {
      setNotice({ intent: 'error', text: text('networkError') });
      return;
    }
    const stored = failure.body?.contact;
    if (stored && failure.status === 409) {
      // Someone saved first: their changes come in, except where this adviser typed something.
      if (logged) setValues((typed) => mergeOntoStored(valuesOf(logged), typed, valuesOf(stored)));
      onStale?.(stored);
    }
    if (stored) setLogged(stored);
    setErrors(failure.code === 'reason_required' ? { reason: failure.message } : serverFieldErrors(failure.body?.error.fields ?? []));
    setNotice({ intent: failure.status === 409 ? 'warning' : 'error', text: failure.message });
  }

  const checkboxes = (key: 'topics' | 'services' | 'authorities', label: string) => (
    <CheckboxGroup legend={label} error={errors[key]}>
      {choicesFor(panel.form, key, values[key], lang).map((option) => (
        <Checkbox key={option.code} label={option.label} checked={values[key].includes(option.code)} onChange={(_, data) => toggle(key, option.code, data.checked === true)} />
      ))}
    </CheckboxGroup>
  );

  /** A required single choice of the form: nothing chosen until the adviser chooses. */
  const choiceSelect = (key: 'channel' | 'outcome', label: string) => (
    <Field label={label} validationMessage={errors[key]} required>
      <Select value={values[key]} onChange={(_, data) => set(key, data.value)}>
        <option value="">{text('choose')}</option>
        {choicesFor(panel.form, key, [values[key]], lang).map((o) => (
          <option key={o.code} value={o.code}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <form className={styles.form} onSubmit={(event) => void save(event)} noValidate aria-busy={saving}>
      <Subtitle2 as="h2">{text(logged ? 'formHeadingCorrect' : 'formHeadingNew')}</Subtitle2>
      {logged && (
        <MessageBar intent="info">
          <MessageBarBody>{text('loggedInfo', { revision: logged.revision })}</MessageBarBody>
        </MessageBar>
      )}
      {choiceSelect('channel', text('channel'))}
      <Field label={text('duration')} validationMessage={errors.durationMinutes} required>
        <Input type="number" inputMode="numeric" min={1} max={480} value={values.durationMinutes} onChange={(_, data) => set('durationMinutes', data.value)} />
      </Field>
      <Field label={text('guidanceLanguage')} validationMessage={errors.language}>
        <Select value={values.language} onChange={(_, data) => set('language', data.value)}>
          {[...new Set([...SUPPORTED_LANGUAGES, values.language])].map((code) => (
            <option key={code} value={code}>
              {languageName(code, lang)}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox label={text('interpreterUsed')} checked={values.interpreterUsed} onChange={(_, data) => set('interpreterUsed', data.checked === true)} />
      {checkboxes('topics', text('topicsHandled'))}
      {checkboxes('services', text('services'))}
      {checkboxes('authorities', text('authorities'))}
      {panel.associations.length > 0 && (
        <CheckboxGroup legend={text('associations')} error={errors.associations}>
          {panel.associations.map((association) => (
            <Checkbox
              key={association.id}
              label={association.name}
              checked={values.associations.includes(association.id)}
              onChange={(_, data) => toggle('associations', association.id, data.checked === true)}
            />
          ))}
        </CheckboxGroup>
      )}
      <Field label={text('followUp')} validationMessage={errors.followUpOn}>
        <Input type="date" value={values.followUpOn} onChange={(_, data) => set('followUpOn', data.value)} />
      </Field>
      {choiceSelect('outcome', text('outcome'))}
      <Field
        label={text('notes')}
        hint={`${text('notesReminder')} ${text('notesCount', { count: values.notes.length, max: NOTES_MAX_LENGTH })}`}
        validationMessage={errors.notes}
        validationState={errors.notes ? 'error' : 'none'}
      >
        <Textarea value={values.notes} maxLength={NOTES_MAX_LENGTH} resize="vertical" rows={5} onChange={(_, data) => set('notes', data.value)} />
      </Field>
      {logged && (
        <Field label={text('reason')} validationMessage={errors.reason} required>
          <Textarea value={values.reason} maxLength={500} rows={2} onChange={(_, data) => set('reason', data.value)} />
        </Field>
      )}
      {errors.startedAt && <div className={styles.groupError}>{errors.startedAt}</div>}
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === 'success' ? 'status' : 'alert'}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving}>
          {text(logged ? 'saveCorrection' : 'save')}
        </Button>
        {saving && <Spinner size="tiny" label={text('saving')} />}
      </div>
    </form>
  );
}

/** Checkboxes under one legend: a fieldset, so screen readers name the group. */
function CheckboxGroup({ legend, error, children }: { readonly legend: string; readonly error: string | undefined; readonly children: ReactNode }) {
  const styles = useStyles();
  return (
    <fieldset className={styles.group}>
      <legend className={styles.legend}>{legend}</legend>
      {children}
      {error && (
        <span className={styles.groupError} role="alert">
          {error}
        </span>
      )}
    </fieldset>
  );
}
