import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from './redis-server.ts';

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
}, 120_000);

afterAll(async () => {
  await redis?.stop();
});

describe('the private Redis of the tests', () => {
  it('answers on its port, forgets everything when killed, and comes back on the same port', async () => {
    const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await client.connect();
    await client.set('kept', 'only in memory');
    expect(await client.get('kept')).toBe('only in memory');
    client.disconnect();
    await redis.kill();
    await redis.resume();
    const again = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    await again.connect();
    expect(await again.get('kept')).toBeNull();
    again.disconnect();
  });
});
