import { expect, test } from 'bun:test';
import { ObjectId } from '../db/ids';
import type { UserDoc } from '../db/types';
import { assignmentEmail, assignmentSms } from './notifications';

const notice = {
  agent: { _id: new ObjectId(), name: 'Ann <Agent>', email: 'ann@example.test' } as unknown as UserDoc,
  contactLabel: 'Eve\r\nBcc: victim@example.test <script>',
  teamName: 'Sales & Support',
  preview: 'Is it <b>in stock</b>?',
  link: 'https://chat.example.test/chats/mine/abc?x=1&y=2',
};

test('the e-mail escapes everything a visitor or agent typed, and keeps headers on one line', () => {
  const mail = assignmentEmail(notice);
  expect(mail.subject).toBe('New chat assigned to you: Eve Bcc: victim@example.test <script>');
  expect(mail.subject).not.toMatch(/[\r\n]/);
  expect(mail.html).toContain('Hi Ann &lt;Agent&gt;,');
  expect(mail.html).toContain('&lt;script&gt;');
  expect(mail.html).toContain('Sales &amp; Support');
  expect(mail.html).toContain('<blockquote>Is it &lt;b&gt;in stock&lt;/b&gt;?</blockquote>');
  expect(mail.html).toContain('href="https://chat.example.test/chats/mine/abc?x=1&amp;y=2"');
  expect(mail.text).toContain('Open it: https://chat.example.test/chats/mine/abc?x=1&y=2');
});

test('the SMS names the contact and carries the link', () => {
  expect(assignmentSms(notice)).toBe(
    'Phoenix Chat: a chat with Eve Bcc: victim@example.test <script> (Sales & Support) was assigned to you. https://chat.example.test/chats/mine/abc?x=1&y=2',
  );
});
