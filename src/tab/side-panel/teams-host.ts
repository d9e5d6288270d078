import { app, authentication, pages } from '@microsoft/teams-js';

/** What the panel needs from the Teams client it runs in. */
export interface TeamsHost {
  readonly locale: string;
  readonly theme: string;
  /** The meeting chat's thread id, when the panel runs in a meeting (or its chat). */
  readonly chatId: string | undefined;
  /** A fresh Teams SSO token for our API (Teams caches and renews it). */
  getToken(): Promise<string>;
  onThemeChange(handler: (theme: string) => void): void;
}

/**
 * teams-js waits 60 s for a host that never answers (the page opened in a plain browser tab or
 * framed elsewhere); the adviser should learn much sooner that this is not Teams.
 */
const CONNECT_TIMEOUT_MS = 10_000;

async function initialize(): Promise<app.Context> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('Teams did not answer')), CONNECT_TIMEOUT_MS);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return app.getContext();
}

export async function connectToTeams(): Promise<TeamsHost> {
  const context = await initialize();
  app.notifySuccess();
  return {
    locale: context.app.locale,
    theme: context.app.theme,
    chatId: context.chat?.id,
    getToken: () => authentication.getAuthToken(),
    onThemeChange: (handler) => app.registerOnThemeChangeHandler(handler),
  };
}

/** The side panel's address as Teams stores it when the app is added to a meeting. */
export const SIDE_PANEL_PATH = '/tab/side-panel';

/**
 * The configuration page Teams shows when the app is added to a meeting: there is nothing to
 * choose, so it is valid at once and saving points the tab at the side panel.
 */
export async function offerSidePanelConfiguration(): Promise<Pick<TeamsHost, 'locale' | 'theme'>> {
  const context = await initialize();
  pages.config.registerOnSaveHandler((save) => {
    const contentUrl = new URL(SIDE_PANEL_PATH, window.location.origin).href;
    pages.config.setConfig({ contentUrl, websiteUrl: contentUrl, entityId: 'neuvo-side-panel', suggestedDisplayName: 'Neuvo' }).then(
      () => save.notifySuccess(),
      (error: unknown) => save.notifyFailure(error instanceof Error ? error.message : String(error)),
    );
  });
  pages.config.setValidityState(true);
  app.notifySuccess();
  return { locale: context.app.locale, theme: context.app.theme };
}
