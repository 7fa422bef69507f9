import { describe, expect, it } from 'vitest';
import { memberNames, ONLY_ME, passesMemberFilter } from '@/utils/annotate/member-filter';

const ME = { memberId: '0b6f1c1e-0000-4000-8000-000000000001', name: '王小明' };
const notes = [
  { id: 'mine', creatorId: ME.memberId, author: '王小明' },
  { id: 'mine before sync', author: '王小明' },
  { id: 'namesake on another install', creatorId: '0b6f1c1e-0000-4000-8000-000000000002', author: '王小明' },
  { id: 'li', creatorId: '0b6f1c1e-0000-4000-8000-000000000003', author: '李华' },
];
const shown = (filter: string) => notes.filter((note) => passesMemberFilter(note, filter, ME)).map((note) => note.id);

describe('the member filter: 全组 / 只看我 / one member', () => {
  it('shows everyone’s, the reader’s own (by member id, by name before sync), or one member’s', () => {
    expect(shown('')).toHaveLength(4);
    expect(shown(ONLY_ME)).toEqual(['mine', 'mine before sync']);
    expect(shown('李华')).toEqual(['li']);
  });

  it('offers each member who annotated once, by name, and no nameless entry', () => {
    expect(memberNames([...notes, { author: '' }, { author: '李华' }])).toEqual(['李华', '王小明']);
  });
});
