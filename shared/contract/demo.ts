import { t, consoleErrors, nullable, strict, type Static } from './common';

// The installation's demo organization and its public /demo page (server/services/demo.ts).

export const demoPageSchema = t.Object(
  {
    isDemo: t.Boolean({ description: 'This organization is the installation’s demo organization (the only one with a /demo switch)' }),
    enabled: t.Boolean({ description: '/demo is on and shows the demo login' }),
    login: nullable(t.String({ description: 'The demo owner’s e-mail (demo organization only)' })),
    password: nullable(
      t.String({
        description:
          'While on: the password /demo publishes. In the answer that switches the page off: the new password of the accounts that still had the published one (shown this once). Otherwise null.',
      }),
    ),
  },
  { title: 'DemoPage' },
);

export const demoPageBody = t.Object({ enabled: t.Boolean({ description: 'false: /demo answers 404 and the demo login is no longer published' }) }, strict);

export const demoResponses = {
  get: { 200: demoPageSchema, ...consoleErrors },
  put: { 200: demoPageSchema, ...consoleErrors },
} as const;

export type DemoPageDto = Static<typeof demoPageSchema>;
export type DemoPageInput = Static<typeof demoPageBody>;
