import { DEFAULT_CONTACT_LOG_FORM, type FormDefinition } from '../../domain/register/form-definition.js';
import type { Repositories } from '../ports/repositories.js';

/**
 * The contact-log form in force: the latest published version, or version 1 as shipped when
 * nothing is published yet (a fresh database before its first start finished seeding).
 */
export async function currentContactForm(repos: Pick<Repositories, 'forms'>): Promise<FormDefinition> {
  return (await repos.forms.latest('contact_log')) ?? DEFAULT_CONTACT_LOG_FORM;
}

/** Publishes version 1 of the shipped forms once; a later start finds it and does nothing. */
export async function ensureShippedForms(repos: Pick<Repositories, 'forms'>, now: Date): Promise<void> {
  if ((await repos.forms.get('contact_log', 1)) === undefined) await repos.forms.publish(DEFAULT_CONTACT_LOG_FORM, 'system:seed', now);
}
