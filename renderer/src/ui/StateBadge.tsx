import type { ConversationState } from '../../../shared/api/schemas';
import { useI18n } from '../i18n/i18n';

export function StateBadge({ state }: { state: ConversationState }) {
  const { t } = useI18n();
  return <span className={`badge badge-${state}`}>{t(`state.${state}`)}</span>;
}
