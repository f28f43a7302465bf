import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDateTime, useFileSize } from '../../../lib/useFormat.ts';
import { useCaseUpload, type Attachment } from '../api/cases.ts';
import { FileDropZone } from './FileDropZone.tsx';
import { UploadList, useUploads } from './UploadList.tsx';


/** Types the server makes previews of (thumbnails.ts). */
const PREVIEWED = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/** "Attachments": the case's files as downloads, and (while the case is open) a place to add more. */
export function CaseAttachments({ number, attachments, canAdd }: { number: string; attachments: Attachment[]; canAdd: boolean }) {
  const { t } = useTranslation();
  const when = useDateTime();
  const fileSize = useFileSize();
  const upload = useCaseUpload(number);
  const files = useUploads((file, options) => upload.mutateAsync({ file, options }), true);

  return (
    <Stack gap="sm">
      {attachments.length === 0 ? (
        <Text c="dimmed">{t('attachments.none')}</Text>
      ) : (
        <ul className="attachment-list">
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              {PREVIEWED.has(attachment.contentType) && (
                // The server's re-encoded preview, never the uploaded bytes; a file it cannot read shows none.
                <img
                  src={`/api/attachments/${attachment.id}/thumbnail`}
                  alt={t('attachments.preview', { name: attachment.name })}
                  loading="lazy"
                  className="attachment-preview"
                  onError={(event) => event.currentTarget.remove()}
                />
              )}
              <Anchor href={`/api/attachments/${attachment.id}`} download={attachment.name} fw={500} className="pre-wrap">
                {attachment.name}
              </Anchor>
              <Text size="sm" c="dimmed">
                {t('attachments.meta', { size: fileSize(attachment.size), name: attachment.uploadedBy, date: when(attachment.createdAt) })}
              </Text>
            </li>
          ))}
        </ul>
      )}
      {canAdd && (
        <FileDropZone legend={t('attachments.add')} onFiles={files.add}>
          <UploadList uploads={files.uploads} onRemove={files.remove} />
        </FileDropZone>
      )}
    </Stack>
  );
}
