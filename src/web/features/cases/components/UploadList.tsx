import { Button, Group, Progress, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../../lib/errors.tsx';
import { useFileSize } from '../../../lib/useFormat.ts';
import type { UploadOptions } from '../../../lib/api.ts';
import type { StagedAttachment } from '../api/cases.ts';

export type Upload = {
  key: string;
  name: string;
  size: number;
  status: 'uploading' | 'done' | 'failed';
  /** How much of the file has gone, 0 to 1. */
  progress: number;
  attachment?: StagedAttachment;
  error?: unknown;
};

let nextKey = 0;

const cancels = new Map<string, () => void>();

/**
 * Files being uploaded, one request each, started as soon as they are picked, each with its
 * progress and a way to cancel it. `forgetDone` drops a file from the list once it is stored (the
 * case page lists it with the case's attachments).
 */
export function useUploads(upload: (file: File, options: UploadOptions) => Promise<StagedAttachment>, forgetDone = false) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const update = (key: string, change: Partial<Upload> | null) =>
    setUploads((list) => (change === null ? list.filter((item) => item.key !== key) : list.map((item) => (item.key === key ? { ...item, ...change } : item))));

  const add = (files: File[]) => {
    for (const file of files) {
      const key = `upload-${(nextKey += 1)}`;
      const controller = new AbortController();
      cancels.set(key, () => controller.abort());
      setUploads((list) => [...list, { key, name: file.name, size: file.size, status: 'uploading', progress: 0 }]);
      upload(file, { signal: controller.signal, onProgress: (progress) => update(key, { progress }) })
        .then(
          (attachment) => update(key, forgetDone ? null : { status: 'done', attachment }),
          // A cancelled upload leaves the list; any other failure stays, with its reason.
          (error: unknown) => update(key, error instanceof DOMException && error.name === 'AbortError' ? null : { status: 'failed', error }),
        )
        .finally(() => cancels.delete(key));
    }
  };
  const remove = useCallback((key: string) => {
    cancels.get(key)?.();
    setUploads((list) => list.filter((item) => item.key !== key));
  }, []);
  const clear = useCallback(() => setUploads([]), []);
  return { uploads, add, remove, clear, busy: uploads.some((item) => item.status === 'uploading') };
}

/** The picked files with their size and state; each can be removed (a failed one dismissed). */
export function UploadList({ uploads, onRemove }: { uploads: Upload[]; onRemove: (key: string) => void }) {
  const { t } = useTranslation();
  const fileSize = useFileSize();
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-list" aria-label={t('attachments.picked')}>
      {uploads.map((item) => (
        <li key={item.key}>
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <div style={{ minWidth: 0 }}>
              <Text fw={500} className="pre-wrap">
                {item.name}
              </Text>
              <Text size="sm" c="dimmed">
                {fileSize(item.size)}
                {item.status === 'done' && ` · ${t('attachments.uploaded')}`}
              </Text>
              {item.status === 'failed' && (
                <Text size="sm" c="red.9" role="alert">
                  <ErrorText error={item.error} />
                </Text>
              )}
            </div>
            {item.status === 'uploading' ? (
              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                <Progress value={Math.round(item.progress * 100)} w={80} aria-label={t('attachments.progress', { name: item.name })} />
                <Button variant="default" size="xs" onClick={() => onRemove(item.key)} aria-label={t('attachments.cancelNamed', { name: item.name })}>
                  {t('attachments.cancel')}
                </Button>
              </Group>
            ) : (
              <Button variant="default" size="xs" style={{ flexShrink: 0 }} onClick={() => onRemove(item.key)} aria-label={item.status === 'failed' ? t('attachments.dismissNamed', { name: item.name }) : t('attachments.removeNamed', { name: item.name })}>
                {item.status === 'failed' ? t('attachments.dismiss') : t('attachments.remove')}
              </Button>
            )}
          </Group>
        </li>
      ))}
    </ul>
  );
}
