// Chat labels: organization-wide strings an agent puts on a conversation ("billing", "bug"),
// apart from the contact's tags (which follow the person, not the conversation). Normalized so
// "Billing " and "billing" are one label, and the list filter matches exactly.

export const CHAT_LABEL_LIMITS = { length: 32, perChat: 10 } as const;

export type CheckedLabel = { ok: true; value: string } | { ok: false; message: string };

export function normalizeLabel(raw: string): CheckedLabel {
  const value = raw.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  if (value.length === 0) return { ok: false, message: 'Give the label a name' };
  if (value.length > CHAT_LABEL_LIMITS.length) return { ok: false, message: `A label is at most ${CHAT_LABEL_LIMITS.length} characters` };
  if (/[\u0000-\u001f\u007f]/.test(value)) return { ok: false, message: 'A label must not contain control characters' };
  if (value.includes('/')) return { ok: false, message: 'A label must not contain "/"' };
  return { ok: true, value };
}
