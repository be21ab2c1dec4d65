import { css } from 'lit';

export const visitorFormStyles = css`
  :host {
    display: block;
    padding: 4px 16px 16px;
  }
  * {
    box-sizing: border-box;
  }
  form {
    display: grid;
    gap: 12px;
    padding: 14px;
    border: 1px solid #e5e7eb;
    border-radius: 12px;
    background: #f9fafb;
  }
  h3 {
    margin: 0;
    font-size: 15px;
    font-weight: 600;
  }
  .intro {
    margin: -4px 0 0;
    color: #4b5563;
    font-size: 13px;
  }
  .field {
    display: grid;
    gap: 4px;
  }
  label {
    font-size: 13px;
    font-weight: 500;
  }
  .req {
    color: #b91c1c;
  }
  .opt {
    color: #6b7280;
    font-weight: 400;
  }
  input,
  textarea {
    width: 100%;
    font: inherit;
    padding: 8px 10px;
    border: 1px solid #d1d5db;
    border-radius: 8px;
    background: #fff;
    color: inherit;
    resize: vertical;
  }
  input:focus,
  textarea:focus {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
    border-color: transparent;
  }
  .bad input,
  .bad textarea {
    border-color: #b91c1c;
  }
  .error {
    margin: 0;
    color: #b91c1c;
    font-size: 12px;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
  }
  .cancel {
    font: inherit;
    padding: 8px 10px;
    border: 0;
    background: transparent;
    color: #374151;
    text-decoration: underline;
    cursor: pointer;
  }
  .submit {
    font: inherit;
    font-weight: 600;
    padding: 8px 16px;
    border: 0;
    border-radius: 8px;
    background: var(--_accent);
    color: var(--_accent-text);
    cursor: pointer;
  }
  .submit:disabled {
    opacity: 0.6;
    cursor: progress;
  }
`;
