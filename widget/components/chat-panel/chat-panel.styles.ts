import { css } from 'lit';

export const panelStyles = css`
  :host {
    display: block;
    height: 100%;
    font: 14px/1.45 var(--_font);
    color: #1f2937;
    text-align: left;
  }
  * {
    box-sizing: border-box;
  }
  .panel {
    display: flex;
    flex-direction: column;
    height: 100%;
    background: #fff;
  }
  .head {
    display: flex;
    align-items: center;
    gap: 8px;
    padding: 14px 12px 14px 16px;
    background: var(--_accent);
    color: var(--_accent-text);
  }
  .head .avatar {
    flex: none;
    width: 36px;
    height: 36px;
    border-radius: 50%;
    display: grid;
    place-items: center;
    color: #fff;
    font-size: 13px;
    font-weight: 600;
    box-shadow: 0 0 0 2px rgba(255, 255, 255, 0.6);
  }
  .titles {
    flex: 1;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 16px;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .status {
    margin: 2px 0 0;
    font-size: 12px;
    opacity: 0.9;
  }
  button {
    font: inherit;
    cursor: pointer;
  }
  .close {
    width: 34px;
    height: 34px;
    border: 0;
    border-radius: 50%;
    background: transparent;
    color: inherit;
    display: grid;
    place-items: center;
  }
  .close svg {
    width: 20px;
    height: 20px;
    fill: currentColor;
  }
  .close:hover {
    background: rgba(255, 255, 255, 0.15);
  }
  .close:focus-visible {
    outline: 2px solid currentColor;
    outline-offset: -2px;
  }
  .more {
    font-size: 20px;
    line-height: 1;
  }
  .menu {
    display: flex;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
    padding: 6px 12px;
    font-size: 13px;
    background: #f3f4f6;
    border-bottom: 1px solid #e5e7eb;
  }
  .menu.confirm {
    justify-content: space-between;
  }
  .menu button {
    border: 1px solid #d1d5db;
    background: #fff;
    color: #111;
    border-radius: 6px;
    padding: 4px 10px;
    font: inherit;
    cursor: pointer;
  }
  .menu .end.primary {
    background: #b91c1c;
    border-color: #b91c1c;
    color: #fff;
  }
  .seen {
    align-self: flex-end;
    font-size: 11px;
    color: #6b7280;
    margin-top: -4px;
  }
  .banner {
    padding: 6px 12px;
    font-size: 13px;
    background: #fef3c7;
    color: #78350f;
    display: flex;
    gap: 8px;
    align-items: center;
    justify-content: space-between;
  }
  .banner button {
    border: 1px solid currentColor;
    background: transparent;
    color: inherit;
    border-radius: 6px;
    padding: 2px 8px;
  }
  .scroll {
    flex: 1;
    overflow-y: auto;
    overscroll-behavior: contain;
    padding: 12px;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    gap: 8px;
  }
  /* A run of one author's messages sits closer together than two authors' turns. */
  .cont {
    margin-top: -5px;
  }
  .day {
    align-self: center;
    font-size: 11px;
    font-weight: 600;
    color: #6b7280;
    margin: 6px 0 2px;
    letter-spacing: 0.02em;
  }
  .notice {
    align-self: center;
    font-size: 12px;
    color: #6b7280;
    text-align: center;
  }
  .typing {
    font-size: 12px;
    color: #6b7280;
    padding: 6px 4px 0;
    min-height: 18px;
  }
  .dots::after {
    content: '';
    display: inline-block;
    width: 1.2em;
    text-align: left;
    animation: dots 1.2s steps(4) infinite;
  }
  @keyframes dots {
    0% { content: ''; }
    25% { content: '.'; }
    50% { content: '..'; }
    75% { content: '...'; }
  }
  .ended {
    border-top: 1px solid #e5e7eb;
    padding: 12px;
    text-align: center;
    display: flex;
    flex-direction: column;
    gap: 8px;
    align-items: center;
  }
  .offer {
    margin: 4px 16px 12px;
    padding: 12px 14px;
    border: 1px solid #e5e7eb;
    border-radius: 12px;
    background: #f9fafb;
    display: grid;
    gap: 8px;
    justify-items: start;
  }
  .offer p {
    margin: 0;
    font-size: 13px;
    color: #374151;
  }
  .primary {
    border: 0;
    border-radius: 999px;
    padding: 8px 16px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-weight: 600;
  }
  .primary:focus-visible,
  .banner button:focus-visible {
    outline: 2px solid #111;
    outline-offset: 2px;
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    .dots::after {
      animation: none;
      content: '…';
    }
  }
`;
