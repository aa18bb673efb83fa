/**
The store's lesson API: setLevers gives the same run as the same lever turns,
locked levers refuse the keys, owners and locks reach the state, and the view
and year cursor can be set directly.
*/
import { describe, expect, it } from 'vitest';
import { withLang } from '../../src/report/i18n/lang.js';
import { leverLines } from '../../src/tui/components/levers.js';
import { makeStore } from './helpers.js';

describe('lesson API of the store', () => {
  it('setLevers makes the run that the same lever turns make', () => {
    const turned = makeStore();
    turned.turnLever(1); // investment 40 → 45 bn
    turned.turnLever(1);
    const set = makeStore();
    set.setLevers({ investment: 50 });
    const a = turned.getState();
    const b = set.getState();
    expect(b.runs).toHaveLength(2);
    expect(b.focus).toBe(1);
    expect(b.runs[1]!.levers).toEqual(a.runs[1]!.levers);
    expect(b.runs[1]!.label).toBe(a.runs[1]!.label);
    expect(Array.from(b.runs[1]!.central.values)).toEqual(Array.from(a.runs[1]!.central.values));
    // again on the changed run: in place; back at the file's values: the run goes
    set.setLevers({ aiShare: 0.3 });
    expect(set.getState().runs).toHaveLength(2);
    expect(set.getState().runs[1]!.levers).toEqual({ investment: 50, aiShare: 0.3 });
    set.setLevers({ aiShare: 0.3 }, { replace: true });
    expect(set.getState().runs[1]!.levers).toEqual({ aiShare: 0.3 });
    set.setLevers({}, { replace: true });
    expect(set.getState().runs).toHaveLength(1);
    expect(set.getState().focus).toBe(0);
    turned.close();
    set.close();
  });

  it('setLevers clamps to the range and refuses an unknown lever by name', () => {
    const store = makeStore();
    store.setLevers({ investment: 10_000 });
    expect(store.getState().runs[1]!.levers).toEqual({ investment: 150 });
    expect(() => store.setLevers({ nope: 1 })).toThrow(/nope.*investment/);
    store.close();
  });

  it('locked levers do not turn or reset from the keys, and say why in the language', () => {
    const store = makeStore();
    store.setLevers({ investment: 60 });
    store.lockLevers(['investment']);
    expect(store.getState().levers.locked).toEqual(['investment']);
    const before = store.getState().runs;
    store.turnLever(1);
    store.resetLever();
    expect(store.getState().runs).toBe(before);
    expect(store.getState().message?.text).toMatch(/locked in this lesson step/);
    withLang('zh', () => {
      store.turnLever(-1);
      expect(store.getState().message?.text).toMatch(/已锁定/);
    });
    // another lever still turns; a lesson still sets the locked one
    store.dispatch({ type: 'leverSelect', delta: 1 });
    store.turnLever(1);
    expect(store.getState().runs[1]!.levers.transferIncentive).toBeDefined();
    store.setLevers({ investment: 70 });
    expect(store.getState().runs[1]!.levers.investment).toBe(70);
    store.lockLevers(null);
    expect(store.getState().levers.locked).toBeUndefined();
    store.dispatch({ type: 'leverSelect', delta: -1 });
    store.turnLever(1);
    expect(store.getState().runs[1]!.levers.investment).toBe(75);
    store.close();
  });

  it('the levers panel marks a locked lever in words and names its owner, within the width', () => {
    const store = makeStore();
    store.lockLevers(['investment']);
    store.setLeverOwners({ investment: 'Province', electricityPrice: 'Grid company' });
    const text = (lang: 'en' | 'zh'): string[] => withLang(lang, () => leverLines(store.getState(), 80, false).map((l) => l.map((x) => x.text).join('')));
    const en = text('en');
    expect(en[1]).toMatch(/\[locked\] \(Province\)/);
    expect(en.find((l) => l.includes('Grid company'))).not.toMatch(/locked/);
    expect(text('zh')[1]).toContain('[已锁定]');
    for (const l of [...en, ...text('zh')]) expect(l).not.toMatch(/\p{Extended_Pictographic}/u);
    store.close();
  });

  it('owners, view and year', () => {
    const store = makeStore();
    store.setLeverOwners({ investment: '省政府' });
    expect(store.getState().levers.owners).toEqual({ investment: '省政府' });
    store.setLeverOwners({});
    expect(store.getState().levers.owners).toBeUndefined();
    store.setView('money');
    expect(store.getState().view).toBe('money');
    store.setYear(2027);
    const s = store.getState();
    expect(s.years[s.year]).toBe(2027);
    store.setYear(1990);
    expect(store.getState().year).toBe(0);
    store.setYear(2999);
    expect(store.getState().year).toBe(s.years.length - 1);
    store.close();
  });
});
