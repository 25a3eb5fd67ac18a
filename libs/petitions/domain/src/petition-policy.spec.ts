import type { Actor } from '@gov/kernel';
import { levelRegion, mayHandle, nextLevel, petitionVisibleTo, staffRegions } from './petition-policy.js';

const actor = (grants: Actor['grants'], accountId = 'a1'): Actor => ({ accountId, personId: null, username: 'u', grants });
const grid = 'jingmen/dongbao/longquan/xiangshan/g03';
const ref = { region: grid, county: 'jingmen/dongbao', level: 'grid' as const, assigneeRegion: grid, submittedBy: 'resident-1' };

describe('petition policy', () => {
  it('finds the node of each level above a grid', () => {
    expect(levelRegion(grid, 'grid')).toBe(grid);
    expect(levelRegion(grid, 'community')).toBe('jingmen/dongbao/longquan/xiangshan');
    expect(levelRegion(grid, 'street')).toBe('jingmen/dongbao/longquan');
    expect(levelRegion(grid, 'department')).toBe('jingmen/dongbao');
    expect(nextLevel('grid')).toBe('community');
    expect(nextLevel('department')).toBeNull();
  });

  it('shows a petition to its grid worker and submitter, not to a neighbouring grid or county', () => {
    expect(petitionVisibleTo(actor([{ role: 'grid_worker', region: grid }]), ref)).toBe(true);
    expect(petitionVisibleTo(actor([], 'resident-1'), ref)).toBe(true);
    expect(petitionVisibleTo(actor([{ role: 'grid_worker', region: 'jingmen/dongbao/longquan/xiangshan/g04' }]), ref)).toBe(false);
    expect(petitionVisibleTo(actor([{ role: 'county_admin', region: 'jingmen/duodao' }]), ref)).toBe(false);
    expect(petitionVisibleTo(actor([{ role: 'department_handler', region: 'jingmen/dongbao' }]), { ...ref, level: 'department', assigneeRegion: 'jingmen/dongbao' })).toBe(true);
  });

  it('lets only the level handlers act', () => {
    const community = { ...ref, level: 'community' as const, assigneeRegion: 'jingmen/dongbao/longquan/xiangshan' };
    expect(mayHandle(actor([{ role: 'grid_worker', region: grid }]), community)).toBe(false);
    expect(mayHandle(actor([{ role: 'community_admin', region: 'jingmen/dongbao/longquan/xiangshan' }]), community)).toBe(true);
  });

  it('lists a grant once, dropping those under another', () => {
    expect(staffRegions(actor([{ role: 'grid_worker', region: grid }, { role: 'county_admin', region: 'jingmen/dongbao' }, { role: 'resident', region: 'jingmen' }]))).toEqual(['jingmen/dongbao']);
  });
});
