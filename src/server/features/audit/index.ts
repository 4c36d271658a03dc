/** Audit: the append-only, keyed hash chain recording every write, denial and login, anchored outside the database. */
export { auditKeyOf, recordAudit, recordAuditNow, useAuditKey, type AuditEntry } from './audit.ts';
export { verifyAudit, type AuditVerdict, type VerifyOptions } from './verify.ts';
export { auditHead, readAnchors, startAnchoring, type AnchorWriter, type AuditAnchor } from './anchors.ts';
