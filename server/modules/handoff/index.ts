import { Elysia } from 'elysia';
import type { AppContext } from '../../context';
import { v1ChatRoutes } from './chats';
import { v1ChatsListRoutes } from './chats-list';
import { v1ChatFileRoutes } from './chat-files';
import { v1ContactRoutes } from './contacts';
import { v1LoginLinkRoutes } from './login-links';
import { v1MemberRoutes } from './members';
import { v1WebhookRoutes } from './webhooks';

/** The bot platform's REST API under /api/v1, authenticated by organization API keys. */
export function handoffModule(ctx: AppContext) {
  return new Elysia().use(v1ChatRoutes(ctx)).use(v1ChatsListRoutes(ctx)).use(v1ChatFileRoutes(ctx)).use(v1ContactRoutes(ctx)).use(v1MemberRoutes(ctx)).use(v1LoginLinkRoutes(ctx)).use(v1WebhookRoutes(ctx));
}
