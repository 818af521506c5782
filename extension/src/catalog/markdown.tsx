/**
 * Markdown from the registry (descriptions anyone can write), rendered by JupyterLab's
 * markdown renderer as UNTRUSTED content, so its sanitizer removes scripts, event handlers
 * and javascript: links.
 */
import { type IRenderMimeRegistry, MimeModel } from '@jupyterlab/rendermime';
import * as React from 'react';

export function SanitizedMarkdown(props: {
  source: string;
  rendermime: IRenderMimeRegistry;
  className?: string;
}): React.ReactElement {
  const host = React.useRef<HTMLDivElement>(null);
  const { source, rendermime } = props;
  React.useEffect(() => {
    const node = host.current;
    if (!node) {
      return;
    }
    const renderer = rendermime.createRenderer('text/markdown');
    let disposed = false;
    void renderer
      .renderModel(new MimeModel({ data: { 'text/markdown': source }, trusted: false }))
      .then(() => {
        if (!disposed) {
          node.replaceChildren(renderer.node);
        }
      });
    return () => {
      disposed = true;
      renderer.dispose();
    };
  }, [source, rendermime]);
  return (
    <div
      ref={host}
      className={`fl-Markdown${props.className ? ` ${props.className}` : ''}`}
      data-featurelab-markdown=""
    />
  );
}
