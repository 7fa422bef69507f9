import { describe, expect, it } from 'vitest';
import { groupPassages, memberKeyOf, type MarkedSpan } from '@/utils/annotate/group-passages';

const span = (id: string, start: number, end: number, name: string, member = `m-${name}`): MarkedSpan => ({
  id,
  start,
  end,
  member,
  name,
});

describe('groupPassages', () => {
  it('joins overlapping highlights of different members into one passage that counts each member once', () => {
    const passages = groupPassages([
      span('c', 12, 20, '张三'),
      span('a', 10, 18, '王小明'),
      span('b', 15, 30, '李华'),
      span('d', 16, 17, '王小明'),
      span('e', 40, 45, '李华'),
    ]);
    expect(passages).toEqual([
      { start: 10, end: 30, ids: ['a', 'c', 'b', 'd'], names: ['王小明', '张三', '李华'], members: 3 },
      { start: 40, end: 45, ids: ['e'], names: ['李华'], members: 1 },
    ]);
  });

  it('keeps touching but not overlapping highlights apart, and joins a chain of overlaps', () => {
    expect(groupPassages([span('a', 0, 5, '甲'), span('b', 5, 9, '乙')]).map((p) => p.members)).toEqual([1, 1]);
    const chain = groupPassages([span('a', 0, 5, '甲'), span('b', 4, 9, '乙'), span('c', 8, 12, '丙')]);
    expect(chain).toHaveLength(1);
    expect(chain[0]!.members).toBe(3);
  });

  it('tells members apart by their id, and by name only for notes made before sync', () => {
    expect(memberKeyOf({ creatorId: 'x', author: '王' })).toBe('x');
    expect(memberKeyOf({ author: '王' })).toBe('name:王');
    // Two installs whose members chose the same name are two members.
    const passages = groupPassages([span('a', 0, 5, '王', 'id-1'), span('b', 1, 5, '王', 'id-2')]);
    expect(passages[0]!.members).toBe(2);
  });
});
