import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { ConfidentialClientApplication } from '@azure/msal-node';
import { MsalServiceClientCredentialsFactory } from 'botframework-connector';

/**
 * Baseline: the stock botbuilder echo bot (CloudAdapter.process, JWT validation on every turn, a
 * new connector client per turn) against the same local channel endpoints as Neuvo.
 */
const env = process.env;
const loginUrl = env.BOT_LOGIN_URL!;
const msal = new ConfidentialClientApplication({
  auth: { clientId: env.BOT_ID!, clientSecret: env.BOT_PASSWORD!, authority: loginUrl, knownAuthorities: [new URL(loginUrl).host] },
});
const auth = new ConfigurationBotFrameworkAuthentication(
  {
    MicrosoftAppId: env.BOT_ID,
    MicrosoftAppPassword: env.BOT_PASSWORD,
    MicrosoftAppTenantId: env.BOT_TENANT_ID,
    MicrosoftAppType: 'SingleTenant',
    ToBotFromChannelOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    ToBotFromChannelTokenIssuer: env.BOT_TOKEN_ISSUER,
    ToBotFromEmulatorOpenIdMetadataUrl: env.BOT_OPENID_METADATA_URL,
    ToChannelFromBotLoginUrl: loginUrl,
    ToChannelFromBotOAuthScope: env.BOT_OAUTH_SCOPE,
    OAuthUrl: loginUrl,
    CallerId: 'urn:botframework:azure',
  },
  new MsalServiceClientCredentialsFactory(env.BOT_ID!, msal as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]),
);
const adapter = new CloudAdapter(auth);
const server = restify.createServer();
server.use(restify.plugins.bodyParser({ maxBodySize: 256 * 1024 }));
server.post('/api/messages', async (req, res) => {
  await adapter.process(req, res, async (context: TurnContext) => {
    if (context.activity.type === 'message') await context.sendActivity(`Echo: ${context.activity.text}`);
  });
});
server.listen(Number(env.PORT), '127.0.0.1', () => process.send?.('ready'));
