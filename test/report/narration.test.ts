/** Narration and the table's sentences: true to the run, plurals and names right. */
import { describe, expect, it } from 'vitest';
import { monteCarlo } from '../../src/engine/montecarlo.js';
import { simulate } from '../../src/engine/simulate.js';
import { fmt, phaseName } from '../../src/report/display.js';
import { counted } from '../../src/report/format.js';
import { valueAt, type RunResult } from '../../src/engine/results.js';
import { withLang, type Lang } from '../../src/report/i18n/lang.js';
import { clusterLimitWords, clusterName, LIMIT_SHORT, LIMIT_WORDS, LIMIT_WORDS_EN, narrationSentences, narrationText } from '../../src/report/narration.js';
import { resultTable } from '../../src/report/table.js';
import { loadScenario } from '../../src/scenario/index.js';
import type { Scenario } from '../../src/scenario/types.js';
import { baseScenario } from '../engine/builder.js';

describe('narration', () => {
  it('with no racks live, does not say the racks are full', () => {
    const sc = baseScenario();
    // nothing live before the horizon and nothing finished in the first year
    for (const dc of sc.datacenters) for (const ph of dc.phases) Object.assign(ph, { preexisting: false, start: 0, build: 20 });
    const r = simulate(sc, { detail: true });
    const first = narrationText(r, 2020);
    expect(first).not.toMatch(/full/);
    expect(first).toMatch(/no racks open to tenants yet/);
  });

  it('names phases in words, never by an internal id', () => {
    expect(phaseName('p2')).toBe('phase 2');
    expect(phaseName('phase-3')).toBe('phase 3');
    expect(phaseName('bc')).toBe('');
    const sc = baseScenario();
    sc.datacenters[0]!.phases[0]!.id = 'bc';
    const r = simulate(sc, { detail: true });
    for (const y of r.years) expect(narrationText(r, y)).not.toMatch(/phase bc|phase BC/i);
  });

  it('counts with the right plural', () => {
    expect(counted(1, 'DC')).toBe('1 DC');
    expect(counted(12, 'DC')).toBe('12 DCs');
    expect(counted(3333, 'run')).toBe('3,333 runs');
    expect(counted(1, 'scenario')).toBe('1 scenario');
  });
});

describe('the table construction line', () => {
  it('mentions sunk phases only when there are some, with the right plural', () => {
    const none = baseScenario();
    for (const dc of none.datacenters) for (const ph of dc.phases) ph.preexisting = false;
    expect(resultTable(monteCarlo(none, { runs: 1 }))).not.toMatch(/sunk/);
    const one = baseScenario();
    const sunk = one.datacenters.flatMap((d) => d.phases).filter((p) => p.preexisting).length;
    expect(sunk).toBe(1);
    expect(resultTable(monteCarlo(one, { runs: 1 })).replace(/\s+/g, ' ')).toContain('besides 1 phase live before 2020, whose cost is sunk');
  });
});

describe('narration words', () => {
  it('keeps acronyms in class names and prints small target values with decimals', () => {
    const sc = baseScenario();
    sc.workloads[2]!.name = 'AI training';
    sc.targets = [{ id: 'pue', metric: 'pue', year: 2025, atMost: 1.01, label: 'PUE at most 1.01' }];
    const r = simulate(sc, { detail: true });
    const all = r.years.map((y) => narrationText(r, y)).join(' ');
    expect(all).not.toMatch(/aI training/);
    expect(all).toMatch(/PUE at most 1\.01 \(1\.\d\d in 2025\)/);
  });
});

describe('narration: what limits Gui\'an, and the other clusters', () => {
  const limitSentence = /limits Gui'an's growth this year/;
  const gridCapped = (): ReturnType<typeof baseScenario> => {
    const sc = baseScenario();
    sc.grid = { capacity: new Float64Array(11).fill(20_000), substations: [], peakFactor: 1 };
    return sc;
  };

  it('names the grid in every year it binds, and says when the connection fills up, with its capacity', () => {
    const r = simulate(gridCapped(), { detail: true });
    const d = r.detail!;
    expect(d.bindingLimit.every((l) => l === 'grid')).toBe(true);
    const full = d.events.filter((e) => e.kind === 'grid-full');
    expect(full.length).toBeGreaterThan(0);
    for (const e of full) expect(narrationText(r, e.year)).toContain('The grid connection fills up (20 MW) and new load waits');
    expect(narrationText(r, 2020)).toMatch(/The grid connection limits Gui'an's growth this year/);
    for (const y of r.years) {
      const t = narrationText(r, y);
      expect(t, String(y)).toMatch(/The grid connection (still )?(limits|has limited) Gui'an's growth/);
      // said at most once a year: the event's year does not repeat why
      expect((t.match(/new load waits/g) ?? []).length, String(y)).toBeLessThanOrEqual(1);
    }
    // the same limit year after year: "still", then how many years running
    expect(narrationText(r, 2021)).toContain("The grid connection still limits Gui'an's growth this year");
    expect(narrationText(r, 2024)).toContain("The grid connection has limited Gui'an's growth for 5 years running");
    // without the cap the grid connection is never named
    const free = simulate(baseScenario(), { detail: true });
    for (const y of free.years) expect(narrationText(free, y)).not.toMatch(/grid connection/);
  });

  it('names money, construction and the network in the years they bind, and nothing when demand does', () => {
    const r = simulate(baseScenario(), { detail: true });
    const words = { money: 'Money limits', construction: 'Construction limits', capacity: 'Capacity limits', network: 'The network east limits', grid: 'The grid connection limits' } as const;
    const seen = new Set<string>();
    r.years.forEach((year, y) => {
      const limit = r.detail!.bindingLimit[y]!;
      const t = narrationText(r, year);
      if (limit === 'demand') expect(t, String(year)).not.toMatch(limitSentence);
      else {
        seen.add(limit);
        const [first, ...rest] = words[limit].split(' limits');
        expect(t, String(year)).toMatch(new RegExp(`${first} (still )?(limits|has limited)${rest.join('')} Gui'an's growth`));
        for (const [other, w] of Object.entries(words)) if (other !== limit) expect(t, String(year)).not.toContain(w.replace(' limits', ''));
      }
    });
    expect([...seen].sort()).toEqual(['capacity', 'construction', 'money']);

    // a network too small for the work: the network binds
    const thin = baseScenario();
    thin.network.capacity = new Float64Array(11).fill(50);
    const n = simulate(thin, { detail: true });
    expect(n.detail!.bindingLimit[1]).toBe('network');
    // the first year it binds says why (unless the year's network-full event already did)
    const first = n.detail!.bindingLimit.indexOf('network');
    const said = n.detail!.events.some((e) => e.kind === 'network-full' && e.year === 2020 + first);
    expect(narrationText(n, 2020 + first)).toContain(said ? 'The network fills up and throttles transfer' : "The network east limits Gui'an's growth this year: it is full and transfer is throttled");
    expect(narrationText(n, 2020 + first)).toContain("The network east limits Gui'an's growth this year");

    // little eastern demand: racks to spare, no limit named
    const small = baseScenario();
    for (const h of small.hubs) h.demand = new Float64Array(11).fill(2000);
    const s = simulate(small, { detail: true });
    expect(s.detail!.bindingLimit[3]).toBe('demand');
    expect(narrationText(s, 2023)).not.toMatch(limitSentence);
  });

  it('says when another western cluster takes more eastern work than Gui\'an, with both shares', () => {
    const r = simulate(baseScenario(), { detail: true });
    const [guian, north] = r.detail!.clusters;
    expect(guian!.id).toBe('guian');
    let ahead = 0;
    r.years.forEach((year, y) => {
      const t = narrationText(r, year);
      if (north!.eastShare[y]! > guian!.eastShare[y]!) {
        ahead++;
        expect(t, String(year)).toContain(
          `North takes more eastern work than Gui'an: ${fmt(north!.eastShare[y]!, 'share')} of the work placed in clusters against ${fmt(guian!.eastShare[y]!, 'share')}`,
        );
      } else expect(t, String(year)).not.toMatch(/takes? more eastern work than Gui'an/);
    });
    // North leads at first and Gui'an overtakes it: both cases are exercised
    expect(ahead).toBeGreaterThan(0);
    expect(ahead).toBeLessThan(r.years.length);

    // a cluster with no room for eastern work is never ahead
    const none = baseScenario();
    none.competitors[0]!.capacity = new Float64Array(11).fill(0);
    const n = simulate(none, { detail: true });
    for (const y of n.years) expect(narrationText(n, y)).not.toMatch(/more eastern work than Gui'an/);
  });
});

// ---------------------------------------------------------------- narration that explains, in both languages

/** The base scenario with every name in Chinese too. */
function chinese(): Scenario {
  const sc = baseScenario();
  sc.nameZh = '测试情景';
  sc.datacenters[0]!.nameZh = '甲数据中心';
  sc.datacenters[1]!.nameZh = '乙数据中心';
  sc.hubs[0]!.nameZh = '东一枢纽';
  sc.hubs[1]!.nameZh = '东二枢纽';
  sc.workloads[0]!.nameZh = '实时业务';
  sc.workloads[1]!.nameZh = '网页业务';
  sc.workloads[2]!.nameZh = '批处理';
  sc.competitors[0]!.nameZh = '北方集群';
  sc.targets[0]!.labelZh = '2025年前8万个标准机架';
  return sc;
}

const texts = (r: RunResult, lang: Lang): string[] => r.years.map((y) => narrationText(r, y, lang));
/** Units and abbreviations a Chinese sentence may carry in Latin letters. */
const LATIN_OK = /\b(PUE|MW|GWh|AI|Tbps|kWh)\b/g;
const english = (s: string): string[] => s.replace(LATIN_OK, '').match(/[A-Za-z]{2,}/g) ?? [];

describe('narration that explains why work moves west', () => {
  it('leads the first year with the power-price gap, the climate and PUE, and which work can move and which cannot, from the scenario', () => {
    const r = simulate(baseScenario(), { detail: true });
    const [first] = narrationSentences(r, 2020, 'en');
    expect(first!.kind).toBe('why');
    const t = narrationText(r, 2020, 'en');
    expect(t).toMatch(/^2020: Power costs 0\.35 CNY\/kWh in Gui'an against 0\.65 CNY\/kWh in the eastern hubs, 46 % less; its cool climate \(15 °C on average\)/);
    expect(t).toContain(`PUE to ${valueAt(r, 'pue', 2020).toFixed(2)} against 1.40 in the east`);
    // batch (50 ms) reaches Gui'an from both hubs, web (10 ms) only from East Two (8 ms), real-time (5 ms, not movable) from neither
    expect(t).toContain('Batch can move west; web can move only from East Two; real-time work must stay near the users, within 5 ms of them');
    const zh = narrationText(r, 2020, 'zh');
    expect(zh).toMatch(/^2020年：贵安的数据中心电价为每千瓦时0\.35元，东部枢纽为每千瓦时0\.65元，低46 %/);

    // the figures are the scenario's: another price, another sentence
    const cheap = baseScenario();
    cheap.energy.electricityPrice = new Float64Array(11).fill(0.26);
    expect(narrationText(simulate(cheap, { detail: true }), 2020)).toContain('Power costs 0.26 CNY/kWh in Gui\'an against 0.65 CNY/kWh in the eastern hubs, 60 % less');
    const dear = baseScenario();
    dear.energy.electricityPrice = new Float64Array(11).fill(0.7);
    expect(narrationText(simulate(dear, { detail: true }), 2020)).toContain('price alone moves nothing west');
    const none = baseScenario();
    for (const w of none.workloads) w.movable = 0;
    expect(narrationText(simulate(none, { detail: true }), 2020)).toContain('No kind of work may move west in this scenario');
  });

  it('leads every year with why, and never with the same sentence two years running (the shipped scenarios too)', () => {
    for (const r of [simulate(baseScenario(), { detail: true }), simulate(loadScenario('scenarios/guian-plan.yaml'), { detail: true }), simulate(loadScenario('scenarios/no-transfer.yaml'), { detail: true })]) {
      for (const lang of ['en', 'zh'] as const) {
        let before = '';
        for (const y of r.years) {
          const s = narrationSentences(r, y, lang);
          expect(s[0]?.kind, `${lang} ${y}`).toBe('why');
          expect(s[0]!.text, `${lang} ${y}`).not.toBe(before);
          before = s[0]!.text;
        }
        // the first year's full lead is said once
        const lead = narrationSentences(r, r.years[0]!, lang)[0]!.text.slice(1);
        expect(texts(r, lang).filter((t) => t.includes(lead))).toHaveLength(1);
      }
    }
  });

  it('names the binding limit in every year it is not demand, in both languages, on the shipped scenarios', () => {
    const en: Record<string, RegExp> = {
      grid: /grid connection (still )?(limits|has limited) Gui'an's growth/i,
      network: /network east (still )?(limits|has limited) Gui'an's growth/i,
      money: /money (still )?(limits|has limited) Gui'an's growth/i,
      construction: /construction (still )?(limits|has limited) Gui'an's growth/i,
      capacity: /capacity (still )?(limits|has limited) Gui'an's growth/i,
    };
    const zh: Record<string, RegExp> = {
      grid: /电网接入(仍然|已连续\d+年)?制约贵安的增长/, network: /东向网络(仍然|已连续\d+年)?制约贵安的增长/, money: /资金(仍然|已连续\d+年)?制约贵安的增长/,
      construction: /建设进度(仍然|已连续\d+年)?制约贵安的增长/, capacity: /容量(仍然|已连续\d+年)?制约贵安的增长/,
    };
    const seen = new Set<string>();
    for (const file of ['guian-plan', 'guian-realistic-cost', 'national']) {
      const r = simulate(loadScenario(`scenarios/${file}.yaml`), { detail: true });
      r.years.forEach((year, y) => {
        const limit = r.detail!.bindingLimit[y]!;
        if (limit === 'demand') return;
        seen.add(limit);
        expect(narrationText(r, year, 'en'), `${file} ${year}`).toMatch(en[limit]!);
        expect(narrationText(r, year, 'zh'), `${file} ${year}`).toMatch(zh[limit]!);
      });
    }
    expect(seen.size).toBeGreaterThanOrEqual(3);
  });

  it('says the carbon the move saves, or costs, with the run\'s own figure', () => {
    const r = simulate(baseScenario(), { detail: true });
    let saving = 0;
    let cost = 0;
    for (const y of r.years) {
      const kt = valueAt(r, 'carbonSavedKt', y);
      const t = narrationText(r, y);
      if (valueAt(r, 'transferredRacks', y) <= 0.5 || Math.abs(kt) < 0.05) continue;
      if (kt > 0) {
        saving++;
        expect(t, String(y)).toContain(`saving ${fmt(kt, 'kt')} of CO2 this year`);
      } else {
        cost++;
        expect(t, String(y)).toContain(`the move adds ${fmt(-kt, 'kt')} of CO2 this year`);
      }
    }
    expect(saving).toBeGreaterThan(0);
    expect(cost).toBeGreaterThan(0);
  });

  it('speaks Chinese in Chinese: the Chinese names, full-width stops, no English words but units and abbreviations', () => {
    const r = simulate(chinese(), { detail: true });
    const all = texts(r, 'zh');
    all.forEach((t, i) => {
      expect(t, t).toMatch(new RegExp(`^${r.years[i]}年：`));
      expect(t.endsWith('。'), t).toBe(true);
      expect(english(t), t).toEqual([]);
      expect(t, t).not.toMatch(/[.;:,] |\(/);
    });
    const joined = all.join('');
    for (const name of ['乙数据中心', '东二枢纽', '批处理', '北方集群', '2025年前8万个标准机架']) expect(joined).toContain(name);
    expect(joined).toContain('北方集群承接的东部工作负载多于贵安');
    // the session language decides when none is given
    expect(withLang('zh', () => narrationText(r, 2021))).toBe(all[1]);
    expect(narrationText(r, 2021)).toBe(texts(r, 'en')[1]);
  });

  it('never glues English grammar to a name written in Chinese characters', () => {
    const sc = baseScenario();
    // plain text is the English name, whatever its script
    sc.hubs[1]!.name = '粤港澳大湾区';
    sc.competitors[0]!.name = '和林格尔（内蒙古）';
    sc.datacenters[1]!.name = '乙数据中心';
    sc.workloads[2]!.name = '批处理';
    const r = simulate(sc, { detail: true });
    const all = texts(r, 'en').join(' ');
    expect(all).toContain('粤港澳大湾区');
    expect(all).toContain('和林格尔 takes more eastern work');
    expect(all).not.toMatch(/的/);
    expect(all).not.toMatch(/\p{Script=Han}['’]s\b/u);
  });

  it('the shipped scenarios narrate in Chinese with Chinese names and no English but units, brands and ids', () => {
    for (const file of ['guian-plan', 'national', 'ai-boom']) {
      const sc = loadScenario(`scenarios/${file}.yaml`);
      const ids = [...sc.grid.substations, ...sc.ai.exportControls, ...sc.energy.subsidies].map((x) => x.id);
      const r = simulate(sc, { detail: true });
      for (const t of texts(r, 'zh')) {
        let rest = t.replace(/iCloud/g, '');
        for (const id of ids) rest = rest.split(id).join('');
        expect(english(rest), t).toEqual([]);
      }
    }
  });

  it('tells a face what each sentence says: the served work and targets can be restated from medians', () => {
    const r = simulate(baseScenario(), { detail: true });
    const s2024 = narrationSentences(r, 2024, 'en');
    expect(s2024.filter((s) => s.kind === 'target').map((s) => s.text)).toEqual(['target reached: 80 k racks by 2025']);
    for (const lang of ['en', 'zh'] as const) {
      for (const y of r.years) {
        const served = narrationSentences(r, y, lang).filter((s) => s.kind === 'served');
        expect(served.length, `${lang} ${y}`).toBeLessThanOrEqual(1);
        if (served[0] && valueAt(r, 'transferredRacks', y) > 0.5) expect(served[0].text).toMatch(lang === 'en' ? /^Gui'an serves / : /^贵安承接/);
      }
    }
  });
});

describe('limit words follow the session language', () => {
  it('LIMIT_WORDS and LIMIT_SHORT read in the session language; LIMIT_WORDS_EN stays English', () => {
    expect(LIMIT_WORDS.grid).toBe('grid connection full');
    expect(withLang('zh', () => LIMIT_WORDS.grid)).toBe('电网接入已满');
    expect(withLang('zh', () => LIMIT_SHORT.money)).toBe('资金');
    expect(withLang('zh', () => LIMIT_WORDS_EN.grid)).toBe('grid connection full');
    expect(Object.keys(LIMIT_WORDS).sort()).toEqual(['capacity', 'construction', 'demand', 'grid', 'money', 'network']);
    expect(withLang('zh', () => clusterLimitWords('racks', false))).toBe('可承接东部工作负载的空间已满');
    expect(clusterLimitWords('demand', false, true)).toBe('demand');
    expect(clusterLimitWords('grid', true, false, 'zh')).toBe('电网接入已满');
  });

  it('shortens a cluster name in either script', () => {
    expect(clusterName('Horinger (Inner Mongolia)')).toBe('Horinger');
    expect(clusterName('和林格尔（内蒙古）')).toBe('和林格尔');
    expect(clusterName('North')).toBe('North');
  });
});
