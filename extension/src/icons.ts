/**
 * Featurelab's icons. Paths use JupyterLab's `jp-icon*` classes so the theme
 * colours them, in light and dark themes alike.
 */
import { LabIcon } from '@jupyterlab/ui-components';

const FEATURELAB_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 3h16a1 1 0 0 1 1 1v3H3V4a1 1 0 0 1 1-1zm-1 6h8v5H3zm10 0h8v5h-8zM3 16h8v5H4a1 1 0 0 1-1-1zm10 0h8v4a1 1 0 0 1-1 1h-7z"/>
  </g>
</svg>`;

/**
 * The Featurelab icon (a table of feature cells).
 */
export const featurelabIcon = new LabIcon({
  name: 'jupyterlab-featurelab:featurelab',
  svgstr: FEATURELAB_SVG
});
