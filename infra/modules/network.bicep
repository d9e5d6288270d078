// Private networking for postgresNetworkMode = 'vnet' (the default): one virtual network with a
// subnet delegated to App Service (regional VNet integration, outbound) and one delegated to the
// PostgreSQL Flexible Server, plus the private DNS zone through which the web app resolves the
// server's name to its private address. The database then has no public endpoint at all.

param baseName string
param location string
param tags object = {}

@description('Address space of the virtual network; the two /24 subnets are carved from it.')
param addressPrefix string = '10.40.0.0/16'
param appSubnetPrefix string = '10.40.1.0/24'
param postgresSubnetPrefix string = '10.40.2.0/24'

resource vnet 'Microsoft.Network/virtualNetworks@2023-11-01' = {
  name: 'vnet-${baseName}'
  location: location
  tags: tags
  properties: {
    addressSpace: {
      addressPrefixes: [
        addressPrefix
      ]
    }
    subnets: [
      {
        name: 'app'
        properties: {
          addressPrefix: appSubnetPrefix
          delegations: [
            {
              name: 'app-service'
              properties: {
                serviceName: 'Microsoft.Web/serverFarms'
              }
            }
          ]
        }
      }
      {
        name: 'postgres'
        properties: {
          addressPrefix: postgresSubnetPrefix
          delegations: [
            {
              name: 'postgres-flexible'
              properties: {
                serviceName: 'Microsoft.DBforPostgreSQL/flexibleServers'
              }
            }
          ]
        }
      }
    ]
  }
}

// The zone name must end in .postgres.database.azure.com for a Flexible Server.
resource dnsZone 'Microsoft.Network/privateDnsZones@2020-06-01' = {
  name: '${baseName}.private.postgres.database.azure.com'
  location: 'global'
  tags: tags
}

resource dnsLink 'Microsoft.Network/privateDnsZones/virtualNetworkLinks@2020-06-01' = {
  parent: dnsZone
  name: 'vnet-${baseName}'
  location: 'global'
  tags: tags
  properties: {
    registrationEnabled: false
    virtualNetwork: {
      id: vnet.id
    }
  }
}

output appSubnetId string = vnet.properties.subnets[0].id
output postgresSubnetId string = vnet.properties.subnets[1].id
// A module's outputs exist only once the whole module (the VNet link included) is deployed, so the
// server, which takes this id, is never created before its zone resolves inside the VNet.
output privateDnsZoneId string = dnsZone.id
