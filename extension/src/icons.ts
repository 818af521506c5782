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

const DATABASE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161" fill-rule="evenodd">
    <path d="M12 3c4.4 0 8 1.3 8 3v12c0 1.7-3.6 3-8 3s-8-1.3-8-3V6c0-1.7 3.6-3 8-3zm0 2c-3.5 0-5.7.9-6 1.5.3.6 2.5 1.5 6 1.5s5.7-.9 6-1.5c-.3-.6-2.5-1.5-6-1.5zM6 9v2.9c.3.6 2.5 1.6 6 1.6s5.7-1 6-1.6V9c-1.5.6-3.6 1-6 1s-4.5-.4-6-1zm0 5.5v3.4c.3.6 2.5 1.6 6 1.6s5.7-1 6-1.6v-3.4c-1.5.6-3.6 1-6 1s-4.5-.4-6-1z"/>
  </g>
</svg>`;

/**
 * A database (a Spark catalog namespace).
 */
export const databaseIcon = new LabIcon({
  name: 'jupyterlab-featurelab:database',
  svgstr: DATABASE_SVG
});

const TABLE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161" fill-rule="evenodd">
    <path d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1 6v4h6V9zm8 0v4h6V9zm-8 6v4h6v-4zm8 0v4h6v-4z"/>
  </g>
</svg>`;

/**
 * A Spark table.
 */
export const tableIcon = new LabIcon({
  name: 'jupyterlab-featurelab:table',
  svgstr: TABLE_SVG
});

const VIEW_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161" fill-rule="evenodd">
    <path d="M4 3h16a1 1 0 0 1 1 1v16a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1zm1 6v10h14V9z"/>
    <path d="M7 11h4v2H7zm6 0h4v2h-4zm-6 4h4v2H7zm6 0h4v2h-4z" opacity=".6"/>
  </g>
</svg>`;

/**
 * A Spark view (temporary or persistent).
 */
export const viewIcon = new LabIcon({
  name: 'jupyterlab-featurelab:view',
  svgstr: VIEW_SVG
});
