/** Names in two languages: `name: {en, zh}` loads, a missing side is a located problem, plain text still works; every shipped scenario names its parts in Chinese too. */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadScenario, loadScenarioText } from '../../src/scenario/index.js';
import { localName } from '../../src/report/names.js';
import { tempDir } from '../helpers/tmp.js';
import { problemsFrom, problemsOf } from '../helpers/scenario.js';

const HAN = /\p{Script=Han}/u;

const TWO = `name: { en: Small plan, zh: 小规划 }
description:
  en: What a small plan does.
  zh: 小规划的作用。
horizon: { start: 2020, end: 2024 }
datacenters:
  - id: a
    name: { en: Site A, zh: 甲数据中心 }
    pue: 1.3
    phases:
      - { id: p1, size: 1000 racks, start: 2020-03, build: 12 months }
hubs:
  - { id: east, name: { en: East, zh: 东部枢纽 }, demand: 1000 racks, latency: 10 ms }
workloads:
  - { id: batch, name: { en: Batch, zh: 批处理 }, share: 1, latencyTolerance: 50 ms, movable: 0.5 }
competitors:
  - { id: north, name: { en: North, zh: 北方集群 }, electricityPrice: 0.3 CNY/kWh }
targets:
  - { id: racks, metric: rackCapacity, year: 2022, atLeast: 500, label: { en: 500 racks by 2022, zh: 2022年前500个标准机架 } }
levers:
  - { id: price, label: { en: Power price, zh: 电价 }, path: energy.electricityPrice, unit: CNY/kWh, min: 0.2, max: 0.8, step: 0.05 }
metrics:
  - { id: perRack, label: { en: Servers per rack, zh: 每机架服务器数 }, formula: "serverCapacity / rackCapacity" }
`;

const msgs = (text: string): string[] => problemsOf(text).map(formatProblem);

describe('names in two languages', () => {
  it('loads {en, zh}: the English text is the name, the Chinese one beside it', () => {
    const sc = loadScenarioText(TWO, 'two.yaml');
    expect([sc.name, sc.nameZh, sc.description, sc.descriptionZh]).toEqual(['Small plan', '小规划', 'What a small plan does.', '小规划的作用。']);
    expect(sc.datacenters[0]).toMatchObject({ name: 'Site A', nameZh: '甲数据中心' });
    expect(sc.hubs[0]).toMatchObject({ name: 'East', nameZh: '东部枢纽' });
    expect(sc.workloads[0]).toMatchObject({ name: 'Batch', nameZh: '批处理' });
    expect(sc.competitors[0]).toMatchObject({ name: 'North', nameZh: '北方集群' });
    expect(sc.targets[0]).toMatchObject({ label: '500 racks by 2022', labelZh: '2022年前500个标准机架' });
    expect(sc.levers[0]).toMatchObject({ label: 'Power price', labelZh: '电价' });
    expect(sc.metrics[0]).toMatchObject({ label: 'Servers per rack', labelZh: '每机架服务器数' });
    expect(localName(sc.hubs[0]!, 'zh')).toBe('东部枢纽');
    expect(localName(sc.hubs[0]!, 'en')).toBe('East');
  });

  it('takes plain text as English, with no Chinese name at all (not an empty one)', () => {
    const sc = loadScenarioText(TWO.replace('{ en: Site A, zh: 甲数据中心 }', 'Site A').replace('name: { en: Small plan, zh: 小规划 }', 'name: Small plan'), 'plain.yaml');
    expect(sc.datacenters[0]!.name).toBe('Site A');
    expect('nameZh' in sc.datacenters[0]!).toBe(false);
    expect('nameZh' in sc).toBe(false);
    expect(localName(sc.datacenters[0]!, 'zh')).toBe('Site A');
    // a name without `name:` is its id, as before
    expect(loadScenarioText(TWO.replace("    name: { en: Site A, zh: 甲数据中心 }\n", ''), 'id.yaml').datacenters[0]!.name).toBe('a');
  });

  it('reports a missing language, an unknown one, an empty text and a non-text at the line that wrote it', () => {
    expect(msgs(TWO.replace('{ en: East, zh: 东部枢纽 }', '{ en: East }'))).toEqual([
      'test.yaml:13:23  hubs.east.name.zh  missing zh: a text in two languages gives both en and zh',
    ]);
    expect(msgs(TWO.replace('{ en: Site A, zh: 甲数据中心 }', '{ zh: 甲数据中心 }'))).toEqual([
      'test.yaml:8:11  datacenters.a.name.en  missing en: a text in two languages gives both en and zh',
    ]);
    expect(msgs(TWO.replace('{ en: East, zh: 东部枢纽 }', '{ en: East, zh: 东部枢纽, fr: Est }'))).toEqual([expect.stringMatching(/^test\.yaml:13:\d+ {2}hubs\.east\.name\.fr {2}unknown key "fr"/)]);
    expect(msgs(TWO.replace('zh: 批处理', 'zh: ""'))).toEqual([expect.stringMatching(/^test\.yaml:15:\d+ {2}workloads\.batch\.name\.zh {2}zh must not be empty$/)]);
    expect(msgs(TWO.replace('{ en: North, zh: 北方集群 }', '42'))).toEqual([
      'test.yaml:17:24  competitors.north.name  expected text, or {en: ..., zh: ...} in both languages, got 42',
    ]);
    expect(msgs(TWO.replace('label: { en: Power price, zh: 电价 }', 'label: [Power price]'))).toEqual([expect.stringMatching(/levers\.price\.label {2}expected text, or \{en: \.\.\., zh: \.\.\.\} in both languages, got a list$/)]);
  });

  describe('with extends', () => {
    const dir = tempDir('names');
    writeFileSync(join(dir, 'base.yaml'), TWO);

    it('a two-language name in a child replaces the base name whole: one language alone is a problem there', () => {
      writeFileSync(join(dir, 'half.yaml'), 'extends: base.yaml\nhubs:\n  - { id: east, name: { en: Eastern hub } }\n');
      const p = problemsFrom(() => loadScenario(join(dir, 'half.yaml')));
      expect(p.map(formatProblem)).toEqual([`${join(dir, 'half.yaml')}:3:23  hubs.east.name.zh  missing zh: a text in two languages gives both en and zh`]);
    });

    it('a plain name in a child is English only; a child that names nothing keeps both', () => {
      writeFileSync(join(dir, 'plain.yaml'), 'extends: base.yaml\nname: Child\nhubs:\n  - { id: east, demand: 2000 racks }\n');
      const sc = loadScenario(join(dir, 'plain.yaml'));
      expect([sc.name, sc.nameZh]).toEqual(['Child', undefined]);
      expect(sc.hubs[0]).toMatchObject({ name: 'East', nameZh: '东部枢纽' });
      writeFileSync(join(dir, 'both.yaml'), 'extends: base.yaml\nhubs:\n  - { id: east, name: { en: Eastern hub, zh: 东部 } }\n');
      expect(loadScenario(join(dir, 'both.yaml')).hubs[0]).toMatchObject({ name: 'Eastern hub', nameZh: '东部' });
    });
  });
});

describe('the shipped scenarios', () => {
  const files = [...readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`), 'scenarios/history/guian-actual-prior.yaml'];

  it.each(files)('%s names the scenario, every data center, hub, work class, cluster, target and lever in Chinese too', (file) => {
    const sc = loadScenario(file);
    const missing: string[] = [];
    const need = (what: string, zh: string | undefined): void => {
      if (zh === undefined || !HAN.test(zh)) missing.push(what);
    };
    need('name', sc.nameZh);
    for (const d of sc.datacenters) need(`datacenters.${d.id}`, d.nameZh);
    for (const h of sc.hubs) need(`hubs.${h.id}`, h.nameZh);
    for (const w of sc.workloads) need(`workloads.${w.id}`, w.nameZh);
    for (const k of sc.competitors) need(`competitors.${k.id}`, k.nameZh);
    for (const t of sc.targets) need(`targets.${t.id}`, t.labelZh);
    for (const l of sc.levers) need(`levers.${l.id}`, l.labelZh);
    for (const m of sc.metrics) if (m.label !== undefined) need(`metrics.${m.id}`, m.labelZh);
    expect(missing).toEqual([]);
  });

  it('gives the real names where they exist', () => {
    const plan = loadScenario('scenarios/guian-plan.yaml');
    const zh = (id: string): string | undefined => [...plan.datacenters, ...plan.hubs, ...plan.competitors].find((x) => x.id === id)?.nameZh;
    expect(zh('telecom')).toBe('中国电信云计算贵州信息园');
    expect(zh('tencent')).toBe('腾讯贵安七星数据中心');
    expect(zh('gba')).toBe('粤港澳大湾区');
    expect(zh('horinger')).toBe('和林格尔（内蒙古）');
  });
});
