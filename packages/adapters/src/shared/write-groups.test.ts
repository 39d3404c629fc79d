// Proves how WriteGroups forms and settles groups, with a fake commit that records each group:
// writes of one turn form one group, a full group commits at once, at most `maxInFlight` groups
// commit together, each caller gets its own outcome, a group that fails as a whole fails all of
// its callers, no caller hears back before its group's commit returned, and `flush` commits
// what is queued without waiting for the window.
import { describe, expect, it } from 'vitest';
import { type GroupOutcome, WriteGroups } from './write-groups.js';

function recorder(
  answer: (write: number) => GroupOutcome = (write) => ({ ok: true, value: write * 10 }),
) {
  const groups: number[][] = [];
  const commit = (writes: readonly number[]) => {
    groups.push([...writes]);
    return writes.map(answer);
  };
  return { groups, commit };
}

describe('WriteGroups', () => {
  it('puts the writes of one turn of the event loop in one group, in order', async () => {
    const { groups, commit } = recorder();
    const writes = new WriteGroups<number>({ windowMs: 0, maxOperations: 100 }, commit);
    const values = await Promise.all([1, 2, 3, 4].map((n) => writes.submit<number>(n)));
    expect(values).toEqual([10, 20, 30, 40]);
    expect(groups).toEqual([[1, 2, 3, 4]]);
  });

  it('closes a group at maxOperations', async () => {
    const { groups, commit } = recorder();
    const writes = new WriteGroups<number>({ windowMs: 0, maxOperations: 3 }, commit);
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => writes.submit(n)));
    expect(groups).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('waits windowMs for more writes before committing', async () => {
    const { groups, commit } = recorder();
    const writes = new WriteGroups<number>({ windowMs: 5, maxOperations: 100 }, commit);
    const first = writes.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(groups).toEqual([]);
    const second = writes.submit(2);
    await Promise.all([first, second]);
    expect(groups).toEqual([[1, 2]]);
  });

  it('fails only the writes whose outcome failed', async () => {
    const { commit } = recorder((write) =>
      write % 2 === 0 ? { ok: false, error: new Error(`no ${write}`) } : { ok: true, value: write },
    );
    const writes = new WriteGroups<number>({ windowMs: 0, maxOperations: 100 }, commit);
    const settled = await Promise.allSettled([1, 2, 3, 4].map((n) => writes.submit(n)));
    expect(settled.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'rejected',
    ]);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe('no 2');
  });

  it('fails every write of a group whose commit failed, and goes on with the next group', async () => {
    let calls = 0;
    const writes = new WriteGroups<number>({ windowMs: 0, maxOperations: 2 }, (group) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      return group.map((value) => ({ ok: true, value }));
    });
    const settled = await Promise.allSettled([1, 2, 3].map((n) => writes.submit(n)));
    expect(settled.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
  });

  it('answers no caller before its group committed, and runs at most maxInFlight groups', async () => {
    const pending: (() => void)[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const writes = new WriteGroups<number>(
      { windowMs: 0, maxOperations: 1 },
      (group) =>
        new Promise<GroupOutcome[]>((resolve) => {
          inFlight += 1;
          mostInFlight = Math.max(mostInFlight, inFlight);
          pending.push(() => {
            inFlight -= 1;
            resolve(group.map((value) => ({ ok: true, value })));
          });
        }),
      2,
    );
    let answered = 0;
    const all = [1, 2, 3, 4, 5].map((n) => writes.submit(n).then(() => (answered += 1)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(pending).toHaveLength(2);
    expect(answered).toBe(0);
    while (pending.length > 0) {
      pending.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(all);
    expect(answered).toBe(5);
    expect(mostInFlight).toBe(2);
  });

  it('flush commits the queue without waiting for the window', async () => {
    const { groups, commit } = recorder();
    const writes = new WriteGroups<number>({ windowMs: 10, maxOperations: 100 }, commit);
    const answers = [writes.submit(1), writes.submit(2)];
    await writes.flush();
    expect(groups).toEqual([[1, 2]]);
    expect(await Promise.all(answers)).toEqual([10, 20]);
    await writes.flush();
  });
});
