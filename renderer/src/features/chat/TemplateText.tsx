import { useQuery } from '@tanstack/react-query';
import type { Message } from '../../../../shared/api/schemas';
import { templateMessageParts } from '../../../../shared/domain/template-message';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';

/** A sent template as the customer sees it: its text, then its footer and its buttons, each looking like what it is (issue 19). */
export function TemplateText({ message }: { message: Message & { template: NonNullable<Message['template']> } }) {
  const templates = useQuery({ queryKey: keys.templates(false), queryFn: () => call(api().templates.list({ includeUnsendable: false })), staleTime: 5 * 60_000 });
  const template = templates.data?.items.find((t) => t.name === message.template.name && t.language === message.template.language);
  const parts = templateMessageParts(message.text ?? '', template);
  return (
    <>
      <p className="text">{parts.main}</p>
      {parts.footer && (
        <p className="template-footer" data-testid="template-footer">
          {parts.footer}
        </p>
      )}
      {parts.buttons.length > 0 && (
        <div className="template-buttons" data-testid="template-buttons">
          {parts.buttons.map((label, i) => (
            <span key={i}>{label}</span>
          ))}
        </div>
      )}
    </>
  );
}
