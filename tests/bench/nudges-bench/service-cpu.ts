/**
 * CPU the Redis server spent for a run (its own INFO; the server is shared, so others' work counts
 * too). The PostgreSQL backends' is read from /proc (../support/process-cpu).
 */
import { Redis } from 'ioredis';

export const redisCpuMs = async (url: string): Promise<number> => {
  const client = new Redis(url, { maxRetriesPerRequest: 1, lazyConnect: true });
  try {
    await client.connect();
    const info = await client.info('cpu');
    const value = (name: string): number => Number(new RegExp(`^${name}:([0-9.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (value('used_cpu_user') + value('used_cpu_sys')) * 1000;
  } finally {
    client.disconnect();
  }
};
