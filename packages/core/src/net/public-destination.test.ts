import { describe, expect, it } from 'vitest';
import {
  assertPublicDestination,
  assertPublicUrlInput,
  isNonPublicAddress,
  resolveDestination,
  type HostResolver,
} from './public-destination.js';

/** A resolver that answers from a table, as a DNS server under someone else's control might. */
const dns =
  (table: Record<string, string[]>): HostResolver =>
  async (host) =>
    table[host] ?? [];

describe('requests on a user’s behalf reach public addresses only', () => {
  it('classifies loopback, private, link-local, shared and multicast addresses as non-public', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fd00::1',
      'fe80::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '64:ff9b::a9fe:a9fe',
      '64:ff9b::10.0.0.1',
      '2002:c0a8:101::1',
      '64:ff9b:1::1',
      'not an address',
    ])
      expect(isNonPublicAddress(address), address).toBe(true);
    for (const address of [
      '93.184.216.34',
      '202.108.22.5',
      '172.32.0.1',
      '2606:2800:220:1::1',
      '64:ff9b::5db8:d822',
      '2002:5db8:d822::1',
    ])
      expect(isNonPublicAddress(address), address).toBe(false);
  });

  it('refuses a URL naming a local address, and localhost by name', async () => {
    await expect(assertPublicDestination(new URL('http://127.0.0.1:8080/feed'))).rejects.toMatchObject({
      code: 'forbidden',
      issues: [{ field: 'url', reason: 'private or local address' }],
    });
    await expect(assertPublicDestination(new URL('http://[::1]/feed'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(assertPublicDestination(new URL('http://localhost/feed'))).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(assertPublicDestination(new URL('http://93.184.216.34/feed'))).resolves.toBeUndefined();
  });

  it('refuses a name when any one of its addresses is private (a rebinding name answering both)', async () => {
    const resolve = dns({ 'mixed.example': ['93.184.216.34', '169.254.169.254'] });
    await expect(
      resolveDestination(new URL('https://mixed.example/hook'), { resolve, label: 'webhook whk_1' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^webhook whk_1: mixed\.example is a private or local address/),
    });
  });

  it('returns every checked address of a public name, for the connection to use', async () => {
    const resolve = dns({ 'cdc.example': ['93.184.216.34', '2606:2800:220:1::1'] });
    expect(await resolveDestination(new URL('https://cdc.example/alerts'), { resolve })).toEqual({
      host: 'cdc.example',
      addresses: [
        { address: '93.184.216.34', family: 4 },
        { address: '2606:2800:220:1::1', family: 6 },
      ],
    });
  });

  it('reports a host that does not resolve as unavailable, naming what was being reached', async () => {
    await expect(
      resolveDestination(new URL('https://nowhere.example/feed'), { resolve: dns({}), label: 'feed x' }),
    ).rejects.toMatchObject({ code: 'unavailable', message: 'feed x: host not found' });
  });

  it('checks nothing and holds nothing when the deployment allows private destinations', async () => {
    expect(
      await resolveDestination(new URL('http://127.0.0.1/hook'), { allowPrivateAddresses: true }),
    ).toBeNull();
  });
});

describe('a URL typed into a form (webhooks, subscriptions)', () => {
  it('is refused as invalid input naming the record, the field url and the reason', async () => {
    const refused = assertPublicUrlInput(new URL('http://169.254.169.254/latest/meta-data/'), {
      record: 'webhook',
    });
    await expect(refused).rejects.toMatchObject({
      code: 'invalid_input',
      issues: [{ record: 'webhook', field: 'url', reason: 'private or local address' }],
    });
    await expect(refused).rejects.toThrow(/^webhook, field url: 169\.254\.169\.254 is a private or local/);
  });

  it('is refused when its name resolves to the loopback', async () => {
    await expect(
      assertPublicUrlInput(new URL('http://localhost:9/hook'), { record: 'subscription' }),
    ).rejects.toMatchObject({ code: 'invalid_input', issues: [{ field: 'url' }] });
  });

  it('is accepted when public, when its host does not resolve yet, or when private ones are allowed', async () => {
    const resolve = dns({ 'cdc.example': ['93.184.216.34'] });
    await expect(
      assertPublicUrlInput(new URL('https://cdc.example/alerts'), { record: 'subscription', resolve }),
    ).resolves.toBeUndefined();
    await expect(
      assertPublicUrlInput(new URL('https://later.example/alerts'), { record: 'subscription', resolve }),
    ).resolves.toBeUndefined();
    await expect(
      assertPublicUrlInput(new URL('http://127.0.0.1:9/hook'), {
        record: 'webhook',
        allowPrivateAddresses: true,
      }),
    ).resolves.toBeUndefined();
  });
});
