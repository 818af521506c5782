import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Write spec files (relative path -> YAML text) under `dir`. */
export function writeSpecs(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
}

export const USER_ENTITY = `apiVersion: featurelab/v1
kind: Entity
name: user
joinKeys:
  - name: user_id
    type: bigint
`;

/** A feature group of entity "user" with the given features (name: type). */
export function featureGroup(
  name: string,
  features: Readonly<Record<string, string>>,
  extra = ''
): string {
  const list = Object.entries(features)
    .map(([feature, type]) => `  - name: ${feature}\n    type: ${JSON.stringify(type)}\n`)
    .join('');
  return `apiVersion: featurelab/v1
kind: FeatureGroup
name: ${name}
owner: team
entity: user
eventTimeColumn: event_time
source:
  type: sql
  query: SELECT 1
${extra}features:
${list}`;
}

export function sampleSet(name: string, group: string, features?: readonly string[]): string {
  return `apiVersion: featurelab/v1
kind: SampleSet
name: ${JSON.stringify(name)}
features:
  - featureGroup: ${group}
${features ? `    features: ${JSON.stringify(features)}\n` : ''}`;
}

export function model(name: string, set: string): string {
  return `apiVersion: featurelab/v1
kind: Model
name: ${JSON.stringify(name)}
sampleSet: ${JSON.stringify(set)}
`;
}

/**
 * The folder most scenarios start from: entity `user`, feature groups `clicks` (clicks_7d,
 * ctr_7d) and `views` (views_7d), sample set `ctr` using clicks.ctr_7d, and model `ranker`.
 */
export function writeBaselineSpecs(dir: string): void {
  writeSpecs(dir, {
    'entity.yaml': USER_ENTITY,
    'groups.yaml': `${featureGroup('clicks', { clicks_7d: 'bigint', ctr_7d: 'double' })}---\n${featureGroup('views', { views_7d: 'bigint' })}`,
    'training.yaml': `${sampleSet('ctr', 'clicks', ['ctr_7d'])}---\n${model('ranker', 'ctr')}`
  });
}

/**
 * A spec folder whose entity, sample set, model and author share one hostile name: SQL and
 * placeholder syntax, quotes, backticks, unicode, at the 256-character limit. The feature
 * group carries it in its description (with a script tag) and the prefix as a tag.
 */
export function writeHostileSpecs(dir: string): { prefix: string; hostile: string } {
  const prefix = `x'); DROP TABLE spec_objects;-- \`tick\` "quote" $1 ::text ünïcødé 🚀 \\`;
  const hostile = `${prefix} ${'長'.repeat(256 - prefix.length - 1)}`;
  writeSpecs(dir, {
    'entity.yaml': USER_ENTITY.replace('name: user', `name: ${JSON.stringify(hostile)}`),
    'g.yaml': featureGroup(
      'g',
      { f: 'int' },
      `description: ${JSON.stringify(`${hostile}\n<script>alert(1)</script>`)}\ntags: [${JSON.stringify(prefix)}]\n`
    ).replace('entity: user', `entity: ${JSON.stringify(hostile)}`),
    'training.yaml': `${sampleSet(hostile, 'g')}---\n${model(hostile, hostile)}`
  });
  return { prefix, hostile };
}
