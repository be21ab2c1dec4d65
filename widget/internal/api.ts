// The widget's REST client: the visitor routes of shared/api/routes.md, nothing else.
// Cookies are never sent (`credentials: 'omit'`): the visitor is identified by the Bearer token
// only, which keeps third-party-cookie rules and CSRF out of the picture on customers' sites.
import type {
  AttachmentDto,
  ChatDto,
  MessageDto,
  VisitorInfo,
  VisitorSessionDto,
  WidgetConfigDto,
} from '../../shared/types/dto';
import type { UnresponsiveChoice } from '../../shared/types/enums';
import type { QueuePositionDto } from '../../shared/contract/widget-api';
import { isErrorBody, type ErrorCode } from '../../shared/errors';
import { apiUrl } from './embed';

/**
 * `code` is the server's ErrorCode, or NETWORK when no answer arrived at all. `message` is the
 * server's, for logs: internal/errors.ts turns an ApiError into what the visitor reads.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: Record<string, unknown>,
    /** Dot path of the refused input (`body.file`), when the server named one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

export const isNetworkError = (e: unknown): boolean => e instanceof ApiError && e.code === 'NETWORK';

/** What the browser console tells the site's developer when the organization does not allow this page's origin (the loader, phoenix-chat.ts, says the same). */
export const ORIGIN_HELP = (origin: string) =>
  `[phoenix-chat] ${origin} may not use this chat widget: add it under Integrations → Widget → "Allowed websites" in the Phoenix console. The chat is disabled.`;

/**
 * True (after saying why in the browser console) when `e` is the 403 for this page's origin
 * (details.reason `origin_not_allowed`, shared/protocol VISITOR_ERROR_REASONS).
 */
export function originRefused(e: unknown): boolean {
  if (!(e instanceof ApiError) || e.code !== 'FORBIDDEN' || e.details?.reason !== 'origin_not_allowed') return false;
  console.error(ORIGIN_HELP(location.origin));
  return true;
}

const TIMEOUT_MS = 15_000;

export async function request<T>(
  url: string,
  init: { method?: string; token?: string | null; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'omit',
      signal: abort.signal,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 204) return undefined as T;
  const data: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    if (isErrorBody(data)) throw new ApiError(res.status, data.error.code, data.error.message, data.error.details, data.error.field);
    throw new ApiError(res.status, res.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', `HTTP ${res.status}`);
  }
  return data as T;
}

export interface SessionRequest {
  org: string;
  token?: string;
  userId?: string;
  userHash?: string;
  /** `locale`: the widget's language (not a contact fact like `language`, the browser's). */
  visitor: VisitorInfo & { locale?: string | null };
}

/** The visitor routes, bound to one server and a token source. */
export function widgetApi(base: string, token: () => string | null) {
  const url = (path: string, query?: Record<string, string | number | null | undefined>): string =>
    apiUrl(base, `api/widget/${path}`, query);
  const auth = (): { token: string | null } => ({ token: token() });
  return {
    config: (org: string, team?: string | null, locale?: string | null) => request<WidgetConfigDto>(url('config', { org, team, locale })),
    session: (body: SessionRequest) => request<VisitorSessionDto>(url('session'), { method: 'POST', body }),
    chats: () => request<{ items: ChatDto[] }>(url('chats'), auth()),
    createChat: (teamId?: string | null, locale?: string | null) =>
      request<ChatDto>(url('chats'), { method: 'POST', body: { ...(teamId ? { teamId } : {}), ...(locale ? { locale } : {}) }, ...auth() }),
    messages: (chatId: string, afterSeq: number, limit: number) =>
      request<{ items: MessageDto[] }>(url(`chats/${encodeURIComponent(chatId)}/messages`, { afterSeq, limit }), auth()),
    send: (chatId: string, body: { clientId: string; text: string; attachmentIds?: string[] }) =>
      request<MessageDto>(url(`chats/${encodeURIComponent(chatId)}/messages`), { method: 'POST', body, ...auth() }),
    choice: (chatId: string, choice: UnresponsiveChoice) =>
      request<ChatDto>(url(`chats/${encodeURIComponent(chatId)}/choice`), { method: 'POST', body: { choice }, ...auth() }),
    endChat: (chatId: string) => request<ChatDto>(url(`chats/${encodeURIComponent(chatId)}/end`), { method: 'POST', body: {}, ...auth() }),
    queue: (chatId: string) => request<QueuePositionDto>(url(`chats/${encodeURIComponent(chatId)}/queue`), auth()),
    prechat: (teamId: string | null, values: Record<string, string>) =>
      request<{ contactId: string }>(url('prechat'), { method: 'POST', body: { ...(teamId ? { teamId } : {}), values }, ...auth() }),
    offlineMessage: (body: { teamId: string | null; email: string; name?: string; message: string }) => {
      const { teamId, ...rest } = body;
      return request<ChatDto>(url('offline-messages'), { method: 'POST', body: { ...(teamId ? { teamId } : {}), ...rest }, ...auth() });
    },
    filesUrl: () => url('files'),
  };
}

export type WidgetApi = ReturnType<typeof widgetApi>;

export interface UploadHandle {
  promise: Promise<AttachmentDto>;
  abort(): void;
}

/**
 * Multipart upload through XHR, because fetch still cannot report upload progress everywhere.
 * `onProgress` gets 0..1.
 */
export function uploadFile(
  url: string,
  token: string | null,
  file: Blob & { name?: string },
  fields: Record<string, string>,
  onProgress: (fraction: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<AttachmentDto>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.withCredentials = false;
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(Math.min(1, e.loaded / e.total));
    };
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        // Non-JSON answer: handled as an error below.
      }
      if (xhr.status >= 200 && xhr.status < 300 && data && typeof data === 'object') {
        onProgress(1);
        resolve(data as AttachmentDto);
      } else if (isErrorBody(data)) {
        reject(new ApiError(xhr.status, data.error.code, data.error.message, data.error.details, data.error.field));
      } else {
        reject(new ApiError(xhr.status, xhr.status === 413 ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL', `HTTP ${xhr.status}`));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'NETWORK', 'aborted'));
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', file, file.name ?? 'file');
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

/** Attachments need the Bearer token, so images are fetched and shown through blob: URLs. */
export async function fetchBlobUrl(url: string, token: string | null): Promise<string> {
  let res: Response;
  try {
    res = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {}, credentials: 'omit' });
  } catch {
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  if (!res.ok) throw new ApiError(res.status, 'NOT_FOUND', `HTTP ${res.status}`);
  return URL.createObjectURL(await res.blob());
}
