// Shapes of the API answers used by the client. TODO: derive from the server's route schemas (AppType)
// once server/src/app.ts exports them.
export type Permission =
  | 'message.send.internal'
  | 'message.send.external'
  | 'message.manage'
  | 'department.manage'
  | 'data.view'
  | 'org.admin'
  | 'approval.admin';

export type Subject =
  | { kind: 'member'; id: string; employeeNo: string; name: string; email: string | null; locale: string | null }
  | { kind: 'contact'; id: string; name: string; email: string | null; company: string | null; locale: string | null };

export interface Me {
  subject: Subject;
  permissions: string[];
  mustChangePassword: boolean;
  csrfToken: string | null;
  via: 'session' | 'embed' | 'api-key';
}
