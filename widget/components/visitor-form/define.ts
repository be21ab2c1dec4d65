import { VisitorFormElement } from './visitor-form';

export const VISITOR_FORM_TAG = 'phoenix-visitor-form';

export function defineVisitorForm(): void {
  if (!customElements.get(VISITOR_FORM_TAG)) customElements.define(VISITOR_FORM_TAG, VisitorFormElement);
}
