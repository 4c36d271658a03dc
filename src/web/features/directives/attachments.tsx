import { useLang, useT } from '../../lib/i18n.tsx';
import { fileSize } from './file-size.ts';
import { directiveMessages } from './messages.ts';
import type { FileRef } from './types.ts';

/**
 * A directive's files, each opened from /api/files/{id} in a new tab. Photos show as small pictures (an <img> is kept
 * by the service worker once seen, so it shows offline too); a PDF is a link with its size, so a worker on 2G knows
 * what tapping costs.
 */
export function Attachments({ files }: { files: readonly FileRef[] }) {
  const t = useT(directiveMessages);
  const { lang } = useLang();
  if (files.length === 0) return null;
  return (
    <section aria-labelledby="directive-files">
      <h2 id="directive-files">{t('files')}</h2>
      <ul className="files">
        {files.map((f) => {
          const size = fileSize(f.size, lang);
          const href = `/api/files/${f.id}`;
          return (
            <li key={f.id}>
              <a href={href} target="_blank" rel="noopener" aria-label={t('openFile', { name: f.name })}>
                {f.mime.startsWith('image/') ? (
                  <img src={href} alt="" loading="lazy" width={96} height={96} />
                ) : (
                  <span className="file-icon" aria-hidden="true">
                    PDF
                  </span>
                )}
                <span className="file-name">{f.name}</span>
                <span className="sub">{t(size.key, { size: size.size })}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
