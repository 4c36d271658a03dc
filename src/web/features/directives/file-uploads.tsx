import { useId, useState } from 'react';
import { asApiError } from '../../lib/api.ts';
import { errorKeyOf, errorMessages } from '../../lib/error-messages.ts';
import { useLang, useT } from '../../lib/i18n.tsx';
import { Button } from '../../ui/components.tsx';
import { fileSize } from './file-size.ts';
import { issueMessages } from './issue-messages.ts';
import { directiveMessages } from './messages.ts';
import { FILE_MAX_BYTES, FILE_TYPES, type FileRef } from './types.ts';
import { uploadFile } from '../../lib/upload.ts';

const MAX_FILES = 10;

/**
 * The directive's attachments: each file is uploaded as soon as it is picked (the directive then carries only ids),
 * checked first for type and size so a 2G connection is not spent on a file the server would refuse.
 */
export function FileUploads({ files, onChange, online }: { files: FileRef[]; onChange(files: FileRef[]): void; online: boolean }) {
  const t = useT(issueMessages);
  const td = useT(directiveMessages);
  const te = useT(errorMessages);
  const { lang } = useLang();
  const id = useId();
  const [uploading, setUploading] = useState<string>();
  const [problems, setProblems] = useState<string[]>([]);

  async function pick(list: FileList | null) {
    if (!list) return;
    const found: string[] = [];
    let next = files;
    for (const file of [...list]) {
      if (next.length >= MAX_FILES) {
        found.push(t('filesTooMany'));
        break;
      }
      if (!(FILE_TYPES as readonly string[]).includes(file.type)) found.push(t('fileType', { name: file.name }));
      else if (file.size > FILE_MAX_BYTES) found.push(t('fileSize', { name: file.name }));
      else {
        setUploading(file.name);
        try {
          next = [...next, await uploadFile(file, file.name)];
          onChange(next);
        } catch (e) {
          found.push(`${file.name}: ${te(errorKeyOf(asApiError(e).code))}`);
        }
      }
    }
    setUploading(undefined);
    setProblems(found);
  }

  return (
    <div className="file-uploads">
      <label htmlFor={id}>{t('files')}</label>
      <p className="hint" id={`${id}-hint`}>
        {t('filesHint')}
      </p>
      {files.length > 0 && (
        <ul className="chips">
          {files.map((f) => {
            const size = fileSize(f.size, lang);
            return (
              <li key={f.id}>
                <span>
                  {f.name} <span className="sub">{td(size.key, { size: size.size })}</span>
                </span>
                <Button
                  variant="secondary"
                  className="chip-remove"
                  aria-label={t('removeFile', { name: f.name })}
                  onClick={() => onChange(files.filter((x) => x.id !== f.id))}
                >
                  ×
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <input
        id={id}
        type="file"
        multiple
        accept={FILE_TYPES.join(',')}
        aria-describedby={`${id}-hint`}
        disabled={!online || uploading !== undefined || files.length >= MAX_FILES}
        onChange={(e) => {
          void pick(e.target.files);
          e.target.value = '';
        }}
      />
      {uploading && (
        <p className="hint" role="status">
          {t('uploading', { name: uploading })}
        </p>
      )}
      {problems.map((p) => (
        <p key={p} className="field-error" role="alert">
          {p}
        </p>
      ))}
    </div>
  );
}
