import { Elysia } from 'elysia';
import type { AppContext } from './context';
import { bodyLimit } from './http/body-limit';
import { errorHandler } from './http/error-handler';
import { sameOriginGuard } from './http/same-origin';
import { securityHeaders } from './http/security-headers';
import { authModule } from './modules/auth';
import { chatsModule } from './modules/chats';
import { dashboardModule } from './modules/dashboard';
import { demoModule } from './modules/demo';
import { filesModule } from './modules/files';
import { healthModule } from './modules/health';
import { metricsModule } from './modules/metrics';
import { staticModule } from './modules/static';
import { widgetModule } from './modules/widget';
import { widgetAfterEndModule } from './modules/widget/after-end';
import { contactsModule } from './modules/contacts';
import { docsModule } from './modules/docs';
import { handoffModule } from './modules/handoff';
import { platformModule } from './modules/platform';
import { integrationsModule } from './modules/integrations';
import { invitationsModule } from './modules/invitations';
import { membersModule } from './modules/members';
import { liveModule } from './modules/live';
import { orgModule } from './modules/org';
import { profileModule } from './modules/profile';
import { savedRepliesModule } from './modules/saved-replies';
import { notesModule } from './modules/notes';
import { searchModule } from './modules/search';
import { teamsModule } from './modules/teams';

/**
 * The whole HTTP + WebSocket surface, composed from one plugin per feature. Static routes come
 * last so their catch-all never shadows an API route.
 */
export function createApp(ctx: AppContext) {
  // normalize: false — unknown keys are refused with a 400 naming them, never silently dropped.
  return new Elysia({ normalize: false })
    .use(errorHandler(ctx.log))
    .use(securityHeaders({ publicUrl: ctx.config.publicUrl }))
    .use(sameOriginGuard(ctx.config))
    .use(healthModule(ctx))
    .use(metricsModule(ctx))
    .use(authModule(ctx))
    // Before the chats module: /api/chats/search is not a chat id.
    .use(searchModule(ctx))
    .use(chatsModule(ctx))
    .use(notesModule(ctx))
    .use(filesModule(ctx))
    .use(widgetModule(ctx))
    .use(widgetAfterEndModule(ctx))
    // After the widget's CORS hook, so an oversize upload's 413 is readable by the page.
    .use(bodyLimit(ctx.config.uploadMaxBytes))
    .use(demoModule(ctx))
    .use(profileModule(ctx))
    .use(membersModule(ctx))
    .use(liveModule(ctx))
    .use(invitationsModule(ctx))
    .use(teamsModule(ctx))
    .use(orgModule(ctx))
    .use(contactsModule(ctx))
    .use(savedRepliesModule(ctx))
    .use(dashboardModule(ctx))
    .use(integrationsModule(ctx))
    .use(handoffModule(ctx))
    .use(platformModule(ctx))
    .use(docsModule(ctx))
    .use(staticModule());
}

export type App = ReturnType<typeof createApp>;
