import { ConfidentialClientApplication } from '@azure/msal-node';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import {
  MsalServiceClientCredentialsFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import { CachingBotAuthentication } from './caching-bot-authentication.js';

/** What the adapter needs from config; the composition root maps Config onto this. */
export interface TeamsAdapterSettings {
  readonly appId: string;
  readonly appPassword: string;
  readonly tenantId: string;
  readonly appType: 'SingleTenant' | 'MultiTenant' | 'UserAssignedMsi';
  readonly endpoints?: {
    readonly openIdMetadataUrl: string;
    readonly tokenIssuer: string;
    readonly loginUrl: string;
    readonly oauthScope: string;
  };
}

/**
 * teams-ai's TeamsAdapter (a botbuilder CloudAdapter) with two things made public that our
 * endpoint needs (ADR 3): authenticating an activity on its own, and running a turn for an
 * already-authenticated activity (`processActivity` is protected in the typings).
 */
export class NeuvoTeamsAdapter extends TeamsAdapter {
  /** The caching wrapper around botbuilder's own authentication (ADR 4). */
  readonly authentication: CachingBotAuthentication;

  constructor(args: ConstructorParameters<typeof TeamsAdapter>, now: () => number) {
    super(...args);
    // TeamsAdapter builds its own authentication object in its constructor, so the wrapper can
    // only be put in place afterwards; CloudAdapterBase reads this field on every turn.
    const holder = this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
    this.authentication = new CachingBotAuthentication(holder.botFrameworkAuthentication, { now });
    holder.botFrameworkAuthentication = this.authentication;
  }

  /** The real botbuilder validation (issuer, audience, signature, endorsements, serviceUrl claim). */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.authentication.authenticateRequest(activity, authHeader);
  }

  /** Runs `logic` for an activity `authenticate` accepted; returns the invoke response, if any. */
  runAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Builds the adapter with the real Bot Framework auth.
 *
 * With custom endpoints, botbuilder switches to its parameterized authentication only when ALL of
 * its endpoint settings are present together, so we pass the full set. The outbound token comes
 * from MSAL against `loginUrl`, which must be https; `knownAuthorities` stops MSAL from asking
 * Microsoft's cloud to discover the authority (our machines talk to loopback only).
 */
export function createTeamsAdapter(settings: TeamsAdapterSettings, now: () => number = Date.now): NeuvoTeamsAdapter {
  const { appPassword } = settings;
  const base = {
    MicrosoftAppId: settings.appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppTenantId: settings.tenantId,
    MicrosoftAppType: appTypeFor(settings),
  };
  const e = settings.endpoints;
  if (!e) return new NeuvoTeamsAdapter([base], now);

  const msal = new ConfidentialClientApplication({
    auth: {
      clientId: settings.appId,
      clientSecret: settings.appPassword,
      authority: e.loginUrl,
      knownAuthorities: [new URL(e.loginUrl).host],
    },
  });
  type MsalClient = ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1];
  return new NeuvoTeamsAdapter(
    [
      {
        ...base,
        ToBotFromChannelOpenIdMetadataUrl: e.openIdMetadataUrl,
        ToBotFromChannelTokenIssuer: e.tokenIssuer,
        // Emulator tokens are accepted from nowhere but the same local metadata.
        ToBotFromEmulatorOpenIdMetadataUrl: e.openIdMetadataUrl,
        ToChannelFromBotLoginUrl: e.loginUrl,
        ToChannelFromBotOAuthScope: e.oauthScope,
        // We use no Bot Framework OAuth cards; point the token service at the same authority so
        // nothing ever defaults to a cloud address.
        OAuthUrl: e.loginUrl,
        CallerId: 'urn:botframework:azure',
      },
      // Same MSAL package; TypeScript sees its ESM and CJS typings as two different classes.
      new MsalServiceClientCredentialsFactory(settings.appId, msal as unknown as MsalClient),
    ],
    now,
  );
}

/**
 * botbuilder's name for the app type. With no app id (local mode only; config refuses it in
 * production) only the multi-tenant type means "auth disabled": SingleTenant asserts an app id.
 */
function appTypeFor(settings: TeamsAdapterSettings): string {
  if (!settings.appId) return 'MultiTenant';
  // botbuilder spells the managed-identity type in capitals.
  return settings.appType === 'UserAssignedMsi' ? 'UserAssignedMSI' : settings.appType;
}
