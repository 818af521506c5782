/**
 * Read-only source code with JupyterLab's editor (CodeMirror), so highlighting follows the
 * theme.
 */
import { CodeEditor, type IEditorServices } from '@jupyterlab/codeeditor';
import * as React from 'react';

export function SourceView(props: {
  source: string;
  mimeType: string;
  editorServices: IEditorServices;
  label: string;
}): React.ReactElement {
  const host = React.useRef<HTMLDivElement>(null);
  const { source, mimeType, editorServices } = props;
  React.useEffect(() => {
    const node = host.current;
    if (!node) {
      return;
    }
    const model = new CodeEditor.Model({ mimeType });
    model.sharedModel.setSource(source);
    const editor = editorServices.factoryService.newInlineEditor({
      host: node,
      model,
      config: { readOnly: true, lineNumbers: true, lineWrap: false }
    });
    return () => {
      editor.dispose();
      model.dispose();
      node.replaceChildren();
    };
  }, [source, mimeType, editorServices]);
  return (
    <div
      ref={host}
      className="fl-Source"
      data-featurelab-source={mimeType}
      role="region"
      aria-label={props.label}
    />
  );
}
