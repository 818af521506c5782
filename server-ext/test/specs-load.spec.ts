import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSpecFolder } from '../src/specs/load-folder.js';
import { parseSparkType } from '../src/specs/spark-type.js';
import { temporaryDirectory } from './helpers.js';
import { USER_ENTITY, featureGroup, model, sampleSet, writeSpecs } from './specs-helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = temporaryDirectory('featurelab-specs-')));
afterEach(() => cleanup());

describe('loading a spec folder', () => {
  it('loads the demo folder without problems', () => {
    const loaded = loadSpecFolder(new URL('../../demo/features', import.meta.url).pathname);
    expect(loaded.problems).toEqual([]);
    expect(loaded.specs.map(spec => `${spec.kind}:${spec.name}`).sort()).toEqual([
      'Entity:item',
      'Entity:user',
      'FeatureGroup:item_attributes',
      'FeatureGroup:item_popularity_1d',
      'FeatureGroup:user_engagement_1d',
      'FeatureGroup:user_orders_1d',
      'FeatureGroup:user_profile',
      'Model:ctr_ranker',
      'SampleSet:ctr_training'
    ]);
  });

  it('reports every problem of every file at once, with line, column, pointer and hint', () => {
    writeSpecs(dir, {
      'a.yaml': `apiVersion: featurelab/v1
kind: FeatureGroup
name: clicks
owner: team
entity: user
eventTimeColumn: event_time
source: {type: sql, query: SELECT 1}
features:
  - name: ok
    type: bigint
  - name: bad
    type: bigintt
  - name: "clicks 7d"
    type: int
    colour: red
`,
      'b.yml': `apiVersion: featurelab/v2
kind: Entity
name: user
joinKeys: []
---
kind: Gadget
name: x
`,
      'sub/c.yaml': 'apiVersion: featurelab/v1\nkind: Model\nname: [unclosed\n',
      'ignored.txt': 'not a spec',
      '.hidden/d.yaml': 'kind: Gadget\n'
    });
    const { problems, files } = loadSpecFolder(dir);
    expect(files).toEqual(['a.yaml', 'b.yml', 'sub/c.yaml']);
    const brief = problems.map(problem => [
      problem.file,
      problem.line,
      problem.column,
      problem.pointer
    ]);
    expect(brief).toEqual([
      ['a.yaml', 12, 11, '/features/1/type'],
      ['a.yaml', 13, 11, '/features/2/name'],
      ['a.yaml', 15, 5, '/features/2/colour'],
      ['b.yml', 1, 13, '/apiVersion'],
      ['b.yml', 4, 11, '/joinKeys'],
      ['b.yml', 6, 7, '/kind'],
      ['sub/c.yaml', 4, 1, '']
    ]);
    const byPointer = Object.fromEntries(
      problems.map(problem => [`${problem.file}#${problem.pointer}`, problem])
    );
    expect(byPointer['a.yaml#/features/1/type']).toMatchObject({
      message: '"bigintt" is not a Spark type: unknown type "bigintt"',
      hint: expect.stringContaining('decimal(12,2)')
    });
    expect(byPointer['a.yaml#/features/2/name'].message).toMatch(
      /"clicks 7d" is not in the expected form \(letters, digits and underscores/
    );
    expect(byPointer['a.yaml#/features/2/name'].hint).toMatch(/Spark table or column name/);
    expect(byPointer['a.yaml#/features/2/colour']).toMatchObject({
      message: expect.stringMatching(/^unknown property "colour"; allowed here: "name", "type"/),
      hint: expect.stringMatching(/Remove it or fix its spelling/)
    });
    expect(byPointer['b.yml#/apiVersion'].message).toBe('must be "featurelab/v1"');
    expect(byPointer['b.yml#/kind']).toMatchObject({
      document: 1,
      message: expect.stringContaining(
        '"Gadget" is not a supported kind; use one of "Entity", "FeatureGroup", "SampleSet", "Model"'
      )
    });
    expect(byPointer['sub/c.yaml#'].message).toMatch(/^YAML syntax: /);
    // A broken document yields problems, never a spec.
    expect(loadSpecFolder(dir).specs).toEqual([]);
  });

  it('refuses duplicate names with both locations, unknown references with a suggestion, and lineage cycles with their path', () => {
    writeSpecs(dir, {
      'entities.yaml': USER_ENTITY,
      'one.yaml': featureGroup('clicks', { clicks: 'bigint' }),
      'two.yaml': `${featureGroup('Clicks', { clicks: 'bigint' })}---\n${featureGroup('views', { views: 'bigint' }).replace('entity: user', 'entity: usr')}`,
      'cycle.yaml': [
        featureGroup('a', { fa: 'int' }, 'x: 1\n').replace(
          '  query: SELECT 1\nx: 1\n',
          '  query: SELECT 1\n  featureGroups: [b]\n'
        ),
        featureGroup('b', { fb: 'int' }, 'x: 1\n').replace(
          '  query: SELECT 1\nx: 1\n',
          '  query: SELECT 1\n  featureGroups: [c]\n'
        ),
        featureGroup('c', { fc: 'int' }, 'x: 1\n').replace(
          '  query: SELECT 1\nx: 1\n',
          '  query: SELECT 1\n  featureGroups: [a, ghost]\n'
        )
      ].join('---\n'),
      'training.yaml': `${sampleSet('set', 'clicks', ['clicks', 'clciks'])}---\n${sampleSet('other', 'nope')}---\n${model('m', 'sett')}`
    });
    const { problems } = loadSpecFolder(dir);
    const messages = problems.map(
      problem =>
        `${problem.file}:${problem.line}:${problem.column} ${problem.pointer} ${problem.message} | ${problem.hint}`
    );
    expect(messages).toEqual([
      'cycle.yaml:38:19 /source/featureGroups/0 lineage cycle: a -> b -> c -> a | A feature group cannot (indirectly) read itself; remove one of the source.featureGroups references of the cycle.',
      'cycle.yaml:38:22 /source/featureGroups/1 unknown FeatureGroup "ghost" | Define a FeatureGroup named "ghost" in the folder, or fix the reference.',
      'training.yaml:6:25 /features/0/features/1 feature group "clicks" has no feature "clciks" | Did you mean "clicks"?',
      'training.yaml:12:19 /features/0/featureGroup unknown FeatureGroup "nope" | Define a FeatureGroup named "nope" in the folder, or fix the reference.',
      'training.yaml:17:12 /sampleSet unknown SampleSet "sett" | Did you mean "set"?',
      'two.yaml:3:7 /name duplicate FeatureGroup name "Clicks": also defined at one.yaml:3:7 (as "clicks"; feature group names are compared without regard to case) | Rename one of the two FeatureGroup documents or delete one; names are unique per kind in a folder.',
      'two.yaml:18:9 /entity unknown Entity "usr" | Did you mean "user"?'
    ]);
    const cycle = problems.find(problem => problem.message.startsWith('lineage cycle'));
    expect(cycle?.related).toEqual([
      { file: 'cycle.yaml', line: 3, column: 7 },
      { file: 'cycle.yaml', line: 17, column: 7 },
      { file: 'cycle.yaml', line: 31, column: 7 }
    ]);
    expect(problems.find(problem => problem.message.startsWith('duplicate'))?.related).toEqual([
      { file: 'one.yaml', line: 3, column: 7 }
    ]);
  });

  it('checks names inside a document: duplicate features (any case), the event-time column, join keys', () => {
    writeSpecs(dir, {
      'entities.yaml': USER_ENTITY,
      'g.yaml': featureGroup('g', { clicks: 'int', Clicks: 'int', event_time: 'timestamp' }),
      'h.yaml': featureGroup('h', { user_id: 'bigint' })
    });
    const messages = loadSpecFolder(dir).problems.map(
      problem => `${problem.file}:${problem.line} ${problem.message}`
    );
    expect(messages).toEqual([
      'g.yaml:13 duplicate feature "Clicks": "clicks" is defined at g.yaml:11:11',
      'g.yaml:15 feature "event_time" has the name of the event-time column',
      'h.yaml:11 feature "user_id" has the name of join key "user_id" of entity "user"'
    ]);
  });

  it('gives hostile names in free-form fields a pass and Spark names a clear refusal', () => {
    const hostile = `Robert'); DROP TABLE spec_objects;-- \`x\` "q" ünï 🚀 ${'ł'.repeat(180)}`;
    writeSpecs(dir, {
      'entities.yaml': USER_ENTITY,
      'g.yaml': featureGroup('g', { f: 'int' }),
      'm.yaml': `${sampleSet(hostile, 'g')}---\n${model(hostile, hostile)}`,
      'bad.yaml':
        featureGroup("g'; DROP TABLE x", { f: 'int' })
          .replace('name: g', 'name: "g')
          .replace('TABLE x', 'TABLE x"') + `---\n${featureGroup('x'.repeat(129), { f: 'int' })}`
    });
    const { problems, specs } = loadSpecFolder(dir);
    expect(problems.map(problem => [problem.file, problem.pointer, problem.message])).toEqual([
      [
        'bad.yaml',
        '/name',
        expect.stringContaining('is not in the expected form (letters, digits and underscores')
      ],
      ['bad.yaml', '/name', 'must NOT have more than 128 characters']
    ]);
    expect(specs.filter(spec => spec.kind === 'Model').map(spec => spec.name)).toEqual([hostile]);
  });

  it('treats formatting, key order and type spellings as the same spec', () => {
    writeSpecs(dir, {
      'a/e.yaml': USER_ENTITY,
      'a/g.yaml': featureGroup('g', { f: 'bigint', m: 'map<string,array<decimal(12,2)>>' })
    });
    writeSpecs(dir, {
      'b/e.yaml':
        'kind: Entity\njoinKeys: [{type: LONG, name: user_id}]\nname: user\napiVersion: featurelab/v1\n',
      'b/g.yaml': featureGroup('g', { f: 'long', m: 'MAP < STRING, ARRAY<DECIMAL(12, 2)> >' })
    });
    const hashes = (folder: string): string[] =>
      loadSpecFolder(`${dir}/${folder}`).specs.map(spec => spec.hash);
    expect(hashes('b')).toEqual(hashes('a'));
  });
});

describe('Spark types', () => {
  it.each([
    ['BIGINT', 'bigint'],
    ['integer', 'int'],
    ['decimal', 'decimal(10,0)'],
    ['Decimal(12, 2)', 'decimal(12,2)'],
    ['array<struct<a:int,`b c`:string>>', 'array<struct<a:int,`b c`:string>>'],
    ['map<string, array<float>>', 'map<string,array<float>>'],
    ['interval day to second', 'interval day to second'],
    ['varchar(10)', 'varchar(10)']
  ])('%s is %s', (text, canonical) => {
    expect(parseSparkType(text)).toEqual({ ok: true, type: canonical });
  });

  it.each([
    ['bigintt', 'unknown type "bigintt"'],
    ['array<int', 'the type ends where ">" was expected'],
    [
      'decimal(40,2)',
      'decimal(40,2) is out of range: precision 1 to 38, scale at most the precision'
    ],
    ['int int', 'unexpected "int" after the type'],
    ['struct<a int>', 'expected ":" at "int>"']
  ])('%s is refused: %s', (text, message) => {
    expect(parseSparkType(text)).toEqual({ ok: false, message });
  });
});
