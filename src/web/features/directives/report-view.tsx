import { useT } from '../../lib/i18n.tsx';
import { directiveMessages } from './messages.ts';
import type { Report } from './types.ts';

/** A unit's report as the server keeps it: the text, the link, the photo. */
export function ReportView({ report, unitName }: { report: Report; unitName: string }) {
  const t = useT(directiveMessages);
  return (
    <div className="report">
      <p className="sub">{t('report')}</p>
      {report.text && <p className="report-text">{report.text}</p>}
      {report.link && (
        <p>
          <a href={report.link} target="_blank" rel="noopener noreferrer">
            {report.link}
          </a>
        </p>
      )}
      {report.photo && (
        <a href={`/api/files/${report.photo.id}`} target="_blank" rel="noopener">
          <img className="report-photo" src={`/api/files/${report.photo.id}`} alt={t('reportPhotoAlt', { unit: unitName })} loading="lazy" />
        </a>
      )}
    </div>
  );
}
