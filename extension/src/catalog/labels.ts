/**
 * Words for catalog kinds and quality states, through the translator.
 */
import type { TranslationBundle } from '@jupyterlab/translation';

export function kindLabel(kind: string, trans: TranslationBundle): string {
  switch (kind) {
    case 'Entity':
      return trans.__('Entity');
    case 'FeatureGroup':
      return trans.__('Feature group');
    case 'Feature':
      return trans.__('Feature');
    case 'SampleSet':
      return trans.__('Sample set');
    case 'Model':
      return trans.__('Model');
    case 'table':
      return trans.__('Table');
    default:
      return kind;
  }
}

export function qualityLabel(quality: string, trans: TranslationBundle): string {
  switch (quality) {
    case 'passing':
      return trans.__('Passing');
    case 'warning':
      return trans.__('Warning');
    case 'failing':
      return trans.__('Failing');
    default:
      return trans.__('Not validated');
  }
}
