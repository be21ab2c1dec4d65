// Typed custom fields: the raw text of an input becomes the value the API expects.
import type { CustomFieldType } from '../../../../shared/types/enums';

export type FieldParse = { ok: true; value: string | number | boolean } | { ok: false; error: string };

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

export function validKey(key: string): string | null {
  if (!key.trim()) return 'Enter a name';
  if (!KEY.test(key.trim())) return 'Letters, digits, _ . - (start with a letter or _)';
  return null;
}

export function parseFieldInput(type: CustomFieldType, raw: string | boolean): FieldParse {
  switch (type) {
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (/^(true|yes|1)$/i.test(raw.trim())) return { ok: true, value: true };
      if (/^(false|no|0)$/i.test(raw.trim())) return { ok: true, value: false };
      return { ok: false, error: 'Choose yes or no' };
    case 'number': {
      const s = String(raw).trim();
      if (!s) return { ok: false, error: 'Enter a number' };
      const n = Number(s);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: 'Enter a number' };
    }
    case 'date': {
      const s = String(raw).trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return { ok: false, error: 'Choose a date' };
      const d = new Date(`${s}T00:00:00.000Z`);
      if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) return { ok: false, error: 'Choose a valid date' };
      return { ok: true, value: d.toISOString() };
    }
    case 'string':
      return { ok: true, value: String(raw) };
  }
}

/** The text an input shows for a stored value. */
export function fieldInputValue(type: CustomFieldType, value: string | number | boolean): string | boolean {
  if (type === 'boolean') return value === true;
  if (type === 'date') return String(value).slice(0, 10);
  return String(value);
}
