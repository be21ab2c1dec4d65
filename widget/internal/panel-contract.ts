// The seam between the loader (widget.js, always loaded) and the panel chunk (loaded on first
// open). They are built separately, so this file holds types only: nothing here may emit code.
import type { WidgetConfigDto } from '../../shared/types/dto';

export interface PanelOptions {
  org: string;
  /** Server base URL, ending in '/'. */
  base: string;
  team: string | null;
  userId: string | null;
  userHash: string | null;
  lang: string | null;
  config: WidgetConfigDto | null;
  /** Escape or the close button: the loader hides the panel and returns focus to the launcher. */
  onClose(): void;
  onUnread(count: number): void;
  /** Forwarded to `PhoenixChat.on` listeners (and used for theming on `config`). */
  onEvent(name: string, detail: unknown): void;
}

export interface PanelElement extends HTMLElement {
  show(): void;
  hide(): void;
  identify(userId: string | null, userHash: string | null): void;
}

export interface PanelModule {
  /** Loads one language's strings; never rejects (a failed chunk leaves English). */
  loadStrings(locale: string): Promise<string>;
  mountPanel(container: HTMLElement, options: PanelOptions): PanelElement;
}
