/** English strings of the Storage tab (issue 19 item 8): the reference; zh-CN.ts has exactly these keys. */
export const en = {
  'admin.retention.title': 'Storage and retention',
  'admin.retention.intro':
    'Expired messages and old messages can be deleted for everyone to free storage. What stays is a stub for the ' +
    'audit trail: who sent it, when, and to whom — never the subject, text or files. The purge runs in the ' +
    'background every hour. Every change is recorded in the audit log.',
  'admin.retention.readOnly': 'Only organisation administrators can change the retention policy.',
  'admin.retention.expiredGroup': 'Expired messages',
  'admin.retention.ageGroup': 'Old messages',
  'admin.retention.expiredOn': 'Delete the content of expired messages',
  'admin.retention.grace': 'Days after expiry',
  'admin.retention.graceHint': 'Recipients and the sender keep the expired message this long before it goes.',
  'admin.retention.graceEffect': 'Content goes {days} after a message expires.',
  'admin.retention.graceNow': 'Content goes as soon as a message expires.',
  'admin.retention.ageOn': 'Delete messages older than a limit',
  'admin.retention.age': 'Age limit in days',
  'admin.retention.ageHint': 'Counted from when the message was written. At least 1 day.',
  'admin.retention.ageEffect': 'Messages older than {days} are deleted.',
  'admin.retention.spareArchived': 'Keep messages any recipient archived',
  'admin.retention.spareTagged': 'Keep messages any recipient tagged',
  'admin.retention.spareHint':
    'A message has one content for all its recipients: one person archiving or tagging it keeps it for everyone.',
  'admin.retention.off': 'Off: kept for ever.',
  'admin.retention.saved': 'Retention policy saved.',
  'admin.retention.unchanged': 'Nothing to save.',
  'admin.retention.lastRun': 'Last purge',
  'admin.retention.never': 'No purge has run yet.',
  'admin.retention.ranAt': 'Finished',
  'admin.retention.expiredMessages': 'Expired messages emptied',
  'admin.retention.retentionMessages': 'Old messages deleted',
  'admin.retention.sparedMessages': 'Old messages kept (archived or tagged)',
  'admin.retention.files': 'Files deleted',
  'admin.retention.fileBytes': 'Storage freed by files',
  'admin.retention.contentBytes': 'Text removed',
  'admin.retention.pendingBlobs': 'Files waiting to be deleted',
  'admin.retention.error': 'Stopped early: {error}. The next run continues.',
};
