import { describe, expect, it } from 'vitest';
import { CachedSetting } from './cached-setting.js';

function counter(values: string[]) {
  let loads = 0;
  const pending: ((value: string) => void)[] = [];
  return {
    loads: () => loads,
    load: () => {
      loads++;
      return new Promise<string>((resolve) => pending.push(resolve));
    },
    settle: () => pending.shift()?.(values.shift() ?? 'none'),
  };
}

describe('CachedSetting', () => {
  it('shares one load between concurrent callers and keeps the value until it expires', async () => {
    const source = counter(['v1', 'v2']);
    const setting = new CachedSetting(5000, source.load);
    const first = setting.get(0);
    const second = setting.get(10);
    source.settle();
    expect(await Promise.all([first, second])).toEqual(['v1', 'v1']);
    expect(await setting.get(4999)).toBe('v1');
    const expired = setting.get(5000);
    source.settle();
    expect(await expired).toBe('v2');
    expect(source.loads()).toBe(2);
  });

  it('reloads at once after forget(), and does not keep a load that raced with it', async () => {
    const source = counter(['old', 'new']);
    const setting = new CachedSetting(5000, source.load);
    const racing = setting.get(0);
    setting.forget();
    const fresh = setting.get(1);
    source.settle();
    source.settle();
    expect(await racing).toBe('old');
    expect(await fresh).toBe('new');
    expect(await setting.get(2)).toBe('new');
    expect(source.loads()).toBe(2);
  });

  it('does not keep a failed load, and loads every time when the time to keep is 0', async () => {
    let calls = 0;
    const failing = new CachedSetting(5000, () =>
      ++calls === 1 ? Promise.reject(new Error('down')) : Promise.resolve('up'),
    );
    await expect(failing.get(0)).rejects.toThrow('down');
    expect(await failing.get(1)).toBe('up');
    let loads = 0;
    const uncached = new CachedSetting(0, async () => ++loads);
    await uncached.get();
    await uncached.get();
    expect(loads).toBe(2);
  });
});
