import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../ports';
import { DraftService, MAX_DRAFTS } from './drafts';

const ANA = 'user-ana';
const LUCAS = 'user-lucas';

describe('DraftService', () => {
  it('keeps a draft per conversation, also for a new service on the same store (a restart)', () => {
    const store = new MemoryStore();
    const drafts = new DraftService(store);
    drafts.set(ANA, 'c1', 'Olá Bruno, já verifiquei');
    drafts.set(ANA, 'c2', 'Carla, a troca');
    const restarted = new DraftService(store);
    expect(restarted.get(ANA, 'c1')).toBe('Olá Bruno, já verifiquei');
    expect(restarted.get(ANA, 'c2')).toBe('Carla, a troca');
    expect(restarted.get(ANA, 'c3')).toBe('');
  });

  it('forgets a draft set to nothing (sent), and keeps users apart', () => {
    const drafts = new DraftService(new MemoryStore());
    drafts.set(ANA, 'c1', 'texto');
    drafts.set(LUCAS, 'c1', 'outro');
    drafts.set(ANA, 'c1', '   ');
    expect(drafts.get(ANA, 'c1')).toBe('');
    expect(drafts.get(LUCAS, 'c1')).toBe('outro');
    drafts.forgetUser(LUCAS);
    expect(drafts.get(LUCAS, 'c1')).toBe('');
  });

  it('keeps only the newest drafts beyond the limit', () => {
    let clock = 0;
    const drafts = new DraftService(new MemoryStore(), () => ++clock);
    for (let i = 0; i <= MAX_DRAFTS; i++) drafts.set(ANA, `c${i}`, `draft ${i}`);
    expect(drafts.get(ANA, 'c0')).toBe('');
    expect(drafts.get(ANA, `c${MAX_DRAFTS}`)).toBe(`draft ${MAX_DRAFTS}`);
    expect(drafts.get(ANA, 'c1')).toBe('draft 1');
  });
});
