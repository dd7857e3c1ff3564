import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, call } from '../../api/desktop';
import { keys } from '../../api/keys';

/** Typing is saved this long after the last key (and at once when the conversation changes or the chat goes). */
export const SAVE_AFTER_MS = 400;

/**
 * The composer's text for one conversation, kept by the desktop core (issue 19): it is there
 * again after switching to another conversation and back, and after a restart. `clear` (sent)
 * forgets it at once.
 */
export function useDraft(conversationId: string | null) {
  const client = useQueryClient();
  const saved = useQuery({
    queryKey: keys.draft(conversationId ?? ''),
    queryFn: async () => (await call(api().drafts.get({ conversationId: conversationId! }))).text,
    enabled: conversationId !== null,
    staleTime: Infinity,
  });
  const [typed, setTyped] = useState<{ id: string; text: string } | null>(null);
  const pending = useRef<{ id: string; text: string } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const save = useCallback(() => {
    clearTimeout(timer.current);
    const draft = pending.current;
    pending.current = null;
    if (draft) void api().drafts.set({ conversationId: draft.id, text: draft.text });
  }, []);
  // Another conversation, or the chat closed: what was typed is saved now, not lost with the timer.
  useEffect(() => save, [conversationId, save]);

  const keep = useCallback(
    (id: string, text: string, now: boolean) => {
      setTyped((old) => (old === null || old.id === id || id === conversationId ? { id, text } : old));
      client.setQueryData(keys.draft(id), text);
      if (pending.current && pending.current.id !== id) save();
      pending.current = { id, text };
      clearTimeout(timer.current);
      if (now) save();
      else timer.current = setTimeout(save, SAVE_AFTER_MS);
    },
    [client, conversationId, save],
  );
  const setText = useCallback((text: string) => conversationId && keep(conversationId, text, false), [conversationId, keep]);
  /** Sent: forgotten at once (by the conversation it was sent to, even if another is on screen by now). */
  const clear = useCallback((id: string) => keep(id, '', true), [keep]);
  const text = typed && typed.id === conversationId ? typed.text : (saved.data ?? '');
  return { text, setText, clear };
}
