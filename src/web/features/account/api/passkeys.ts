import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/browser';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';
import { createPasskey } from '../../../lib/passkeys.ts';

export type Passkey = { id: number; name: string; createdAt: number; lastUsedAt: number | null };

const PASSKEYS_KEY = ['me', 'passkeys'] as const;

export function usePasskeys() {
  return useQuery({ queryKey: PASSKEYS_KEY, queryFn: ({ signal }) => api.get<{ items: Passkey[] }>('/api/me/passkeys', signal) });
}

function usePasskeyChange<Variables, Result>(change: (variables: Variables) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => queryClient.invalidateQueries({ queryKey: PASSKEYS_KEY }) });
}

/** The server's options, the browser's prompt to make the passkey, then the new credential under its name. */
export const useAddPasskey = () =>
  usePasskeyChange(async (name: string) => {
    const options = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/me/passkeys/options');
    return api.post<Passkey>('/api/me/passkeys', { name, credential: await createPasskey(options) });
  });

export const useRenamePasskey = () => usePasskeyChange(({ id, name }: { id: number; name: string }) => api.patch<Passkey>(`/api/me/passkeys/${id}`, { name }));

export const useRemovePasskey = () => usePasskeyChange((id: number) => api.delete<{ id: number }>(`/api/me/passkeys/${id}`));
