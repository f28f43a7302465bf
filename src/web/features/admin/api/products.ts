import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api.ts';

export type AdminProduct = { id: number; name: string; active: boolean };

const KEY = ['admin-products'] as const;

/** Every product, retired ones too, by name. */
export function useAdminProducts() {
  return useQuery({ queryKey: KEY, queryFn: ({ signal }) => api.get<{ items: AdminProduct[] }>('/api/admin/products', signal) });
}

export function useAddProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => api.post<AdminProduct>('/api/admin/products', { name }),
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: KEY }), queryClient.invalidateQueries({ queryKey: ['products'] })]),
  });
}

/** Rename, retire (it leaves Create Case) or reinstate. */
export function useUpdateProduct() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...change }: { id: number; name?: string; active?: boolean }) => api.patch<AdminProduct>(`/api/admin/products/${id}`, change),
    onSettled: () => Promise.all([queryClient.invalidateQueries({ queryKey: KEY }), queryClient.invalidateQueries({ queryKey: ['products'] })]),
  });
}
