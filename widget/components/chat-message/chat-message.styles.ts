import { css } from 'lit';

export const messageStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    max-width: 100%;
  }
  :host([mine]) {
    align-items: flex-end;
  }
  :host([kind='system']) {
    align-items: center;
  }
  .name {
    font-size: 12px;
    color: #6b7280;
    margin: 0 4px 2px;
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: 8px;
    max-width: 100%;
    width: 100%;
  }
  :host([mine]) .row {
    justify-content: flex-end;
  }
  :host([kind='system']) .row {
    justify-content: center;
  }
  .avatar,
  .gutter {
    flex: none;
    width: 28px;
    height: 28px;
  }
  .avatar {
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #fff;
    font-size: 11px;
    font-weight: 600;
    letter-spacing: 0.02em;
    user-select: none;
  }
  :host(:not([mine]):not([kind='system'])) .name {
    margin-left: 40px;
  }
  .bubble {
    max-width: 85%;
    padding: 8px 12px;
    border-radius: 16px;
    background: #f1f3f5;
    color: #111827;
    overflow-wrap: anywhere;
    border-bottom-left-radius: 4px;
  }
  :host([mine]) .bubble {
    background: var(--_accent);
    color: var(--_accent-text);
    border-bottom-left-radius: 16px;
    border-bottom-right-radius: 4px;
  }
  /* A neutral notice, not a warning: it informs (after-hours, closing), nothing went wrong. */
  :host([kind='system']) .bubble {
    background: #f3f4f6;
    color: #374151;
    border: 1px solid #e5e7eb;
    border-radius: 10px;
    font-size: 13px;
    text-align: center;
  }
  :host([state='pending']) .bubble {
    opacity: 0.7;
  }
  :host([state='failed']) .bubble {
    outline: 2px solid #dc2626;
  }
  /* Only the text keeps the visitor's line breaks; template whitespace elsewhere collapses. */
  .text p,
  .text li {
    margin: 0;
    white-space: pre-wrap;
  }
  .text ul,
  .text ol {
    margin: 2px 0;
    padding-left: 20px;
  }
  .text > :first-child {
    margin-top: 0;
  }
  .text > :last-child {
    margin-bottom: 0;
  }
  strong {
    font-weight: 600;
  }
  a {
    color: inherit;
    text-decoration: underline;
  }
  .files {
    display: flex;
    flex-direction: column;
    gap: 6px;
    margin-top: 6px;
  }
  .bubble.empty {
    padding: 4px;
  }
  .bubble.empty .files {
    margin-top: 0;
  }
  img {
    display: block;
    max-width: 220px;
    max-height: 220px;
    border-radius: 10px;
    cursor: zoom-in;
    background: rgba(0, 0, 0, 0.05);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .file {
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    border-radius: 8px;
    padding: 4px 8px;
    text-align: left;
    overflow-wrap: anywhere;
    display: flex;
    gap: 6px;
    align-items: center;
  }
  .file svg {
    width: 16px;
    height: 16px;
    flex: none;
    fill: currentColor;
  }
  .thumb {
    padding: 0;
    border: 0;
    background: none;
    border-radius: 10px;
  }
  .meta {
    font-size: 12px;
    color: #6b7280;
    margin: 2px 4px 0;
    display: flex;
    gap: 6px;
    align-items: center;
  }
  :host(:not([mine]):not([kind='system'])) .stamp {
    margin-left: 40px;
  }
  .stamp {
    font-size: 11px;
  }
  .meta.failed {
    color: #b91c1c;
  }
  .link {
    border: 0;
    background: none;
    color: #b91c1c;
    text-decoration: underline;
    padding: 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    justify-content: center;
    margin-top: 8px;
  }
  .action {
    border: 1px solid var(--_accent);
    background: #fff;
    color: var(--_accent);
    border-radius: 999px;
    padding: 6px 14px;
    font-weight: 600;
  }
  .action[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .action:disabled {
    cursor: default;
    opacity: 0.7;
  }
  button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
`;
