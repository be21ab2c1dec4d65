import { css } from 'lit';

export const composerStyles = css`
  :host {
    display: block;
    border-top: 1px solid #e5e7eb;
    background: #fff;
  }
  .row {
    display: flex;
    align-items: flex-end;
    gap: 6px;
    padding: 8px;
  }
  textarea {
    flex: 1;
    resize: none;
    border: 1px solid #d1d5db;
    border-radius: 10px;
    padding: 8px 10px;
    font: inherit;
    color: inherit;
    background: #fff;
    max-height: 140px;
    min-height: 20px;
    line-height: 20px;
    box-sizing: content-box;
    outline: none;
  }
  textarea:focus {
    border-color: var(--_accent);
    box-shadow: 0 0 0 2px color-mix(in srgb, var(--_accent) 30%, transparent);
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .icon {
    width: 38px;
    height: 38px;
    border: 0;
    border-radius: 50%;
    display: grid;
    place-items: center;
    background: transparent;
    color: #4b5563;
    flex: none;
  }
  .icon svg {
    width: 22px;
    height: 22px;
    fill: currentColor;
  }
  .send {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .icon:disabled {
    opacity: 0.45;
    cursor: default;
  }
  .icon:focus-visible,
  .chip button:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  input[type='file'] {
    display: none;
  }
  .uploads,
  .problems {
    list-style: none;
    margin: 0;
    padding: 8px 8px 0;
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  .chip {
    display: grid;
    grid-template-columns: 1fr auto;
    align-items: center;
    gap: 2px 8px;
    background: #f3f4f6;
    border-radius: 8px;
    padding: 6px 8px;
    font-size: 13px;
  }
  .chip .fname {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .chip.error {
    background: #fef2f2;
    color: #b91c1c;
  }
  .chip button {
    border: 0;
    background: none;
    color: inherit;
    font-size: 16px;
    line-height: 1;
    padding: 2px 4px;
  }
  progress {
    grid-column: 1 / -1;
    width: 100%;
    height: 4px;
    appearance: none;
    border: 0;
    border-radius: 2px;
    background: #e5e7eb;
    accent-color: var(--_accent);
  }
  progress::-webkit-progress-bar {
    background: #e5e7eb;
    border-radius: 2px;
  }
  progress::-webkit-progress-value {
    background: var(--_accent);
    border-radius: 2px;
  }
  progress::-moz-progress-bar {
    background: var(--_accent);
  }
  .problems li {
    color: #b91c1c;
    font-size: 13px;
  }
  .hint {
    font-size: 12px;
    color: #6b7280;
    padding: 0 12px 6px;
  }
  :host(.dragging) .row {
    outline: 2px dashed var(--_accent);
    outline-offset: -4px;
  }
`;
