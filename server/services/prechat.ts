// The pre-chat form (issue 18.2): a team may ask a new visitor for name, e-mail, phone and
// contact custom fields before their first message. The answers fill the visitor's contact.
//
// Decisions:
// - The server enforces it where it matters: a chat of a team with required fields does not
//   start (400 naming the field) while the contact lacks them — a widget that skipped the form
//   cannot open one. Answers already on the contact (a returning visitor) count.
// - Identified visitors (identity hash) are never asked: the site already knows who they are.
// - Custom fields are stored as text fields of the contact (`custom:<key>` → customFields.<key>).
import type { PrechatField } from '../../shared/contract/teams';
import type { PrechatInput } from '../../shared/contract/widget-api';
import type { AppContext } from '../context';
import type { ContactDoc, TeamDoc } from '../db/types';
import { badRequest, conflict } from '../errors';
import { setCustomField, updateContact } from './contacts';
import { prechatFormOf } from './mappers';
import type { VisitorAuth } from './visitors';

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const PHONE = /^\+?[0-9]{6,15}$/;

export const isEmailShaped = (value: string): boolean => value.length <= 254 && EMAIL.test(value);
export const isPhoneShaped = (value: string): boolean => PHONE.test(value.replace(/[\s().-]/g, ''));

/** The fields the widget shows, or null when the team asks nothing. */
export function prechatFieldsOf(team: TeamDoc): PrechatField[] | null {
  const form = prechatFormOf(team);
  return form.enabled && form.fields.length > 0 ? form.fields : null;
}

const customKey = (field: string): string | null => (field.startsWith('custom:') ? field.slice('custom:'.length) : null);

/** What the contact holds for a form field ('' when nothing). */
function contactValue(contact: ContactDoc, field: string): string {
  const key = customKey(field);
  if (key !== null) {
    const entry = (contact.customFields ?? []).find((f) => f.key === key);
    return entry ? String(entry.value ?? '') : '';
  }
  const value = (contact as unknown as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : '';
}

/** One answer checked against its field: the sentence names the field by its label. */
function checkAnswer(f: PrechatField, raw: string | undefined): string | null {
  const value = (raw ?? '').trim();
  const at = `body.values.${f.field}`;
  if (value === '') {
    if (f.required) throw badRequest(`${f.label} is required`, at);
    return null;
  }
  if (f.field === 'email' && !isEmailShaped(value)) throw badRequest(`${f.label}: enter an e-mail address like name@example.com`, at);
  if (f.field === 'phone' && !isPhoneShaped(value)) throw badRequest(`${f.label}: enter a phone number with 6 to 15 digits, like +44 7700 900123`, at);
  return value;
}

/** Checks every answer first (nothing is written on a refusal), then fills the contact. */
export async function submitPrechat(ctx: AppContext, visitor: VisitorAuth, team: TeamDoc, input: PrechatInput): Promise<ContactDoc> {
  const fields = prechatFieldsOf(team);
  if (!fields) throw conflict('This team has no pre-chat form');
  const known = new Set(fields.map((f) => f.field));
  const unknown = Object.keys(input.values).find((k) => !known.has(k));
  if (unknown !== undefined) throw badRequest('This form has no such field', `body.values.${unknown}`);
  const answers = fields.map((f) => [f, checkAnswer(f, input.values[f.field])] as const);

  const orgId = visitor.org._id;
  const plain: { name?: string; email?: string; phone?: string } = {};
  for (const [f, value] of answers) if (value !== null && customKey(f.field) === null) plain[f.field as 'name' | 'email' | 'phone'] = value;
  let contact = Object.keys(plain).length > 0 ? await updateContact(ctx, orgId, visitor.contact._id, plain) : visitor.contact;
  for (const [f, value] of answers) {
    const key = customKey(f.field);
    if (key !== null && value !== null) contact = await setCustomField(ctx, orgId, contact._id, key, 'string', value, { key: `body.values.${f.field}`, value: `body.values.${f.field}` });
  }
  return contact;
}

/** Refuses to start a chat while a required answer is missing (identified visitors are never asked). */
export function requirePrechat(team: TeamDoc, visitor: VisitorAuth): void {
  if (visitor.identified) return;
  const missing = (prechatFieldsOf(team) ?? []).find((f) => f.required && contactValue(visitor.contact, f.field).trim() === '');
  if (missing) throw badRequest(`${missing.label} is required before the chat starts (pre-chat form)`, `prechat.${missing.field}`);
}
