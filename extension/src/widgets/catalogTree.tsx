/**
 * The Spark tables of the active notebook as an ARIA tree:
 * database > table > column (> nested struct fields).
 */
import {
  type ISparkStructField,
  type ISparkTable,
  type SparkDataType,
  qualifiedTableName,
  renderSparkType
} from '@featurelab/kernel-bridge';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretDownIcon, caretRightIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { databaseIcon, tableIcon, viewIcon } from '../icons.js';

/**
 * Props of the tree.
 */
export interface ICatalogTreeProps {
  tables: readonly ISparkTable[];
  /** Case-insensitive filter on table and column names; empty shows all. */
  filter: string;
  trans: TranslationBundle;
}

interface IDatabaseGroup {
  database: string;
  tables: ISparkTable[];
}

/**
 * Group tables by database, databases and tables sorted by name; temporary
 * views (no database) come last.
 */
export function groupByDatabase(tables: readonly ISparkTable[]): IDatabaseGroup[] {
  const groups = new Map<string, ISparkTable[]>();
  for (const table of tables) {
    const list = groups.get(table.database) ?? [];
    list.push(table);
    groups.set(table.database, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)))
    .map(([database, list]) => ({
      database,
      tables: list.sort((a, b) => a.name.localeCompare(b.name))
    }));
}

/**
 * Whether a table matches the filter by its name or one of its columns.
 */
export function matchesFilter(table: ISparkTable, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  if (!needle) {
    return true;
  }
  return (
    qualifiedTableName(table).toLowerCase().includes(needle) ||
    (table.schema?.fields ?? []).some(field => field.name.toLowerCase().includes(needle))
  );
}

/**
 * The struct fields a column can be expanded into, if any: a struct's own
 * fields, or those of the struct inside an array or a map's values.
 */
function nestedFields(type: SparkDataType): readonly ISparkStructField[] {
  switch (type.kind) {
    case 'struct':
      return type.fields;
    case 'array':
      return nestedFields(type.elementType);
    case 'map':
      return nestedFields(type.valueType);
    default:
      return [];
  }
}

/**
 * The tree. Keyboard: Up/Down move, Right expands or enters, Left collapses
 * or goes to the parent, Home/End jump, Enter/Space toggle. One item is in
 * the tab order at a time (roving tabindex).
 */
export function CatalogTree(props: ICatalogTreeProps): React.ReactElement {
  const { trans } = props;
  const [collapsed, setCollapsed] = React.useState<ReadonlySet<string>>(new Set());
  const [expanded, setExpanded] = React.useState<ReadonlySet<string>>(new Set());
  const [activeKey, setActiveKey] = React.useState<string | null>(null);
  const treeRef = React.useRef<HTMLUListElement>(null);

  const filtering = props.filter.trim() !== '';
  const groups = groupByDatabase(props.tables.filter(t => matchesFilter(t, props.filter)));

  // Databases start open, tables and columns closed.
  const isOpen = (key: string): boolean =>
    key.startsWith('db:') ? filtering || !collapsed.has(key) : expanded.has(key);

  const toggle = (key: string, open?: boolean) => {
    const next = open ?? !isOpen(key);
    if (key.startsWith('db:')) {
      setCollapsed(old => withFlag(old, key, !next));
    } else {
      setExpanded(old => withFlag(old, key, next));
    }
  };

  const firstKey = groups.length ? `db:${groups[0].database}` : null;
  const tabKey = activeKey ?? firstKey;

  // When the active item goes away (filtered out, parent collapsed), the
  // first item takes the tab stop again, so the tree stays reachable.
  React.useLayoutEffect(() => {
    const tree = treeRef.current;
    if (
      activeKey !== null &&
      tree &&
      !tree.querySelector(`[data-key="${CSS.escape(activeKey)}"]`)
    ) {
      setActiveKey(null);
    }
  });

  const onKeyDown = (event: React.KeyboardEvent<HTMLUListElement>) => {
    const tree = treeRef.current;
    const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!tree || !current || !tree.contains(current)) {
      return;
    }
    const items = Array.from(tree.querySelectorAll<HTMLElement>('[role="treeitem"]'));
    const index = items.indexOf(current);
    const key = current.dataset.key ?? '';
    const expandable = current.getAttribute('aria-expanded') !== null;
    const open = current.getAttribute('aria-expanded') === 'true';
    let target: HTMLElement | null | undefined;
    switch (event.key) {
      case 'ArrowDown':
        target = items[index + 1];
        break;
      case 'ArrowUp':
        target = items[index - 1];
        break;
      case 'Home':
        target = items[0];
        break;
      case 'End':
        target = items[items.length - 1];
        break;
      case 'ArrowRight':
        if (expandable && !open) {
          toggle(key, true);
        } else if (open) {
          target = items[index + 1];
        }
        break;
      case 'ArrowLeft':
        if (open) {
          toggle(key, false);
        } else {
          target = current.parentElement?.closest<HTMLElement>('[role="treeitem"]');
        }
        break;
      case 'Enter':
      case ' ':
        if (expandable) {
          toggle(key);
        }
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
    if (target) {
      setActiveKey(target.dataset.key ?? null);
      target.focus();
    }
  };

  const itemProps = (key: string, level: number, expandable: boolean) => ({
    role: 'treeitem',
    'data-key': key,
    'aria-level': level,
    'aria-expanded': expandable ? isOpen(key) : undefined,
    tabIndex: key === tabKey ? 0 : -1,
    onFocus: (event: React.FocusEvent<HTMLElement>) => {
      // Focus events bubble in React: only the innermost item counts.
      if (event.currentTarget === event.target) {
        setActiveKey(key);
      }
    }
  });

  const caret = (key: string, expandable: boolean) => {
    if (!expandable) {
      return <span className="fl-TreeCaret" aria-hidden="true" />;
    }
    const Icon = isOpen(key) ? caretDownIcon : caretRightIcon;
    return <Icon.react tag="span" className="fl-TreeCaret" aria-hidden="true" />;
  };

  const renderFields = (
    fields: readonly ISparkStructField[],
    parentKey: string,
    path: string,
    level: number
  ): React.ReactElement => (
    <ul role="group" className="fl-TreeGroup">
      {fields.map(field => {
        const fieldPath = path ? `${path}.${field.name}` : field.name;
        const key = `${parentKey}/${field.name}`;
        const children = nestedFields(field.type);
        const expandable = children.length > 0;
        const typeText = renderSparkType(field.type);
        const nullText = field.nullable ? trans.__('nullable') : trans.__('not null');
        const tooltip = [trans.__('%1: %2, %3', field.name, typeText, nullText), field.comment]
          .filter(Boolean)
          .join('\n');
        return (
          <li
            key={key}
            {...itemProps(key, level, expandable)}
            className="fl-TreeItem fl-Column"
            data-featurelab-column={fieldPath}
            aria-label={trans.__('Column %1, type %2, %3', field.name, typeText, nullText)}
          >
            <div
              className="fl-TreeRow"
              style={indent(level)}
              title={tooltip}
              onClick={() => expandable && toggle(key)}
            >
              {caret(key, expandable)}
              <span className="fl-TreeLabel fl-column-name">{field.name}</span>
              <span className="fl-column-type">{typeText}</span>
              {!field.nullable && (
                <span className="fl-column-nullable fl-mod-notNull">{trans.__('not null')}</span>
              )}
            </div>
            {expandable && isOpen(key) && renderFields(children, key, fieldPath, level + 1)}
          </li>
        );
      })}
    </ul>
  );

  const renderTable = (table: ISparkTable): React.ReactElement => {
    const name = qualifiedTableName(table);
    const key = `table:${name}`;
    const fields = table.schema?.fields ?? [];
    const expandable = fields.length > 0 || table.error !== null;
    const kind = table.isTemporary ? trans.__('temporary view') : table.tableType.toLowerCase();
    const isView = table.isTemporary || table.tableType.toUpperCase() === 'VIEW';
    const Icon = isView ? viewIcon : tableIcon;
    return (
      <li
        key={key}
        {...itemProps(key, 2, expandable)}
        className="fl-TreeItem fl-Table"
        data-featurelab-table={name}
        aria-label={trans.__('Table %1, %2, %3 columns', name, kind, fields.length)}
      >
        <div
          className="fl-TreeRow"
          style={indent(2)}
          title={kind ? trans.__('%1 (%2)', name, kind) : name}
          onClick={() => expandable && toggle(key)}
        >
          {caret(key, expandable)}
          <Icon.react tag="span" className="fl-TreeIcon" aria-hidden="true" />
          <span className="fl-TreeLabel fl-table-name">{table.name}</span>
          {table.error !== null && (
            <span className="fl-table-warning" title={table.error}>
              <span className="fl-StateDot fl-mod-warning" aria-hidden="true" />
              {trans.__('no schema')}
            </span>
          )}
          {/* Temporary views are grouped as such: their kind would only repeat it. */}
          {kind && !table.isTemporary && (
            <span className="fl-TreeDetail fl-table-kind">{kind}</span>
          )}
        </div>
        {expandable && isOpen(key) && (
          <>
            {table.error !== null && (
              <div className="fl-table-error" role="note" style={indent(3)}>
                {table.error}
              </div>
            )}
            {fields.length > 0 && renderFields(fields, key, '', 3)}
          </>
        )}
      </li>
    );
  };

  return (
    <ul
      ref={treeRef}
      role="tree"
      className="fl-Tree"
      aria-label={trans.__('Spark tables')}
      onKeyDown={onKeyDown}
    >
      {groups.map(group => {
        const key = `db:${group.database}`;
        const label = group.database || trans.__('Temporary views');
        return (
          <li
            key={key}
            {...itemProps(key, 1, true)}
            className="fl-TreeItem fl-Database"
            data-featurelab-database={group.database}
            aria-label={trans.__('Database %1, %2 tables', label, group.tables.length)}
          >
            <div className="fl-TreeRow" style={indent(1)} title={label} onClick={() => toggle(key)}>
              {caret(key, true)}
              <databaseIcon.react tag="span" className="fl-TreeIcon" aria-hidden="true" />
              <span className="fl-TreeLabel fl-database-name">{label}</span>
              <span className="fl-TreeDetail fl-Count">{group.tables.length}</span>
            </div>
            {isOpen(key) && (
              <ul role="group" className="fl-TreeGroup">
                {group.tables.map(renderTable)}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/**
 * Row indentation for a tree level: each level moves the caret under the
 * parent's icon (caret and icon are 16px wide, 4px apart).
 */
function indent(level: number): React.CSSProperties {
  return { paddingLeft: `${4 + (level - 1) * 20}px` };
}

function withFlag(set: ReadonlySet<string>, key: string, on: boolean): ReadonlySet<string> {
  const next = new Set(set);
  if (on) {
    next.add(key);
  } else {
    next.delete(key);
  }
  return next;
}
