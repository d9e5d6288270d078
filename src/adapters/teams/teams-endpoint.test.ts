import { describe, expect, it } from 'vitest';
import { isAllowedServiceUrl } from './teams-endpoint.js';

const TEAMS = ['smba.trafficmanager.net'];
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

describe('isAllowedServiceUrl', () => {
  it.each(['https://smba.trafficmanager.net/emea/', 'https://SMBA.trafficmanager.net/teams/', 'https://smba.trafficmanager.net:443/amer/'])('accepts %s', (url) => {
    expect(isAllowedServiceUrl(url, TEAMS)).toBe(true);
  });

  it.each([
    ['plain http to a Teams host', 'http://smba.trafficmanager.net/emea/'],
    ['a look-alike suffix', 'https://smba.trafficmanager.net.evil.example/emea/'],
    ['a sub-domain', 'https://x.smba.trafficmanager.net/'],
    ['user info in front of the host', 'https://smba.trafficmanager.net@evil.example/'],
    ['another host', 'https://evil.example/smba.trafficmanager.net/'],
    ['not a URL', 'smba.trafficmanager.net'],
    ['another scheme', 'ftp://smba.trafficmanager.net/'],
  ])('refuses %s', (_name, url) => {
    expect(isAllowedServiceUrl(url, TEAMS)).toBe(false);
  });

  it('allows plain http only on loopback', () => {
    expect(isAllowedServiceUrl('http://127.0.0.1:56150/', LOOPBACK)).toBe(true);
    expect(isAllowedServiceUrl('http://localhost:3978/', LOOPBACK)).toBe(true);
    expect(isAllowedServiceUrl('http://[::1]:3978/', LOOPBACK)).toBe(true);
    expect(isAllowedServiceUrl('http://example.test/', ['example.test'])).toBe(false);
    expect(isAllowedServiceUrl('https://example.test/', ['example.test'])).toBe(true);
  });
});
