import type { Template } from '../../../../shared/api/templates';
import { renderSegments } from '../../../../shared/domain/template-params';

/** The message as the customer will read it, filled-in values marked, empty ones shown as placeholders. */
export function TemplatePreview({ template, values }: { template: Template; values: Record<string, string> }) {
  const line = (text: string, keyOf?: (name: string) => string) =>
    renderSegments(text, values, keyOf).map((s, i) =>
      s.key ? (
        <mark key={i} className={s.filled ? 'filled' : 'missing'}>
          {s.text}
        </mark>
      ) : (
        <span key={i}>{s.text}</span>
      ),
    );
  return (
    <div className="preview-bubble">
      {template.components.map((c, i) => {
        if (c.type === 'HEADER' && c.text) return <p key={i} className="preview-header">{line(c.text, (n) => `header.${n}`)}</p>;
        if (c.type === 'BODY') return <p key={i} className="preview-body">{line(c.text)}</p>;
        if (c.type === 'FOOTER') return <p key={i} className="preview-footer">{c.text}</p>;
        if (c.type === 'BUTTONS') {
          return (
            <div key={i} className="preview-buttons">
              {c.buttons.map((b, j) => (
                <span key={j}>{b.text}</span>
              ))}
            </div>
          );
        }
        return null;
      })}
    </div>
  );
}
