// The Azure Bot resource: the bot's registration with the Bot Framework, for the SINGLE-tenant
// Entra app that teamsapp.yml's provision creates (BOT_ID), with the Microsoft Teams channel on.
// Microsoft no longer lets new multi-tenant bots be created; the app itself runs with
// BOT_TYPE=SingleTenant and BOT_TENANT_ID, which must match msaAppType and msaAppTenantId here.

param baseName string
param tags object = {}
@description('global, or a regional location (e.g. westeurope) for data residency of the Bot Service.')
param location string = 'global'
@allowed([
  'F0'
  'S1'
])
@description('F0 is free for Teams (the Teams channel is a standard channel); S1 only matters for premium channels.')
param sku string = 'F0'
param displayName string
@description('Client (application) id of the bot\'s Entra app.')
param botAppId string
@description('Tenant of the bot\'s Entra app.')
param botTenantId string
@description('https://<web app host>/api/messages')
param endpoint string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: 'bot-${baseName}'
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: endpoint
    msaAppId: botAppId
    msaAppType: 'SingleTenant'
    msaAppTenantId: botTenantId
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
    }
  }
}

output botName string = bot.name
