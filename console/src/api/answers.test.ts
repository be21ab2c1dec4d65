import { expect, test } from 'bun:test';
import { chatResponses } from '../../../shared/contract/chats';
import { contactResponses } from '../../../shared/contract/contacts';
import { memberResponses } from '../../../shared/contract/members';
import { orgResponses } from '../../../shared/contract/org';
import { teamResponses } from '../../../shared/contract/teams';
import { fakeChat, fakeContact, fakeMember, fakeOrg, fakeTeam } from '../../test/fixtures';
import { decodeAnswer } from './answers';
import { isApiError } from './http';

const quiet = () => {
  const original = console.error;
  console.error = () => {};
  return () => void (console.error = original);
};

test.each([
  ['a chat', chatResponses.chat[200], fakeChat({ id: 'c' })],
  ['a member', memberResponses.one[200], fakeMember({ id: 'm' })],
  ['an organization', orgResponses.get[200], fakeOrg({ id: 'o' })],
  ['a team', teamResponses.update[200], fakeTeam({ id: 't' })],
  ['a contact', contactResponses.one[200], fakeContact({ id: 'k', email: 'k@example.test' })],
  ['no content', teamResponses.remove[204], undefined],
])('%s that follows the contract comes back as it is', (_what, schema, data) => {
  expect(decodeAnswer(schema, data, 200, 'GET /x')).toEqual(data as never);
});

test.each([
  ['a field missing', { ...fakeMember({ id: 'm' }), role: undefined }],
  ['a field of another type', { ...fakeMember({ id: 'm' }), active: 'yes' }],
  ['a value outside the enum', { ...fakeMember({ id: 'm' }), role: 'emperor' }],
  ['an HTML page read as nothing', undefined],
])('an answer with %s is a clear error, never a half-typed object', (_what, data) => {
  const restore = quiet();
  try {
    decodeAnswer(memberResponses.one[200], data, 200, 'PATCH /api/me');
    throw new Error('accepted');
  } catch (err) {
    expect(isApiError(err) && err.code).toBe('INTERNAL');
    expect((err as Error).message).toBe('The server answered in a way this page does not understand. Reload the page.');
  } finally {
    restore();
  }
});
