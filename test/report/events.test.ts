/** Events in both languages: every kind renders from its data, the English line is the engine's own, the Chinese one is Chinese. */
import { describe, expect, it } from 'vitest';
import type { EventKind, RunResult, SimEvent } from '../../src/engine/results.js';
import { simulate } from '../../src/engine/simulate.js';
import { eventText, renderEvent } from '../../src/report/events.js';
import { withLang } from '../../src/report/i18n/lang.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario, flat } from '../engine/builder.js';

const KINDS: readonly EventKind[] = [
  'phase-start', 'phase-live', 'dc-complete', 'budget-wait', 'budget-resume', 'network-full', 'grid-full',
  'substation', 'export-control', 'subsidy', 'racks-full', 'target-met', 'target-missed',
];

const HAN = /\p{Script=Han}/u;

/** The base scenario with Chinese names, and with every dated event the engine can write. */
function eventful(): Scenario {
  const sc = baseScenario();
  sc.datacenters[0]!.nameZh = '甲数据中心';
  sc.datacenters[1]!.nameZh = '乙数据中心';
  sc.grid = { capacity: flat(80_000), substations: [{ id: 'ga2', month: 30, capacity: 100_000 }], peakFactor: 1.1 };
  sc.ai.exportControls = [
    { id: 'ec1', month: 24, availability: 0.5, priceFactor: 1.2 },
    { id: 'ec2', month: 36, availability: 1, priceFactor: 1 },
  ];
  sc.energy.subsidies = [{ id: 'bt', month: 12, until: Infinity, share: 0.5, domesticOnly: true }];
  sc.targets = [
    { id: 'racks', metric: 'rackCapacity', year: 2025, atLeast: 80_000, label: '80 k racks by 2025', labelZh: '2025年前8万个标准机架' },
    { id: 'early', metric: 'rackCapacity', year: 2021, atLeast: 85_000, label: '85 k racks by 2021', labelZh: '2021年前8.5万个标准机架' },
    { id: 'huge', metric: 'serverCapacity', year: 2024, atLeast: 1e9, label: 'a billion servers', labelZh: '十亿台服务器' },
  ];
  return sc;
}

function runs(): RunResult[] {
  const thin = eventful();
  thin.network.capacity = flat(50);
  const empty = eventful();
  for (const dc of empty.datacenters) for (const ph of dc.phases) Object.assign(ph, { preexisting: false, start: 0, build: 20 });
  return [simulate(eventful(), { detail: true }), simulate(thin, { detail: true }), simulate(empty, { detail: true })];
}

/** The events of all the runs, and one phase-start (the engine writes none yet, a report may). */
function allEvents(): SimEvent[] {
  const evs = runs().flatMap((r) => r.detail!.events);
  evs.push({ month: 3, year: 2020, kind: 'phase-start', text: 'Site A phase p2 starts construction', dcId: 'a', dcName: 'Site A', dcNameZh: '甲数据中心', phaseId: 'p2' });
  return evs;
}

describe('events in both languages', () => {
  const events = allEvents();

  it('covers every kind of event, both kinds of full racks, a late target and both kinds of export control', () => {
    expect(new Set(events.map((e) => e.kind))).toEqual(new Set(KINDS));
    expect(events.filter((e) => e.kind === 'racks-full').map((e) => e.racks === 0)).toContain(true);
    expect(events.filter((e) => e.kind === 'racks-full').map((e) => e.racks === 0)).toContain(false);
    expect(events.some((e) => e.kind === 'target-met' && e.params?.late === true)).toBe(true);
    expect(events.filter((e) => e.kind === 'export-control')).toHaveLength(3 * 2);
  });

  it('says each event in English as the engine wrote it, from its data alone', () => {
    for (const e of events) {
      expect(renderEvent(e, 'en'), e.kind).toBe(e.text);
      expect(eventText(e, 'en')).toBe(e.text);
    }
  });

  it('says each event in Chinese: Chinese words, the Chinese names, no placeholder left, no English word but ids and units', () => {
    for (const e of events) {
      const zh = eventText(e, 'zh');
      expect(zh, e.kind).not.toBe(e.text);
      expect(zh, e.kind).toMatch(HAN);
      expect(zh, e.kind).not.toMatch(/[{}]/);
      const words = zh.replace(/\b(MW|Tbps|ga2|ec1|ec2|bt)\b/g, '').match(/[A-Za-z]{2,}/g) ?? [];
      expect(words, `${e.kind}: ${zh}`).toEqual([]);
      if (e.dcNameZh) expect(zh).toContain(e.dcNameZh);
      if (e.params?.labelZh) expect(zh).toContain(e.params.labelZh);
    }
  });

  it('follows the session language, counts in 万 in Chinese, and names phases as Chinese does', () => {
    const live = events.find((e) => e.kind === 'phase-live' && e.phaseId === 'p2' && (e.racks ?? 0) >= 10_000)!;
    expect(withLang('zh', () => eventText(live))).toMatch(/二期投运：新增\d+(\.\d+)?万个标准机架$/);
    expect(withLang('en', () => eventText(live))).toBe(live.text);
    const missed = events.find((e) => e.kind === 'target-missed' && e.params?.id === 'huge')!;
    expect(eventText(missed, 'zh')).toMatch(/^目标未达成：十亿台服务器（2024年为[\d.,]+万?）$/);
  });

  it('falls back to the English line for an event recorded without its data', () => {
    const old: SimEvent = { month: 5, year: 2020, kind: 'grid-full', text: 'grid connection full (20 MW): new load waits' };
    expect(eventText(old, 'zh')).toBe(old.text);
    expect(renderEvent(old, 'zh')).toBeUndefined();
  });

  it('says the shipped scenarios\' events in Chinese with their Chinese site names', () => {
    const r = simulate(loadScenario('scenarios/national.yaml'), { detail: true });
    const lines = r.detail!.events.map((e) => eventText(e, 'zh'));
    expect(lines.length).toBeGreaterThan(10);
    for (const l of lines) expect(l).toMatch(HAN);
    expect(lines.some((l) => l.includes('贵安华为云数据中心（七星湖）'))).toBe(true);
  });
});
