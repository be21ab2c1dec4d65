import { css } from 'lit';

export const afterEndStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    gap: 10px;
    width: 100%;
    font-size: 14px;
  }
  p {
    margin: 0;
  }
  .rate,
  .transcript {
    display: flex;
    flex-direction: column;
    align-items: center;
    gap: 6px;
  }
  .stars {
    display: flex;
    gap: 2px;
  }
  .star {
    border: 0;
    background: none;
    font-size: 26px;
    line-height: 1;
    padding: 2px 4px;
    cursor: pointer;
    color: #d1d5db;
    border-radius: 6px;
  }
  .star[data-on='true'] {
    color: #f59e0b;
  }
  .star:focus-visible,
  .link:focus-visible,
  .primary:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .comment,
  .email {
    display: flex;
    flex-direction: column;
    gap: 2px;
    width: 100%;
    font-size: 12px;
    color: #4b5563;
  }
  textarea,
  input {
    font: inherit;
    font-size: 14px;
    border: 1px solid #d1d5db;
    border-radius: 8px;
    padding: 6px 8px;
    resize: vertical;
  }
  .primary {
    border: 0;
    border-radius: 999px;
    padding: 6px 16px;
    background: var(--_accent);
    color: var(--_accent-text);
    font: inherit;
    cursor: pointer;
  }
  .link {
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    font: inherit;
    cursor: pointer;
  }
  button[disabled] {
    opacity: 0.6;
    cursor: default;
  }
  .done {
    color: #065f46;
  }
  .error {
    color: #b91c1c;
    text-align: center;
  }
`;
